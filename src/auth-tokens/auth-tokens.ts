// Ephemeral tokens for the Live API (v1alpha `auth_tokens`): short-lived, use-limited credentials a
// server hands to a browser so it can open Live sessions without the API key.
import { create } from '../../generated/methods/authTokens.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { AuthToken } from '../../generated/types/AuthToken.js';
import type { BidiGenerateContentSetup } from '../../generated/types/BidiGenerateContentSetup.js';
import type { ClientTransport } from '../core/client-transport.js';
import type { CallOptions } from '../core/transport.js';
import { InvalidArgumentError } from '../core/errors.js';
import { prepareSetup } from '../live/setup.js';
import type { LiveConnectConfig } from '../live/types.js';
import { isObject } from '../core/json.js';

/** The Live configuration a token locks. */
export interface LiveConnectConstraints {
  /** Model the sessions must use. */
  model?: string;
  /** Configuration the sessions get (locked fields override what the client sends). */
  config?: LiveConnectConfig;
}

/** Parameters of `authTokens.create`. */
export interface CreateAuthTokenParams {
  /** Sessions the token may open (default 1; 0 = unlimited). Resuming a session does not use one. */
  uses?: number;
  /** After this, sessions using the token are rejected (default now + 30 min; < now + 20 h). */
  expireTime?: string | Date;
  /** No new sessions after this (default now + 60 s; < now + 20 h). */
  newSessionExpireTime?: string | Date;
  /** Model and configuration to lock. */
  liveConnectConstraints?: LiveConnectConstraints;
  /**
   * Locking: absent → every field of the constraints is locked; `[]` → only the fields present in the
   * constraints; names → those too (`temperature` etc. are generation fields).
   */
  lockAdditionalFields?: string[];
}

const GENERATION_FIELDS = new Set([
  'temperature',
  'topK',
  'topP',
  'maxOutputTokens',
  'responseModalities',
  'seed',
  'speechConfig',
]);

/** The field mask the official SDKs derive from the constraints and `lockAdditionalFields`. */
export function fieldMask(
  setup: BidiGenerateContentSetup | undefined,
  lock: string[] | undefined,
): string | undefined {
  if (lock === undefined) return undefined;
  if (!setup) return lock.length > 0 ? lock.join(',') : undefined;
  const paths: string[] = [];
  for (const [key, value] of Object.entries(setup)) {
    if (isObject(value) && Object.keys(value).length > 0)
      for (const sub of Object.keys(value)) paths.push(`${key}.${sub}`);
    else paths.push(key);
  }
  for (const f of lock) paths.push(GENERATION_FIELDS.has(f) ? `generationConfig.${f}` : f);
  return [...new Set(paths)].join(',');
}

function timestamp(value: string | Date | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`${field}: expected a Date or an RFC 3339 timestamp`);
  return date.toISOString();
}

/** Ephemeral auth tokens (v1alpha). */
export class AuthTokens {
  readonly #transport: ClientTransport;

  /** Uses the client's transport. */
  constructor(transport: ClientTransport) {
    this.#transport = transport;
  }

  /**
   * Creates a token (`POST /v1alpha/auth_tokens`). Its `name` (`auth_tokens/…`) is the secret: use it as
   * the `apiKey` of a client (or `accessToken` of `live.connect`) to open constrained Live sessions.
   */
  create(params: CreateAuthTokenParams = {}, options?: CallOptions): ApiPromise<AuthToken> {
    return respond(this.#transport, async (t) => {
      const { uses, liveConnectConstraints: c, lockAdditionalFields } = params;
      if (uses !== undefined && (!Number.isInteger(uses) || uses < 0)) {
        throw new InvalidArgumentError(`uses: expected a non-negative integer, got ${uses}`);
      }
      let setup: BidiGenerateContentSetup | undefined;
      if (c) {
        if (c.model === undefined) {
          const { model: _unused, ...rest } = prepareSetup('placeholder', c.config).setup;
          setup = rest;
        } else setup = prepareSetup(c.model, c.config).setup;
      }
      const body: AuthToken = {};
      if (uses !== undefined) body.uses = uses;
      const expireTime = timestamp(params.expireTime, 'expireTime');
      if (expireTime) body.expireTime = expireTime;
      const newSessionExpireTime = timestamp(params.newSessionExpireTime, 'newSessionExpireTime');
      if (newSessionExpireTime) body.newSessionExpireTime = newSessionExpireTime;
      if (setup) body.bidiGenerateContentSetup = setup;
      const mask = fieldMask(setup, lockAdditionalFields);
      if (mask) body.fieldMask = mask;
      return create(t, {}, body, options);
    });
  }
}
