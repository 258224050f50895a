// The online engine: one request per item under the limiter's budgets. 429s pause every worker for
// one shared window (RetryInfo when the server gives one) and halve concurrency; other transient
// failures retry the item alone with backoff; everything else becomes the item's error result.
import { AbortError, ApiError, ConnectionError, GeminiError, RateLimitError } from '../core/errors.js';
import { backoffDelay, isRetryableStatus } from '../core/retry.js';
import type { Models } from '../models/models.js';
import type { Journal } from './journal.js';
import { storedError, reviveError } from './journal.js';
import { Limiter } from './limiter.js';
import { prepareItem, type BulkMethod } from './methods.js';
import type { Sink } from './run.js';
import type { BulkResult } from './types.js';

/** What the online engine needs. */
export interface OnlineContext<I, R> {
  models: Models;
  method: BulkMethod<I, R>;
  model: string | undefined;
  concurrency: number;
  requestsPerMinute: number | undefined;
  tokensPerMinute: number | undefined;
  maxRetries: number;
  journal: Journal | undefined;
  /** Tokens of an input, for the TPM budget (only called when there is one). */
  count: (input: I) => Promise<number>;
}

/** An item to run: from the source, or a batch's failure handed back. */
export interface OnlineItem {
  index: number;
  raw: unknown;
}

interface Job<I> {
  index: number;
  key: string | undefined;
  input: I;
  attempts: number;
  at: number;
}

/** Whether a failure is worth sending the same request again. */
export function transient(e: unknown): boolean {
  if (e instanceof ApiError) return isRetryableStatus(e.status);
  return e instanceof ConnectionError; // network failures and timeouts
}

const asError = (e: unknown): GeminiError =>
  e instanceof GeminiError ? e : new GeminiError(e instanceof Error ? e.message : String(e), { cause: e });

/** A journaled item as a result. */
export function fromJournal<R>(
  journal: Journal,
  index: number,
  method: BulkMethod<unknown, R>,
): BulkResult<R> {
  const e = journal.read(index);
  const base = { index, key: e.k, attempts: 0, resumed: true };
  return e.e
    ? { ...base, ok: false, error: reviveError(e.e) }
    : { ...base, ok: true, response: method.revive(e.r) };
}

/** Runs `items` online into `sink`; resolves when every item has a result. */
export async function runOnline<I, R>(
  ctx: OnlineContext<I, R>,
  items: AsyncIterator<OnlineItem>,
  sink: Sink<R>,
): Promise<void> {
  const { signal } = sink;
  const limiter = new Limiter({
    concurrency: ctx.concurrency,
    requestsPerMinute: ctx.requestsPerMinute,
    tokensPerMinute: ctx.tokensPerMinute,
  });
  const live = sink.live;
  live.concurrency = limiter.limit;
  const retries: Job<I>[] = [];
  const running = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  const abortAll = (): void => {
    for (const c of controllers) c.abort(signal.reason);
  };
  signal.addEventListener('abort', abortAll, { once: true });
  let exhausted = false;
  let pendingIndex: OnlineItem | undefined;

  const finish = (job: Job<I>, result: BulkResult<R>, tokens: number): void => {
    if (ctx.journal) {
      ctx.journal.result(
        result.ok
          ? { i: job.index, ...(job.key !== undefined ? { k: job.key } : {}), r: result.response }
          : { i: job.index, ...(job.key !== undefined ? { k: job.key } : {}), e: storedError(result.error) },
      );
    }
    sink.emit(result, tokens);
  };

  const send = async (job: Job<I>, tokens: number): Promise<void> => {
    const handle = limiter.take(tokens);
    job.attempts++;
    live.requests++;
    live.inFlight++;
    // Each request gets its own signal (the run's would collect one fetch listener per request until
    // garbage collection); one listener on the run's signal aborts whatever is in flight.
    const own = new AbortController();
    controllers.add(own);
    try {
      const response = await ctx.method.call(ctx.models, job.input, { maxRetries: 0, signal: own.signal });
      limiter.succeeded();
      const used = ctx.method.usage(response) ?? tokens;
      limiter.usage(handle, used);
      finish(job, { index: job.index, key: job.key, attempts: job.attempts, ok: true, response }, used);
    } catch (e) {
      if (signal.aborted) {
        limiter.released();
        return;
      }
      const error = asError(e);
      if (transient(error) && job.attempts <= ctx.maxRetries) {
        if (error instanceof RateLimitError) {
          live.rateLimited++;
          limiter.rateLimited(error.retryDelay);
          job.at = 0; // the shared window decides
        } else {
          limiter.released();
          job.at = Date.now() + backoffDelay(job.attempts - 1);
        }
        retries.push(job);
      } else {
        limiter.released();
        finish(job, { index: job.index, key: job.key, attempts: job.attempts, ok: false, error }, 0);
      }
    } finally {
      controllers.delete(own);
      live.inFlight--;
      live.concurrency = limiter.limit;
      sink.notify();
    }
  };

  const dueRetry = (now: number): Job<I> | undefined => {
    let best = -1;
    for (let i = 0; i < retries.length; i++) {
      if (retries[i]!.at <= now && (best < 0 || retries[i]!.index < retries[best]!.index)) best = i;
    }
    return best < 0 ? undefined : retries.splice(best, 1)[0];
  };

  /** The next item from the source, or undefined when it must wait (no room) or is exhausted. */
  const nextFromSource = async (): Promise<Job<I> | 'wait' | undefined> => {
    for (;;) {
      if (exhausted) return undefined;
      if (!pendingIndex) {
        const n = await items.next();
        if (n.done) {
          exhausted = true;
          return undefined;
        }
        pendingIndex = n.value;
      }
      const { index, raw } = pendingIndex;
      if (!sink.room(index)) return 'wait';
      pendingIndex = undefined;
      if (ctx.journal?.has(index)) {
        sink.emit(fromJournal(ctx.journal, index, ctx.method as BulkMethod<unknown, R>));
        continue;
      }
      try {
        const { input, key } = prepareItem(ctx.method, raw, ctx.model, index);
        return { index, key, input, attempts: 0, at: 0 };
      } catch (e) {
        const key =
          typeof (raw as { key?: unknown })?.key === 'string' ? (raw as { key: string }).key : undefined;
        finish(
          { index, key, input: raw as I, attempts: 0, at: 0 },
          { index, key, attempts: 0, ok: false, error: asError(e) },
          0,
        );
      }
    }
  };

  try {
    await dispatch();
  } finally {
    signal.removeEventListener('abort', abortAll);
  }

  async function dispatch(): Promise<void> {
    for (;;) {
      if (signal.aborted) throw new AbortError(signal.reason);
      const now = Date.now();
      let job: Job<I> | 'wait' | undefined = dueRetry(now);
      if (!job) job = await nextFromSource();
      if (job === undefined || job === 'wait') {
        if (job === undefined && exhausted && live.inFlight === 0 && retries.length === 0) break;
        const soonest = retries.reduce((m, r) => Math.min(m, r.at), Infinity);
        await sink.changed(soonest === Infinity ? undefined : Math.max(1, soonest - Date.now()));
        continue;
      }
      const tokens = ctx.tokensPerMinute ? await ctx.count(job.input) : 0;
      for (;;) {
        if (signal.aborted) throw new AbortError(signal.reason);
        const w = limiter.wait(tokens);
        if (w === 0) break;
        await sink.changed(w === Infinity ? undefined : w);
      }
      const p = send(job, tokens);
      running.add(p);
      void p.finally(() => running.delete(p));
    }
    await Promise.all(running);
  }
}
