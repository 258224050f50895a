/**
 * The cachedContents area: create / get / list / patch (ttl or expireTime) / delete, expiry on the
 * emulated clock, and the use of a cache by generateContent and streamGenerateContent (the handlers
 * the generation area registered are wrapped, so this area must be installed after it).
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { json, type ApiCall, type Handler } from '../../registry.js';
import { requireModel } from '../models/lookup.js';
import { listPage } from '../models/page-token.js';
import { DEFAULT_CACHE_TTL_MS, cacheStore, type CacheStore } from './store.js';
import { cacheNotFound, resolveCache, resultWithCache } from './use.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** Settings of the caches area. */
export interface CachesSettings {
  /**
   * Smallest cache in tokens (the service asks 1024 for Flash, 4096 for Pro). Default 0: the emulator
   * counts tokens roughly, so tests with short contexts still work; set it to mimic the real check.
   */
  minTokens: number;
  /** Lifetime of a cache created without ttl or expireTime (default one hour). */
  defaultTtlMs: number;
}

/** `control.caches`: inspect caches and tune the area. */
export interface CachesControl {
  /** Changes settings (unset fields keep their value); returns the settings in force. */
  configure(settings: Partial<CachesSettings>): CachesSettings;
  /** Every live cache as a `CachedContent` resource, newest first. */
  list(): Record<string, unknown>[];
  /** Expires a cache now, as if its expireTime had passed. */
  expire(name: string): void;
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Cached contents. */
    readonly caches: CachesControl;
  }
}

/** `"300s"`, `"1.5s"` → milliseconds (the body validator already checked the format). */
export function durationMs(ttl: string): number {
  return Math.round(Number(ttl.slice(0, -1)) * 1000);
}

/** The new expiry from `ttl` / `expireTime` (exactly one), checked against now. */
function expiryFrom(core: EmulatorCore, body: Obj, fallbackMs: number | undefined): number {
  const ttl = body['ttl'];
  const expireTime = body['expireTime'];
  const now = core.clock.now();
  if (ttl !== undefined && expireTime !== undefined) {
    throw invalidArgument('Only one of ttl and expire_time may be set.');
  }
  if (typeof ttl === 'string') {
    const ms = durationMs(ttl);
    if (ms <= 0) throw invalidArgument(`ttl must be positive, got ${ttl}.`);
    return now + ms;
  }
  if (typeof expireTime === 'string') {
    const at = Date.parse(expireTime);
    if (!(at > now)) throw invalidArgument(`expire_time must be in the future, got ${expireTime}.`);
    return at;
  }
  if (fallbackMs === undefined)
    throw invalidArgument('Either ttl or expire_time must be set to update a CachedContent.');
  return now + fallbackMs;
}

const MUTABLE = new Set(['ttl', 'expireTime', 'expire_time']);

function requireCache(store: CacheStore, call: ApiCall): ReturnType<CacheStore['add']> {
  const c = store.get(call.params['name'] ?? '');
  if (!c) throw cacheNotFound();
  return c;
}

/** Wraps a registered generate handler so that `cachedContent` is checked and counted. */
function withCacheSupport(core: EmulatorCore, inner: Handler): Handler {
  return async (call) => {
    const cache = resolveCache(core, call.params['model'] ?? '', asObj(call.body));
    const result = await inner(call);
    return cache ? resultWithCache(result, cache) : result;
  };
}

