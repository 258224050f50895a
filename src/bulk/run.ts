// `BulkRun`: the results of a bulk run as an async iterable (input order or completion order), with
// bounded buffering (the engine waits for the reader), live progress and a summary.
import { AbortError, GeminiError } from '../core/errors.js';
import type { BulkProgress, BulkResult, BulkSummary } from './types.js';

/** What an engine reports into. */
export interface Sink<R> {
  /** Whether the item at `index` may start now without growing the buffers past their bound. */
  room(index: number): boolean;
  /** In input order: the reader waits for a result not handed over yet (waiting for room would deadlock). */
  stalled(): boolean;
  /** Resolves at the next change (a result read, a request done), or after `ms`. */
  changed(ms?: number): Promise<void>;
  /** Wakes the dispatcher. */
  notify(): void;
  /** Hands over a result. */
  emit(result: BulkResult<R>, tokens?: number): void;
  /** Live figures the engine owns. */
  readonly live: {
    inFlight: number;
    concurrency: number;
    requests: number;
    rateLimited: number;
    mode: 'online' | 'batch';
  };
  /** Batch jobs used. */
  readonly batches: string[];
  /** Total items, once known. */
  total: number | undefined;
  /** Aborted when the run is stopped (signal, `break`, error). */
  readonly signal: AbortSignal;
}

/** Settings of a run's output. */
export interface RunSettings {
  ordered: boolean;
  /** Results allowed to wait for the reader. */
  window: number;
  signal: AbortSignal | undefined;
  onProgress: ((p: BulkProgress) => void) | undefined;
  progressInterval: number;
}

/**
 * A running bulk job. Iterate it (`for await`) for one result per input item, exactly once each; or
 * call `done()` to run it to the end and get the summary. Per-item failures are results (`ok: false`);
 * the iteration itself rejects only when the run cannot go on (abort, unreadable source).
 * Leaving the loop early stops the run.
 */
export class BulkRun<R> implements AsyncIterable<BulkResult<R>> {
  readonly #settings: RunSettings;
  readonly #engine: (sink: Sink<R>) => Promise<void>;
  readonly #stop = new AbortController();
  readonly #ready: BulkResult<R>[] = [];
  readonly #byIndex = new Map<number, BulkResult<R>>();
  #next = 0;
  #started: Promise<void> | undefined;
  #finished = false;
  #failure: unknown;
  #waiters: (() => void)[] = [];
  #iterating = false;
  #lastProgress = 0;
  readonly #listeners = new Set<(p: BulkProgress) => void>();
  readonly #t0 = Date.now();
  readonly #stats = { done: 0, succeeded: 0, failed: 0, tokens: 0, resumed: 0, doneHere: 0 };
  readonly #sink: Sink<R>;

  /** Used by `client.bulk`; `engine` runs the items and reports into the sink. */
  constructor(engine: (sink: Sink<R>) => Promise<void>, settings: RunSettings) {
    this.#engine = engine;
    this.#settings = settings;
    const run = this;
    const signal = settings.signal
      ? AbortSignal.any([settings.signal, this.#stop.signal])
      : this.#stop.signal;
    this.#sink = {
      room: (index) =>
        settings.ordered
          ? index < run.#next + settings.window
          : run.#ready.length + run.#sink.live.inFlight < settings.window,
      stalled: () => settings.ordered && !run.#byIndex.has(run.#next),
      changed: (ms) =>
        new Promise<void>((resolve) => {
          const t = ms !== undefined && ms !== Infinity ? setTimeout(resolve, ms) : undefined;
          run.#waiters.push(() => {
            if (t) clearTimeout(t);
            resolve();
          });
        }),
      notify: () => run.#notify(),
      emit: (result, tokens) => run.#emit(result, tokens),
      live: { inFlight: 0, concurrency: 0, requests: 0, rateLimited: 0, mode: 'online' },
      batches: [],
      total: undefined,
      signal,
    };
    signal.addEventListener('abort', () => this.#notify(), { once: true });
  }

