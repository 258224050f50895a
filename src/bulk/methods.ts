// The three methods a bulk run can drive: how a raw item becomes a call, how a response is stored in
// the journal and revived, what an item costs in tokens, and (generate/embed) its batch kind.
import type { CountTokensResponse } from '../../generated/types/CountTokensResponse.js';
import type { EmbedContentResponse } from '../../generated/types/EmbedContentResponse.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import { isObject } from '../core/json.js';
import type { CallOptions } from '../core/transport.js';
import type { CountTokensInput, EmbedContentInput, Models } from '../models/models.js';
import type { GenerateContentInput } from '../models/request.js';
import { withHelpers, type GenerateContentResult } from '../models/response.js';

/** One item, ready to run. */
export interface PreparedInput<I> {
  /** The call input, with its model. */
  input: I;
  /** The item's key. */
  key: string | undefined;
}

/** A method a bulk run drives. */
export interface BulkMethod<I, R> {
  /** Name in messages and the journal header. */
  readonly name: 'generateContent' | 'embedContent' | 'countTokens';
  /** Its Batch API kind, if it has one. */
  readonly batchKind: 'generate' | 'embed' | undefined;
  /** Sends one request. */
  call(models: Models, input: I, options: CallOptions): Promise<R>;
  /** The response as read back from JSON (the journal, a batch results file). */
  revive(json: unknown): R;
  /** Tokens the response reports, if any. */
  usage(response: R): number | undefined;
}

type Obj = Record<string, unknown>;

/**
 * A raw item → call input: a string is the content; `{key, request}` (Batch API JSONL) is a wire request;
 * any other object is the method's input, with an optional `key`. Items without a model take `model`.
 */
export function prepareItem<I>(
  method: BulkMethod<I, unknown>,
  raw: unknown,
  model: string | undefined,
  index: number,
): PreparedInput<I> {
  const where = `item ${index}`;
  let key: string | undefined;
  let body: Obj;
  if (typeof raw === 'string') {
    body = method.name === 'embedContent' ? { content: raw } : { contents: raw };
  } else if (isObject(raw)) {
    const { key: k, metadata: _m, ...rest } = raw;
    if (k !== undefined && typeof k !== 'string' && typeof k !== 'number')
      throw new InvalidArgumentError(`${where}.key: expected a string`);
    key = k === undefined ? undefined : String(k);
    const own = method.name === 'embedContent' ? 'content' : 'contents';
    body = isObject(rest['request']) && !(own in rest) ? { ...rest['request'] } : rest;
  } else {
    throw new InvalidArgumentError(`${where}: expected a request object or a string`);
  }
  const m = typeof body['model'] === 'string' && body['model'] ? body['model'] : model;
  if (!m)
    throw new InvalidArgumentError(`${where}: no model (give the item a model, or the run a { model })`);
  return { input: { ...body, model: m } as I, key };
}

/** Characters of text in a request, for the ~4-characters-a-token estimate. */
export function textLength(v: unknown, depth = 0): number {
  if (typeof v === 'string') return v.length;
  if (depth > 8 || typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) for (const x of v) n += textLength(x, depth + 1);
  else
    for (const [k, x] of Object.entries(v))
      if (k !== 'model' && k !== 'data' && k !== 'inlineData') n += textLength(x, depth + 1);
  return n;
}

const tokens = (r: { usageMetadata?: { totalTokenCount?: number } } | undefined): number | undefined =>
  r?.usageMetadata?.totalTokenCount;

/** `models.generateContent`. */
export const GENERATE: BulkMethod<GenerateContentInput, GenerateContentResult> = {
  name: 'generateContent',
  batchKind: 'generate',
  call: (models, input, options) => models.generateContent(input, options),
  revive: (json) => withHelpers((isObject(json) ? json : {}) as GenerateContentResponse),
  usage: (r) => tokens(r),
};

/** `models.embedContent`. */
export const EMBED: BulkMethod<EmbedContentInput, EmbedContentResponse> = {
  name: 'embedContent',
  batchKind: 'embed',
  call: (models, input, options) => models.embedContent(input, options),
  revive: (json) => (isObject(json) ? json : {}) as EmbedContentResponse,
  usage: () => undefined,
};

/** `models.countTokens`. */
export const COUNT: BulkMethod<CountTokensInput, CountTokensResponse> = {
  name: 'countTokens',
  batchKind: undefined,
  call: (models, input, options) => models.countTokens(input, options),
  revive: (json) => (isObject(json) ? json : {}) as CountTokensResponse,
  usage: () => undefined,
};