/** Installs the cachedContents handlers. */
export const cachesFeature: EmulatorFeature = {
  name: 'caches',
  install(core: EmulatorCore) {
    const store = cacheStore(core);
    const settings: CachesSettings = { minTokens: 0, defaultTtlMs: DEFAULT_CACHE_TTL_MS };

    core.registry.register('cachedContents.create', (call) => {
      const body = asObj(call.body);
      const model = typeof body['model'] === 'string' ? body['model'] : '';
      if (!model) throw invalidArgument('* CachedContent.model: model is not specified\n');
      requireModel(core, model, call.version, 'createCachedContent');
      const displayName = body['displayName'];
      if (typeof displayName === 'string' && [...displayName].length > 128) {
        throw invalidArgument('display_name must be at most 128 characters.');
      }
      const expireAt = expiryFrom(core, body, settings.defaultTtlMs);
      const probe = store.add({ model, displayName: displayName as string | undefined, expireAt, body });
      if (probe.tokens.total < settings.minTokens) {
        store.delete(probe.name);
        throw invalidArgument(
          `Cached content is too small. total_token_count=${probe.tokens.total}, min_total_token_count=${settings.minTokens}`,
        );
      }
      return json(store.view(probe));
    });

    core.registry.register('cachedContents.get', (call) => json(store.view(requireCache(store, call))));

    core.registry.register('cachedContents.list', (call) => {
      const options = { key: 'cachedContents', defaultSize: 10, maxSize: 1000 };
      return json(listPage(call.query, store.list(), { ...options, view: (c) => store.view(c) }));
    });

    core.registry.register('cachedContents.patch', (call) => {
      const cache = requireCache(store, call);
      const body = asObj(call.body);
      const mask = call.query['updateMask'];
      // Recorded: clients send `{"ttl": "600s"}` without a mask; the fields present are then the mask.
      const paths =
        typeof mask === 'string' && mask !== ''
          ? mask.split(',').map((p) => p.trim())
          : Object.keys(body).filter((k) => body[k] !== undefined);
      const immutable = paths.filter((p) => !MUTABLE.has(p));
      if (immutable.length > 0) {
        throw invalidArgument(
          `Only ttl and expire_time can be updated; the update mask names ${immutable.join(', ')}.`,
        );
      }
      const masked: Record<string, unknown> = {};
      for (const p of paths) {
        const key = p === 'expire_time' ? 'expireTime' : p;
        if (body[key] !== undefined) masked[key] = body[key];
      }
      cache.expireAt = expiryFrom(core, masked, undefined);
      cache.updatedAt = core.clock.now();
      return json(store.view(cache));
    });

    core.registry.register('cachedContents.delete', (call) => {
      const name = call.params['name'] ?? '';
      if (!store.delete(name)) throw cacheNotFound();
      return json({});
    });

    for (const id of ['models.generateContent', 'models.streamGenerateContent']) {
      const inner = core.registry.get(id, 'rest');
      if (inner) core.registry.register(id, withCacheSupport(core, inner));
    }

    const control: CachesControl = {
      configure(next) {
        if (next.minTokens !== undefined) {
          if (!Number.isInteger(next.minTokens) || next.minTokens < 0)
            throw new RangeError(`minTokens must be >= 0, got ${next.minTokens}`);
          settings.minTokens = next.minTokens;
        }
        if (next.defaultTtlMs !== undefined) {
          if (!(next.defaultTtlMs > 0))
            throw new RangeError(`defaultTtlMs must be > 0, got ${next.defaultTtlMs}`);
          settings.defaultTtlMs = next.defaultTtlMs;
        }
        return { ...settings };
      },
      list: () => store.list().map((c) => store.view(c)),
      expire(name) {
        const c = store.get(name);
        if (!c) throw new Error(`no cache named ${name}`);
        c.expireAt = core.clock.now();
      },
    };
    core.extendControl('caches', control);
    core.onReset(() => {
      store.clear();
      settings.minTokens = 0;
      settings.defaultTtlMs = DEFAULT_CACHE_TTL_MS;
    });
    core.controlRoutes.add('GET', 'caches', () => ({ cachedContents: control.list() }));
    core.controlRoutes.add('POST', 'caches/configure', (body) =>
      control.configure(asObj(body) as Partial<CachesSettings>),
    );
    core.controlRoutes.add('POST', 'caches/*/expire', (_b, _q, path) => {
      try {
        control.expire(`cachedContents/${path.split('/')[1] ?? ''}`);
      } catch (e) {
        throw new RpcError(404, (e as Error).message);
      }
    });
  },
};