  #notify(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  #emit(result: BulkResult<R>, tokens = 0): void {
    const s = this.#stats;
    s.done++;
    if (result.ok) s.succeeded++;
    else s.failed++;
    if (result.resumed) s.resumed++;
    else s.doneHere++;
    s.tokens += tokens;
    if (this.#settings.ordered) this.#byIndex.set(result.index, result);
    else this.#ready.push(result);
    this.#progress(false);
    this.#notify();
  }

  #progress(final: boolean): void {
    const now = Date.now();
    if (!final && now - this.#lastProgress < this.#settings.progressInterval) return;
    this.#lastProgress = now;
    if (!this.#settings.onProgress && this.#listeners.size === 0) return;
    const p = this.progress;
    this.#settings.onProgress?.(p);
    for (const l of this.#listeners) l(p);
  }

  /** Calls `listener` with a progress snapshot as results come in (throttled) and at the end; returns an unsubscribe. */
  on(event: 'progress', listener: (progress: BulkProgress) => void): () => void {
    if (event !== 'progress') throw new GeminiError(`unknown event ${String(event)}`);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Figures of the run so far. */
  get progress(): BulkProgress {
    const s = this.#stats;
    const live = this.#sink.live;
    const elapsedMs = Date.now() - this.#t0;
    const perSecond = elapsedMs > 0 ? (s.doneHere * 1000) / elapsedMs : 0;
    const total = this.#sink.total;
    const left = total === undefined ? undefined : Math.max(0, total - s.done);
    return {
      done: s.done,
      succeeded: s.succeeded,
      failed: s.failed,
      inFlight: live.inFlight,
      total,
      tokens: s.tokens,
      rateLimited: live.rateLimited,
      concurrency: live.concurrency,
      etaMs:
        left === 0
          ? 0
          : left !== undefined && perSecond > 0
            ? Math.round((left / perSecond) * 1000)
            : undefined,
      perSecond,
      elapsedMs,
      mode: live.mode,
    };
  }

  /** The summary so far (final once `done()` resolved). */
  get summary(): BulkSummary {
    return {
      ...this.progress,
      resumed: this.#stats.resumed,
      requests: this.#sink.live.requests,
      batches: [...this.#sink.batches],
    };
  }

  #start(): Promise<void> {
    this.#started ??= this.#engine(this.#sink).then(
      () => {
        this.#finished = true;
        this.#progress(true);
        this.#notify();
      },
      (e: unknown) => {
        this.#finished = true;
        this.#failure =
          this.#sink.signal.aborted && !(e instanceof AbortError)
            ? new AbortError(this.#sink.signal.reason)
            : e;
        this.#stop.abort();
        this.#notify();
      },
    );
    return this.#started;
  }

  #take(): BulkResult<R> | undefined {
    if (!this.#settings.ordered) return this.#ready.shift();
    const r = this.#byIndex.get(this.#next);
    if (r) {
      this.#byIndex.delete(this.#next);
      this.#next++;
    }
    return r;
  }

  /** Results one by one, each item exactly once. */
  async *[Symbol.asyncIterator](): AsyncGenerator<BulkResult<R>, void, undefined> {
    if (this.#iterating) throw new GeminiError('a bulk run can be read once');
    this.#iterating = true;
    void this.#start();
    try {
      for (;;) {
        const r = this.#take();
        if (r) {
          this.#notify(); // room for the dispatcher
          yield r;
          continue;
        }
        if (this.#finished) {
          if (this.#failure !== undefined) throw this.#failure;
          return;
        }
        await this.#sink.changed();
      }
    } finally {
      if (!this.#finished) {
        this.#stop.abort(new AbortError('the bulk run was left early'));
        await this.#started?.catch(() => undefined);
      }
    }
  }

  /** Runs to the end (reading and dropping results nobody iterates) and resolves with the summary. */
  async done(): Promise<BulkSummary> {
    if (!this.#iterating) {
      for await (const _ of this) {
        // results are in the journal or not wanted
      }
    } else {
      await this.#start();
      if (this.#failure !== undefined) throw this.#failure;
    }
    return this.summary;
  }

  /** Stops the run: nothing more is sent; the iteration rejects with `AbortError`. */
  abort(reason?: unknown): void {
    this.#stop.abort(reason ?? new AbortError('the bulk run was aborted'));
  }
}
