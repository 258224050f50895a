// Reading a finished batch's per-request results: inline responses from the operation, or the
// results file streamed line by line through the files download path.
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { Status } from '../../generated/types/Status.js';
import { AbortError, GeminiError, InvalidArgumentError } from '../core/errors.js';
import type { Files } from '../files/files.js';
import { withHelpers } from '../models/response.js';
import { OperationError } from '../operations/error.js';
import type { Batch } from './batch.js';
import { readJsonl } from './jsonl.js';
import { isObject } from '../core/json.js';

/** Options of `Batch.results`. */
export interface ResultsOptions {
  /** Stops reading (and the results download) with `AbortError`. */
  signal?: AbortSignal | undefined;
}

/** Fields every result has. */
interface ResultBase {
  /** Position: the request's index for inline batches, the line's index in the results file otherwise. */
  index: number;
  /** The request's `key` (file line key, or the `key` given to an inline request). */
  key: string | undefined;
  /** Metadata echoed back with an inline request. */
  metadata: Record<string, unknown> | undefined;
}

/** One request's outcome: `ok` with its `response`, or not with its `error` (the google.rpc.Status, typed). */
export type BatchResult<R> =
  | (ResultBase & { ok: true; response: R; error?: undefined })
  | (ResultBase & { ok: false; response?: undefined; error: OperationError });

type Obj = Record<string, unknown>;

function toResult<R>(raw: unknown, index: number, batch: Batch): BatchResult<R> {
  if (!isObject(raw)) throw new GeminiError(`result ${index} of ${batch.name} is not an object`);
  const metadata = isObject(raw['metadata']) ? raw['metadata'] : undefined;
  const key =
    typeof raw['key'] === 'string'
      ? raw['key']
      : typeof metadata?.['key'] === 'string'
        ? metadata['key']
        : undefined;
  if (isObject(raw['error']) && raw['response'] === undefined) {
    const error = new OperationError(raw['error'] as Status, `${batch.name} request ${key ?? index}`);
    return { index, key, metadata, ok: false, error };
  }
  const response =
    batch.kind === 'generate' && isObject(raw['response'])
      ? withHelpers(raw['response'] as GenerateContentResponse)
      : raw['response'];
  return { index, key, metadata, ok: true, response: response as R };
}

/** Yields the results of a finished batch (see `Batch.results`). */
export async function* batchResults<R>(
  batch: Batch,
  files: Files,
  options: ResultsOptions,
): AsyncGenerator<BatchResult<R>, void, undefined> {
  if (!batch.done) {
    throw new InvalidArgumentError(
      `batch ${batch.name} is ${batch.state}: wait() for it before reading its results`,
    );
  }
  const fromMeta = (batch.resource as { output?: unknown }).output;
  const output = isObject(fromMeta)
    ? fromMeta
    : isObject(batch.operation.response)
      ? batch.operation.response
      : {};
  const wrapper = output['inlinedResponses'];
  const inline = isObject(wrapper) ? wrapper['inlinedResponses'] : undefined;
  if (Array.isArray(inline)) {
    for (let i = 0; i < inline.length; i++) {
      if (options.signal?.aborted) throw new AbortError(options.signal.reason);
      yield toResult<R>(inline[i], i, batch);
    }
    return;
  }
  const file = output['responsesFile'];
  if (typeof file === 'string' && file !== '') {
    const body = await files.download(file, options.signal ? { signal: options.signal } : {});
    let i = 0;
    for await (const { value } of readJsonl(body, options.signal)) yield toResult<R>(value, i++, batch);
    return;
  }
  const error = batch.error;
  if (error) throw error;
  if (batch.state !== 'SUCCEEDED')
    throw new InvalidArgumentError(`batch ${batch.name} is ${batch.state} and has no results`);
}
