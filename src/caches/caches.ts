// `client.caches`: explicit context caching (cachedContents) on top of the generated stubs.
import { CachedContentFields } from '../../generated/fields.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import * as stubs from '../../generated/methods/cachedContents.js';
import type { Transport } from '../../generated/transport.js';
import type { CachedContent } from '../../generated/types/CachedContent.js';
import type { ListCachedContentsResponse } from '../../generated/types/ListCachedContentsResponse.js';
import type { ToolConfig } from '../../generated/types/ToolConfig.js';
import { InvalidArgumentError } from '../core/errors.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';
import { applyConfig, type ConfigOptions, type ConfigShape } from '../models/config.js';
import { toContent, toContents, type ContentInput } from '../models/content.js';
import { modelName } from '../models/request.js';
import { ToolRunner, type Tools } from '../tools/runner.js';
import { expandTools } from '../tools/source.js';
import { expiryFields, type Expiry } from './expiry.js';

/** What to cache and for how long. `ttl` (seconds or `"300s"`) or `expireTime`, not both; default one hour. */
export interface CreateCacheInput extends Expiry {
  /** The model the cache is for (`gemini-2.5-flash` or `models/…`); it can only be used with that model. */
  model: string;
  /** The content to cache: text, parts, a Content or a conversation. */
  contents?: ContentInput | undefined;
  /** A system instruction to cache (text, parts or a Content). */
  systemInstruction?: ContentInput | undefined;
  /** Tools to cache: wire tools or functions from `defineFunction` (only their declarations are sent). */
  tools?: Tools | undefined;
  /** Tool config shared by every tool. */
  toolConfig?: ToolConfig | undefined;
  /** A display name (at most 128 characters). */
  displayName?: string | undefined;
  /** Any of the fields above the @google/genai way, plus `httpOptions` and `abortSignal`. */
  config?: (Omit<CreateCacheInput, 'model' | 'config'> & ConfigOptions) | undefined;
}

const CACHE_SHAPE: ConfigShape = { top: CachedContentFields.filter((f) => f !== 'model') };

/** A new expiry for a cache: `ttl` or `expireTime`, exactly one. */
export type UpdateCacheInput = Expiry;

/** Cache listing options. */
export interface ListCachesParams {
  /** Caches per page (max 1000). */
  pageSize?: number | undefined;
  /** Resume from this page token. */
  pageToken?: string | undefined;
}

/** A cache: its name (`cachedContents/abc`, or just `abc`) or an object with `name` (e.g. a `CachedContent`). */
export type CacheRef = string | { readonly name?: string | undefined };

/** `abc` → `cachedContents/abc`; full names and `{ name }` objects are kept. */
export function cacheName(ref: CacheRef): string {
  const name = typeof ref === 'string' ? ref : ref?.name;
  if (typeof name !== 'string' || !name.trim())
    throw new InvalidArgumentError('cache: expected a name such as "cachedContents/abc"');
  return name.includes('/') ? name : `cachedContents/${name}`;
}

/**
 * Context caches: content (long documents, system instructions, tools) processed once and reused by
 * later `generateContent` calls through `cachedContent: cache.name`. Used tokens appear as
 * `usageMetadata.cachedContentTokenCount`.
 */
export class Caches {
  readonly #t: Transport;

  /** Usually reached as `client.caches`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Creates a cache; the answer carries its `name`, `expireTime` and `usageMetadata.totalTokenCount`. */
  create(input: CreateCacheInput, callOptions?: CallOptions): ApiPromise<CachedContent> {
    return respond(this.#t, async (t) => {
      if (typeof input !== 'object' || input === null)
        throw new InvalidArgumentError('caches.create: expected an object');
      const [flat, options] = applyConfig(input, CACHE_SHAPE, callOptions);
      // A key the cache does not have would otherwise be dropped without a word.
      for (const k of Object.keys(flat))
        if (k !== 'model' && !CACHE_SHAPE.top.includes(k))
          throw new InvalidArgumentError(`caches.create: unknown field ${k}`);
      const { model, contents, systemInstruction, tools, toolConfig, displayName, ttl, expireTime } = flat;
      const body: CachedContent = {
        model: modelName(model),
        ...expiryFields({ ttl, expireTime }, false).fields,
      };
      if (contents !== undefined) body.contents = await toContents(contents);
      if (systemInstruction !== undefined) {
        body.systemInstruction =
          typeof systemInstruction === 'string'
            ? { parts: [{ text: systemInstruction }] }
            : await toContent(systemInstruction, 'systemInstruction');
      }
      if (tools !== undefined) {
        body.tools = new ToolRunner(await expandTools(tools)).tools;
      }
      if (toolConfig !== undefined) body.toolConfig = toolConfig;
      if (displayName !== undefined) body.displayName = displayName;
      return stubs.create(t, {}, body, options);
    });
  }

  /** Gets a cache's metadata (its contents are never returned). */
  get(cache: CacheRef, options?: CallOptions): ApiPromise<CachedContent> {
    return respond(this.#t, (t) => stubs.get(t, { name: cacheName(cache) }, options));
  }

  /** Lists caches: `await` for the first page, `for await` for every cache across pages. */
  list(
    params: ListCachesParams = {},
    options?: CallOptions,
  ): PagePromise<CachedContent, ListCachedContentsResponse> {
    const { pageToken, pageSize } = params;
    const only = { ...(pageSize === undefined ? {} : { pageSize }), pageToken };
    return PagePromise.over((p) => stubs.list(this.#t, p, options), only, 'cachedContents', options?.signal);
  }

  /**
   * Changes when a cache expires: `{ ttl: 600 }`, `{ ttl: '600s' }` or `{ expireTime: date }` (only
   * the expiry can change). Sends the matching `updateMask`.
   */
  update(cache: CacheRef, input: UpdateCacheInput, options?: CallOptions): ApiPromise<CachedContent> {
    return respond(this.#t, async (t) => {
      const name = cacheName(cache);
      if (typeof input !== 'object' || input === null)
        throw new InvalidArgumentError('caches.update: expected { ttl } or { expireTime }');
      const { fields, mask } = expiryFields(input, true);
      return stubs.patch(t, { name, updateMask: mask }, fields, options);
    });
  }

  /** Deletes a cache. */
  delete(cache: CacheRef, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await stubs.delete(t, { name: cacheName(cache) }, options);
    });
  }
}
