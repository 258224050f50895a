// `Batch`: one batch job (a long-running operation whose metadata is the batch) you can refresh, wait
// for, read results from, cancel, update and delete.
import * as stubs from '../../generated/methods/batches.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { EmbedContentBatch } from '../../generated/types/EmbedContentBatch.js';
import type { EmbedContentResponse } from '../../generated/types/EmbedContentResponse.js';
import type { GenerateContentBatch } from '../../generated/types/GenerateContentBatch.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { ClientTransport } from '../core/client-transport.js';
import type { CallOptions } from '../core/transport.js';
import type { Files } from '../files/files.js';
import type { GenerateContentResult } from '../models/response.js';
import { OperationError } from '../operations/error.js';
import { Operation, type OperationResource } from '../operations/operation.js';
import { poll, type PollOptions } from '../operations/poll.js';
import { batchResults, type BatchResult, type ResultsOptions } from './results.js';

/** The two kinds of batch: generateContent (`batchGenerateContent`) and embeddings (`asyncBatchEmbedContent`). */
export type BatchKind = 'generate' | 'embed';

/** Batch states without the wire's `BATCH_STATE_` prefix. */
export type BatchState =
  'UNSPECIFIED' | 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';

/** The batch resource of a kind. */
export type BatchResource<K extends BatchKind = BatchKind> = K extends 'embed'
  ? EmbedContentBatch
  : GenerateContentBatch;

/** What one successful request of a kind produced (generate results carry the `.text`… helpers). */
export type BatchResponse<K extends BatchKind = BatchKind> = K extends 'embed'
  ? EmbedContentResponse
  : GenerateContentResult;

/** Progress figures from the batch stats, as numbers. */
export interface BatchProgress {
  /** Requests in the batch. */
  requestCount: number;
  /** Requests that succeeded so far. */
  successfulRequestCount: number;
  /** Requests that failed so far. */
  failedRequestCount: number;
  /** Requests not processed yet. */
  pendingRequestCount: number;
  /** Processed share, 0..1. */
  fraction: number;
}

/** Options of `Batch.wait`. */
export interface BatchWaitOptions<K extends BatchKind = BatchKind> extends PollOptions {
  /** Fixed delay between polls in ms (shorthand for `initialDelay` = `maxDelay`). */
  pollInterval?: number | undefined;
  /** Called after every poll with the refreshed batch (`batch.state`, `batch.progress`). */
  onProgress?: ((batch: Batch<K>) => void) | undefined;
}

/** What a batch needs to talk to the API. */
export interface BatchContext {
  /** The client's transport. */
  readonly transport: ClientTransport;
  /** Downloads results files. */
  readonly files: Files;
}

const TERMINAL: ReadonlySet<BatchState> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED']);

