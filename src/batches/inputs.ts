// Batch inputs: friendly per-request inputs (the same ones generateContent / embedContent take, plus
// `key` and `metadata`) → the wire's inlined requests, or JSONL lines `{"key", "request"}` for a file.
import type { EmbedContentRequest } from '../../generated/types/EmbedContentRequest.js';
import type { GenerateContentRequest } from '../../generated/types/GenerateContentRequest.js';
import { InvalidArgumentError } from '../core/errors.js';
import { toContent, type ContentInput } from '../models/content.js';
import { prepareRequest, type GenerateContentInput } from '../models/request.js';
import { ToolRunner } from '../tools/runner.js';
import { isObject } from '../core/json.js';

/** What every batch request may carry besides the request itself. */
export interface BatchRequestTags {
  /** Your id for the request; comes back on its result (`result.key`). Files default to the request's index. */
  key?: string | undefined;
  /** Free-form metadata echoed back with inline results (not sent for file inputs). */
  metadata?: Record<string, unknown> | undefined;
}

/** One generateContent request of a batch: a generateContent input without `model`. */
export type BatchGenerateRequest = Omit<GenerateContentInput, 'model' | 'automaticFunctionCalling'> &
  BatchRequestTags;

/** One embedContent request of a batch: an embedContent input without `model`. */
export type BatchEmbedRequest = Omit<EmbedContentRequest, 'model' | 'content'> & {
  content: ContentInput;
} & BatchRequestTags;

/** A request already in wire form (`{ request, metadata }` as the API's `InlinedRequest`). */
export interface WireBatchRequest<R> extends BatchRequestTags {
  /** The wire request; its `model` is filled in. */
  request: R;
}

/** An item of a generateContent batch. */
export type BatchGenerateItem = BatchGenerateRequest | WireBatchRequest<GenerateContentRequest>;

/** An item of an embedding batch. */
export type BatchEmbedItem = BatchEmbedRequest | WireBatchRequest<EmbedContentRequest>;

/** A request ready for the wire, with its tags. */
export interface PreparedItem<R> {
  request: R;
  key: string | undefined;
  metadata: Record<string, unknown> | undefined;
}

type Obj = Record<string, unknown>;

function tags(item: Obj, where: string): { key: string | undefined; metadata: Obj | undefined } {
  const { key, metadata } = item;
  if (key !== undefined && typeof key !== 'string')
    throw new InvalidArgumentError(`${where}.key: expected a string`);
  if (metadata !== undefined && !isObject(metadata))
    throw new InvalidArgumentError(`${where}.metadata: expected an object`);
  return { key, metadata };
}

const isWire = (item: Obj, own: string): boolean => isObject(item['request']) && !(own in item);

/** A generateContent batch item → wire request for `model` (`models/…`). */
export async function prepareGenerate(
  item: BatchGenerateItem,
  model: string,
  where: string,
): Promise<PreparedItem<GenerateContentRequest>> {
  if (!isObject(item)) throw new InvalidArgumentError(`${where}: expected a request object`);
  const { key, metadata } = tags(item, where);
  if (isWire(item, 'contents')) {
    return {
      request: { ...(item as WireBatchRequest<GenerateContentRequest>).request, model },
      key,
      metadata,
    };
  }
  const { key: _k, metadata: _m, ...input } = item as BatchGenerateRequest;
  try {
    const prepared = await prepareRequest(
      { ...input, model } as GenerateContentInput,
      undefined,
      (tools) => new ToolRunner(tools).tools, // checked and converted as for a call; nothing runs in a batch
    );
    // A batch request is not a call of its own: per-call options have nowhere to go.
    if (Object.keys(prepared.options ?? {}).length)
      throw new InvalidArgumentError(
        'config.httpOptions / config.abortSignal: not available per batch request',
      );
    return { request: { ...prepared.body, model }, key, metadata };
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new InvalidArgumentError(`${where}: ${e.message}`);
    throw e;
  }
}

/** An embedding batch item → wire request for `model`. */
export async function prepareEmbed(
  item: BatchEmbedItem,
  model: string,
  where: string,
): Promise<PreparedItem<EmbedContentRequest>> {
  if (!isObject(item)) throw new InvalidArgumentError(`${where}: expected a request object`);
  const { key, metadata } = tags(item, where);
  if (isWire(item, 'content')) {
    return { request: { ...(item as WireBatchRequest<EmbedContentRequest>).request, model }, key, metadata };
  }
  const { key: _k, metadata: _m, content, ...rest } = item as BatchEmbedRequest;
  if (content === undefined || content === null) throw new InvalidArgumentError(`${where}.content: required`);
  return {
    request: { ...rest, model, content: await toContent(content, `${where}.content`) },
    key,
    metadata,
  };
}

/** The wire `InlinedRequest`: the key travels in `metadata.key`, so inline results carry it back. */
export function inlined<R>(p: PreparedItem<R>): { request: R; metadata?: Obj } {
  const metadata = p.key === undefined ? p.metadata : { ...p.metadata, key: p.key };
  return metadata === undefined ? { request: p.request } : { request: p.request, metadata };
}

/** The JSONL line of a file input: `{"key": …, "request": …}` (index as key when none was given). */
export function jsonlLine<R>(p: PreparedItem<R>, index: number): { key: string; request: R } {
  return { key: p.key ?? String(index), request: p.request };
}
