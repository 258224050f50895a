/**
 * Ephemeral auth tokens (POST /v1alpha/auth_tokens): defaults (1 use, expire in 30 min, new sessions for
 * 60 s), the 20 h limit, use counting at session start (a resume uses none), expiry on the emulator clock,
 * and the locked setup merged over what the client sends (protocols/ephemeral-tokens.md).
 */
import type { EmulatorCore } from '../../core.js';
import { invalidArgument } from '../../errors.js';
import { json, type ApiCall } from '../../registry.js';
import { policy, type LiveClose } from './close.js';
import { isObj, isUnsafeKey, setOwn } from '../../json.js';

type Obj = Record<string, unknown>;

/** One issued token. */
export interface TokenRecord {
  /** `auth_tokens/…` (the secret). */
  readonly name: string;
  /** Sessions it may still open (`Infinity` for unlimited). */
  usesLeft: number;
  /** Epoch ms after which sessions using it are rejected. */
  readonly expireAt: number;
  /** Epoch ms after which no new session may start. */
  readonly newSessionExpireAt: number;
  /** The locked setup, if any. */
  readonly setup: Obj | undefined;
  /** Locked paths (`model`, `generationConfig.temperature`, …); `undefined` = every field of `setup`. */
  readonly mask: readonly string[] | undefined;
}

const MINUTE = 60_000;
const LIMIT_MS = 20 * 60 * MINUTE;

function parseTime(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(String(value));
  if (Number.isNaN(t))
    throw invalidArgument(
      `Invalid value at '${field}' (type.googleapis.com/google.protobuf.Timestamp), "${String(value)}"`,
    );
  return t;
}

/** Tokens of one emulator instance. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly core: EmulatorCore) {}

  /** The `authTokens.create` handler. */
  create(call: ApiCall): ReturnType<typeof json> {
    const body = isObj(call.body) ? call.body : {};
    const now = this.core.clock.now();
    const expireAt = parseTime(body['expireTime'], 'expire_time') ?? now + 30 * MINUTE;
    const newSessionExpireAt =
      parseTime(body['newSessionExpireTime'], 'new_session_expire_time') ?? now + MINUTE;
    if (expireAt >= now + LIMIT_MS) throw invalidArgument('expire_time must be less than 20 hours from now.');
    if (newSessionExpireAt >= now + LIMIT_MS)
      throw invalidArgument('new_session_expire_time must be less than 20 hours from now.');
    const uses = typeof body['uses'] === 'number' ? body['uses'] : 1;
    if (!Number.isInteger(uses) || uses < 0) throw invalidArgument('uses must be a non-negative integer.');
    const mask =
      typeof body['fieldMask'] === 'string' && body['fieldMask']
        ? body['fieldMask'].split(',').map((s) => s.trim())
        : undefined;
    // A lock path is walked into the session setup later: it may never name the prototype machinery.
    const unsafe = mask?.find((p) => p.split('.').some((seg) => seg === '' || isUnsafeKey(seg)));
    if (unsafe !== undefined) throw invalidArgument(`Invalid field mask path "${unsafe}" in field_mask.`);
    const setup = isObj(body['bidiGenerateContentSetup']) ? body['bidiGenerateContentSetup'] : undefined;
    const name = `auth_tokens/${this.core.newId(40)}`;
    this.tokens.set(name, {
      name,
      usesLeft: uses === 0 ? Infinity : uses,
      expireAt,
      newSessionExpireAt,
      setup,
      mask,
    });
    return json({ name });
  }

  /** The token, if it exists. */
  get(name: string): TokenRecord | undefined {
    return this.tokens.get(name);
  }

  /** Why `token` cannot be used now (`undefined`: it can); `resume`: resuming needs no new-session window or use. */
  check(token: TokenRecord | undefined, resume: boolean): LiveClose | undefined {
    const now = this.core.clock.now();
    if (!token) return policy('API key not valid. Please pass a valid API key.');
    if (now >= token.expireAt) return policy('The auth token has expired.');
    if (resume) return undefined;
    if (now >= token.newSessionExpireAt)
      return policy('The auth token can no longer start new sessions (newSessionExpireTime has passed).');
    if (token.usesLeft <= 0) return policy('The auth token has no uses left.');
    return undefined;
  }

  /** Counts one session start. */
  use(token: TokenRecord): void {
    token.usesLeft -= 1;
  }

  /** Drops every token. */
  clear(): void {
    this.tokens.clear();
  }
}

// Own properties only, and never through `__proto__`/`constructor`/`prototype` (refused at create too).
function getPath(o: Obj, path: string[]): unknown {
  let v: unknown = o;
  for (const p of path) v = isObj(v) && !isUnsafeKey(p) && Object.hasOwn(v, p) ? v[p] : undefined;
  return v;
}

function setPath(o: Obj, path: string[], value: unknown): void {
  if (path.some(isUnsafeKey)) return;
  let cur = o;
  for (const p of path.slice(0, -1)) {
    if (!Object.hasOwn(cur, p) || !isObj(cur[p])) setOwn(cur, p, {});
    cur = cur[p] as Obj;
  }
  setOwn(cur, path[path.length - 1]!, value);
}

/** The client's setup with the token's locked fields written over it (no error on conflict). */
export function applyLocks(client: Obj, token: TokenRecord): Obj {
  if (!token.setup) return client;
  const out = structuredClone(client);
  if (token.mask === undefined) {
    for (const [k, v] of Object.entries(token.setup)) {
      const mine = Object.hasOwn(out, k) ? out[k] : undefined;
      setOwn(out, k, isObj(v) && isObj(mine) ? { ...mine, ...structuredClone(v) } : structuredClone(v));
    }
    return out;
  }
  for (const path of token.mask) {
    const parts = path.split('.');
    const v = getPath(token.setup, parts);
    if (v !== undefined) setPath(out, parts, structuredClone(v));
  }
  return out;
}
