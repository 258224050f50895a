/**
 * The cached contents of one emulator instance. A cache lives until its `expireTime` on the emulated
 * clock: expiry is checked on every read, so `control.clock.advance(ms)` expires caches without waiting.
 */
import { createHash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { TokenCounter, type TokenCount } from '../generation/tokens.js';

type Obj = Readonly<Record<string, unknown>>;

/** Default lifetime of a cache created without `ttl` or `expireTime` (the service's one hour). */
export const DEFAULT_CACHE_TTL_MS = 60 * 60 * 1000;

/** One stored cache. */
export interface StoredCache {
  readonly name: string;
  readonly model: string;
  readonly displayName: string;
  readonly createdAt: number;
  updatedAt: number;
  expireAt: number;
  /** The cached request parts, as sent. */
  readonly contents: readonly unknown[];
  readonly systemInstruction: unknown;
  readonly tools: readonly unknown[] | undefined;
  readonly toolConfig: unknown;
  /** Tokens of the cached parts, by modality. */
  readonly tokens: TokenCount;
}

/** What a new cache needs. */
export interface NewCache {
  readonly model: string;
  readonly displayName?: string | undefined;
  readonly expireAt: number;
  readonly body: Obj;
}

/** `cachedContents/<40 lowercase alphanumerics>`, like `1e9odc8cm11aab2truxzl4pdxjjxtss4k3gvture`. */
function cacheId(core: EmulatorCore): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256')
    .update(`cache:${core.newId(32)}`)
    .digest();
  let out = '';
  for (let i = 0; i < 40; i++) out += alphabet[(digest[i % digest.length] ?? 0) % alphabet.length];
  return out;
}

/** Recorded create/update times carry microseconds (`2026-08-19T14:34:12.817004Z`). */
export function microTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** Nanosecond timestamps as recorded for `expireTime` (`…11.796558493Z`). */
export function nanoTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

/** Counts the tokens a cache holds: contents, system instruction and tools. */
export function countCacheTokens(body: Obj): TokenCount {
  const counter = new TokenCounter();
  counter.request({
    contents: body['contents'] ?? [],
    systemInstruction: body['systemInstruction'],
    tools: body['tools'],
  });
  return counter.result();
}

/** The cache map of one instance. */
export class CacheStore {
  private readonly caches = new Map<string, StoredCache>();

  constructor(private readonly core: EmulatorCore) {}

  /** Adds a cache. */
  add(input: NewCache): StoredCache {
    const now = this.core.clock.now();
    const b = input.body;
    const cache: StoredCache = {
      name: `cachedContents/${cacheId(this.core)}`,
      model: input.model,
      displayName: input.displayName ?? '',
      createdAt: now,
      updatedAt: now,
      expireAt: input.expireAt,
      contents: Array.isArray(b['contents']) ? b['contents'] : [],
      systemInstruction: b['systemInstruction'],
      tools: Array.isArray(b['tools']) ? b['tools'] : undefined,
      toolConfig: b['toolConfig'],
      tokens: countCacheTokens(b),
    };
    this.caches.set(cache.name, cache);
    return cache;
  }

  /** A live cache (expired ones are removed on the way). */
  get(name: string): StoredCache | undefined {
    const c = this.caches.get(name);
    if (c && this.core.clock.now() >= c.expireAt) {
      this.caches.delete(name);
      return undefined;
    }
    return c;
  }

  /** Every live cache, newest first. */
  list(): StoredCache[] {
    return [...this.caches.keys()]
      .map((n) => this.get(n))
      .filter((c): c is StoredCache => c !== undefined)
      .reverse();
  }

  /** Deletes a cache; false when there was none. */
  delete(name: string): boolean {
    return this.get(name) !== undefined && this.caches.delete(name);
  }

  /** Forgets every cache. */
  clear(): void {
    this.caches.clear();
  }

  /** The `CachedContent` resource as the service prints it (input-only fields are never echoed). */
  view(c: StoredCache): Record<string, unknown> {
    return {
      name: c.name,
      model: c.model,
      createTime: microTimestamp(c.createdAt),
      updateTime: microTimestamp(c.updatedAt),
      expireTime: nanoTimestamp(c.expireAt),
      displayName: c.displayName,
      usageMetadata: { totalTokenCount: c.tokens.total },
    };
  }
}

const stores = new WeakMap<EmulatorCore, CacheStore>();

/** The cache store of an instance (shared by the caches area, generation and batches). */
export function cacheStore(core: EmulatorCore): CacheStore {
  let store = stores.get(core);
  if (!store) {
    store = new CacheStore(core);
    stores.set(core, store);
  }
  return store;
}
