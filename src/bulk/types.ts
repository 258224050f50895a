// The public shapes of a bulk run: its options, one result per input item, progress and the summary.
import type { GeminiError } from '../core/errors.js';

/**
 * Where the items come from: an array, any (async) iterable, or the path of a JSONL file (Node; read
 * line by line, never loaded whole). A JSONL line is a request object or `{"key", "request"}` as in
 * Batch API input files.
 */
export type BulkSource<I> = readonly I[] | Iterable<I> | AsyncIterable<I> | string;

/** How the items are run: one request each (`online`), through the Batch API (`batch`), or picked (`auto`). */
export type BulkMode = 'online' | 'batch' | 'auto';

/** Fields every result has. */
interface BulkResultBase {
  /** Position of the item in the source (0-based). */
  index: number;
  /** The item's `key`, when it had one. */
  key?: string | undefined;
  /** Requests sent for this item in this process (0 when the result came from the journal or a batch). */
  attempts: number;
  /** The result was recorded by an earlier run of the same journal and is not sent again. */
  resumed?: boolean | undefined;
}

/** One item's outcome: its `response`, or its `error` (captured, never thrown). */
export type BulkResult<R> =
  | (BulkResultBase & { ok: true; response: R; error?: undefined })
  | (BulkResultBase & { ok: false; response?: undefined; error: GeminiError });

/** A snapshot of a run, given to progress listeners. */
export interface BulkProgress {
  /** Items with a result (succeeded + failed). */
  done: number;
  /** Items that succeeded. */
  succeeded: number;
  /** Items that failed for good. */
  failed: number;
  /** Requests on the wire now. */
  inFlight: number;
  /** Items in the source, when known (arrays, JSONL files, `total` option). */
  total: number | undefined;
  /** Tokens used so far (usageMetadata of the responses; estimates for responses without it). */
  tokens: number;
  /** Requests answered 429 so far. */
  rateLimited: number;
  /** The concurrency the runner allows itself now (adapts to 429s). */
  concurrency: number;
  /** Estimated ms until the end, when `total` is known and some items are done. */
  etaMs: number | undefined;
  /** Items done per second in this process. */
  perSecond: number;
  /** ms since the run started. */
  elapsedMs: number;
  /** `online` or `batch`: the engine actually running. */
  mode: 'online' | 'batch';
}

/** What a finished run did. */
export interface BulkSummary extends BulkProgress {
  /** Results taken from the journal of an earlier run (not sent again). */
  resumed: number;
  /** Requests sent in this process, retries included. */
  requests: number;
  /** Batch jobs used (batch mode). */
  batches: string[];
}

/** Options of `client.bulk.*`. */
export interface BulkOptions {
  /** Model for items that do not name one (required for JSONL `{"key","request"}` lines and for batch mode). */
  model?: string | undefined;
  /** Results in input order (default `true`) or as they complete (`false`). */
  ordered?: boolean | undefined;
  /** Most requests in flight at once (default 8). The runner lowers it on 429s and ramps back up. */
  concurrency?: number | undefined;
  /** Most requests started per minute (default: no limit). */
  requestsPerMinute?: number | undefined;
  /** Most tokens per minute, counted before sending and corrected from usageMetadata (default: no limit). */
  tokensPerMinute?: number | undefined;
  /**
   * How tokens are counted for `tokensPerMinute`: `local` uses `LocalTokenizer` when its optional package
   * is installed and knows the model, `estimate` uses ~4 characters a token, or your own function.
   * Default: `local`, falling back to the estimate.
   */
  tokenizer?: 'local' | 'estimate' | ((item: unknown) => number | Promise<number>) | undefined;
  /** Retries of a retryable failure (429, 408, 5xx, network) per item (default 10). */
  maxRetries?: number | undefined;
  /**
   * A file recording every finished item (Node). Run again with the same path and source to resume: finished
   * items are not sent again and come back from the journal (`resumed: true`); batch jobs are re-attached.
   */
  journal?: string | undefined;
  /** Number of items, when the source cannot tell (for progress and `mode: 'auto'`). */
  total?: number | undefined;
  /** Stops the run: nothing more is sent, the iteration rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with a snapshot at most every `progressInterval` ms, and once at the end. */
  onProgress?: ((progress: BulkProgress) => void) | undefined;
  /** Least ms between two `onProgress` calls (default 200). */
  progressInterval?: number | undefined;
  /** `online` (default), `batch` (generateContent / embedContent only) or `auto`. */
  mode?: BulkMode | undefined;
  /** `auto`: the time the whole run may take (ms); the Batch API targets 24 h, so shorter deadlines run online. */
  deadline?: number | undefined;
  /** `auto`: the least items worth a batch job (default 1000). */
  batchThreshold?: number | undefined;
  /** Batch mode settings. */
  batch?: BulkBatchOptions | undefined;
}

/** Batch mode settings. */
export interface BulkBatchOptions {
  /** Most items per batch job (default 50,000). */
  maxItems?: number | undefined;
  /** Most bytes of JSONL per batch input file (default 1.9 GB, under the Files API's 2 GB). */
  maxBytes?: number | undefined;
  /** Poll interval while waiting for a batch, in ms (default: backing off from 1 s to 30 s). */
  pollInterval?: number | undefined;
  /** Failed items of a batch: re-run `online` (default), in a follow-up `batch`, or keep the error (`none`). */
  retryFailed?: 'online' | 'batch' | 'none' | undefined;
  /** Display name prefix of the batch jobs. */
  displayName?: string | undefined;
}