/** `BATCH_STATE_RUNNING` (or `JOB_STATE_RUNNING`) → `RUNNING`. */
export function shortState(state: string | undefined): BatchState {
  const s = (state ?? '').replace(/^(BATCH|JOB)_STATE_/, '');
  return (
    (['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const).find((x) => x === s) ??
    'UNSPECIFIED'
  );
}

/** The kind of a batch operation, from its metadata `@type`. */
export function kindOf(op: OperationResource): BatchKind {
  const type = op.metadata?.['@type'];
  return typeof type === 'string' && type.endsWith('EmbedContentBatch') ? 'embed' : 'generate';
}

const count = (v: unknown): number => (typeof v === 'string' || typeof v === 'number' ? Number(v) || 0 : 0);

/**
 * A batch job. `state`, `progress`, `resource` and `error` describe the last state seen; `refresh()`
 * fetches a new one; `wait()` polls until a terminal state (SUCCEEDED, FAILED, CANCELLED, EXPIRED) and
 * resolves with the batch whichever it is; `results()` streams the per-request results.
 */
export class Batch<K extends BatchKind = BatchKind> {
  #op: OperationResource;
  readonly #ctx: BatchContext;
  /** Which kind of requests the batch runs. */
  readonly kind: K;

  /** Wraps a batch operation as received (`batches.get`, `batchGenerateContent`, …). */
  constructor(op: OperationResource, kind: K, ctx: BatchContext) {
    this.#op = op;
    this.kind = kind;
    this.#ctx = ctx;
  }

  /** `batches/…`. */
  get name(): string {
    return this.#op.name ?? (this.resource.name as string | undefined) ?? '';
  }

  /** The batch resource (model, displayName, times, stats, state, output). */
  get resource(): BatchResource<K> {
    const { '@type': _type, ...rest } = (this.#op.metadata ?? {}) as Record<string, unknown>;
    return rest as BatchResource<K>;
  }

  /** The state, e.g. `RUNNING`. */
  get state(): BatchState {
    return shortState(this.resource.state);
  }

  /** Whether the batch reached a terminal state. */
  get done(): boolean {
    return TERMINAL.has(this.state) || this.#op.done === true;
  }

  /** Progress figures from `batchStats`. */
  get progress(): BatchProgress {
    const s = (this.resource.batchStats ?? {}) as Record<string, unknown>;
    const requestCount = count(s['requestCount']);
    const successfulRequestCount = count(s['successfulRequestCount']);
    const failedRequestCount = count(s['failedRequestCount']);
    const pendingRequestCount =
      s['pendingRequestCount'] !== undefined
        ? count(s['pendingRequestCount'])
        : Math.max(0, requestCount - successfulRequestCount - failedRequestCount);
    const processed = requestCount - pendingRequestCount;
    return {
      requestCount,
      successfulRequestCount,
      failedRequestCount,
      pendingRequestCount,
      fraction: requestCount > 0 ? processed / requestCount : this.done ? 1 : 0,
    };
  }

  /** Why the batch failed, was cancelled or expired (google.rpc.Status as a typed error). */
  get error(): OperationError | undefined {
    const e = this.#op.error;
    return e ? new OperationError(e, this.name) : undefined;
  }

  /** The latest wire state (the google.longrunning.Operation). */
  get operation(): OperationResource {
    return this.#op;
  }

  /** The same batch as a generic `Operation` (its `wait()` rejects with `OperationError` unless it succeeded). */
  asOperation(): Operation<Record<string, unknown>, BatchResource<K>> {
    return new Operation<Record<string, unknown>, BatchResource<K>>(
      this.#op as OperationResource<Record<string, unknown>, BatchResource<K>>,
      (name, options) =>
        stubs.get(this.#ctx.transport, { name }, options) as Promise<
          OperationResource<Record<string, unknown>, BatchResource<K>>
        >,
    );
  }

  /** Fetches the latest state once. */
  refresh(options?: CallOptions): ApiPromise<this> {
    return respond(this.#ctx.transport, async (t) => {
      this.#op = await stubs.get(t, { name: this.#named() }, options);
      return this;
    });
  }

  /**
   * Polls until the batch is SUCCEEDED, FAILED, CANCELLED or EXPIRED and resolves with it (check
   * `state`; a failed batch does not reject). `signal` aborts (`AbortError`), `timeout` gives up
   * (`TimeoutError`); polls back off from `initialDelay` (1 s) by `multiplier` (1.5) up to `maxDelay` (30 s),
   * or every `pollInterval` ms.
   */
  wait(options: BatchWaitOptions<K> = {}): ApiPromise<this> {
    return respond(this.#ctx.transport, async (t) => {
      const { onProgress, pollInterval, ...rest } = options;
      const timing: PollOptions = { maxDelay: 30_000, ...rest };
      if (pollInterval !== undefined) {
        if (!(pollInterval >= 0))
          throw new InvalidArgumentError(`pollInterval must be >= 0, got ${pollInterval}`);
        timing.initialDelay = pollInterval;
        timing.maxDelay = Math.max(pollInterval, rest.maxDelay ?? pollInterval);
      }
      const initial = this.#op;
      await poll<OperationResource>(
        {
          initial,
          label: `batch ${this.name}`,
          fetch: (signal) => stubs.get(t, { name: this.#named() }, { signal }),
          isDone: (op) =>
            TERMINAL.has(shortState(op.metadata?.['state'] as string | undefined)) || op.done === true,
          onPoll: (op) => {
            this.#op = op;
            if (op !== initial) onProgress?.(this);
          },
        },
        timing,
      );
      return this;
    });
  }

  /**
   * The per-request results, in order: inline responses, or the results file streamed line by line
   * (never loaded whole). Each carries `key`, `metadata`, and `response` or `error`. The batch must be
   * done (`wait()` first); a failed, cancelled or expired batch without results throws its `error`.
   */
  results(options: ResultsOptions = {}): AsyncGenerator<BatchResult<BatchResponse<K>>, void, undefined> {
    return batchResults<BatchResponse<K>>(this, this.#ctx.files, options);
  }

  /** Asks the service to stop the batch; refresh or wait to see it CANCELLED. */
  cancel(options?: CallOptions): ApiPromise<void> {
    return respond(this.#ctx.transport, async (t) => {
      await stubs.cancel(t, { name: this.#named() }, options);
    });
  }

  /** Deletes the batch (its results file, if any, stays until it expires). */
  delete(options?: CallOptions): ApiPromise<void> {
    return respond(this.#ctx.transport, async (t) => {
      await stubs.delete(t, { name: this.#named() }, options);
    });
  }

  /** Changes `displayName` and/or `priority` of a batch that has not finished; resolves with the updated batch resource. */
  update(changes: BatchUpdate, options?: CallOptions): ApiPromise<BatchResource<K>> {
    return respond(this.#ctx.transport, async (t) => {
      const { body, mask } = updateBody(changes);
      const params = { name: this.#named(), updateMask: mask };
      const updated = (
        this.kind === 'embed'
          ? await stubs.updateEmbedContentBatch(t, params, body, options)
          : await stubs.updateGenerateContentBatch(t, params, body, options)
      ) as BatchResource<K>;
      this.#op = { ...this.#op, metadata: { ...this.#op.metadata, ...(updated as Record<string, unknown>) } };
      return updated;
    });
  }

  /** The wire state (for logs and persistence). */
  toJSON(): OperationResource {
    return this.#op;
  }

  #named(): string {
    const name = this.name;
    if (!name) throw new InvalidArgumentError('this batch has no name');
    return name;
  }
}

/** Fields of a batch that can change after creation. */
export interface BatchUpdate {
  /** A new display name. */
  displayName?: string | undefined;
  /** A new priority (higher runs first; may be negative). */
  priority?: number | string | undefined;
}

/** The PATCH body and update mask for `changes`; an empty change is an `InvalidArgumentError`. */
export function updateBody(changes: BatchUpdate): {
  body: { displayName?: string; priority?: string };
  mask: string;
} {
  if (typeof changes !== 'object' || changes === null)
    throw new InvalidArgumentError('expected { displayName } and/or { priority }');
  const body: { displayName?: string; priority?: string } = {};
  const mask: string[] = [];
  if (changes.displayName !== undefined) {
    body.displayName = changes.displayName;
    mask.push('displayName');
  }
  if (changes.priority !== undefined) {
    body.priority = priorityValue(changes.priority);
    mask.push('priority');
  }
  if (mask.length === 0)
    throw new InvalidArgumentError('nothing to update: give displayName and/or priority');
  return { body, mask: mask.join(',') };
}

/** A priority as the wire's int64 string; rejects non-integers. */
export function priorityValue(p: number | string): string {
  const s = String(p);
  if (!/^-?\d+$/.test(s))
    throw new InvalidArgumentError(`priority must be an integer, got ${JSON.stringify(p)}`);
  return s;
}
