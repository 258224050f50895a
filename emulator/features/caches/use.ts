/**
 * Using a cache in generateContent: the request's `cachedContent` must name a live cache of the same
 * model, and the request may not set what the cache fixes (system instruction, tools, tool config).
 * The cached tokens are then counted into `usageMetadata` as the service does: part of
 * `promptTokenCount` and `totalTokenCount`, reported again as `cachedContentTokenCount`.
 */
import type { EmulatorCore } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import type { HandlerResult } from '../../registry.js';
import { cacheStore, type StoredCache } from './store.js';
import { isObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** The service's answer for a cache that does not exist (or expired). */
export function cacheNotFound(): RpcError {
  return new RpcError(403, 'CachedContent not found (or permission denied)', { status: 'PERMISSION_DENIED' });
}

/** The cache a generate request uses, checked; `undefined` when it names none. */
export function resolveCache(core: EmulatorCore, model: string, request: Obj): StoredCache | undefined {
  const name = request['cachedContent'];
  if (typeof name !== 'string' || name === '') return undefined;
  const cache = cacheStore(core).get(name);
  if (!cache) throw cacheNotFound();
  if (cache.model !== model) {
    throw invalidArgument(
      `Model used by GenerateContent request (${model}) and CachedContent (${cache.model}) has to be the same.`,
    );
  }
  if (
    request['systemInstruction'] !== undefined ||
    request['tools'] !== undefined ||
    request['toolConfig'] !== undefined
  ) {
    throw invalidArgument(
      'CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config.\n\nProposed fix: move those values to CachedContent from GenerateContent request.',
    );
  }
  return cache;
}

/** Adds the cached tokens to one response's `usageMetadata` (a new object; others are returned as they are). */
export function withCachedUsage(response: unknown, cache: StoredCache): unknown {
  if (!isObj(response) || !isObj(response['usageMetadata'])) return response;
  const u = response['usageMetadata'];
  const cached = cache.tokens.total;
  const num = (k: string): number => (typeof u[k] === 'number' ? (u[k] as number) : 0);
  const promptDetails = new Map<string, number>();
  for (const d of [
    ...(Array.isArray(u['promptTokensDetails']) ? u['promptTokensDetails'] : []),
    ...cache.tokens.details,
  ]) {
    if (isObj(d) && typeof d['modality'] === 'string') {
      promptDetails.set(
        d['modality'],
        (promptDetails.get(d['modality']) ?? 0) + Number(d['tokenCount'] ?? 0),
      );
    }
  }
  const usage = {
    ...u,
    promptTokenCount: num('promptTokenCount') + cached,
    totalTokenCount: num('totalTokenCount') + cached,
    cachedContentTokenCount: cached,
    promptTokensDetails: [...promptDetails].map(([modality, tokenCount]) => ({ modality, tokenCount })),
    cacheTokensDetails: cache.tokens.details,
  };
  return { ...response, usageMetadata: usage };
}

/** Applies the cache to a handler's result (a JSON body or every chunk of a stream). */
export function resultWithCache(result: HandlerResult, cache: StoredCache): HandlerResult {
  if (result.kind === 'json') return { ...result, body: withCachedUsage(result.body, cache) };
  if (result.kind !== 'stream') return result;
  const chunks = result.chunks;
  async function* mapped(): AsyncGenerator<unknown> {
    for await (const c of chunks) yield withCachedUsage(c, cache);
  }
  return {
    kind: 'stream',
    chunks: Array.isArray(chunks) ? chunks.map((c) => withCachedUsage(c, cache)) : mapped(),
  };
}
