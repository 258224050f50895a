// `InteractionStream`: the events of a streamed interaction, as an async iterable returned at once (no
// double await). It accumulates the final interaction, resumes a dropped stream from the last event id
// (GET ?stream=true&last_event_id=…, duplicates skipped), and can continue with further interactions
// (a Conversation answering function calls). Leaving the loop early aborts the request.
import { AbortError, ConnectionError, StreamError } from '../core/errors.js';
import { InteractionAccumulator } from './accumulate.js';
import type { InteractionResult } from './result.js';
import type { InteractionData, InteractionStreamEvent } from './types.js';

/** Opens one event stream; `signal` cancels it. */
export type EventSource = (signal: AbortSignal) => AsyncIterable<InteractionStreamEvent>;

/** Everything a stream needs: how to open, resume, finish and (optionally) continue it. */
export interface StreamPlan {
  /** Opens the first interaction's stream. */
  open: EventSource;
  /** Reopens interaction `id`'s stream after event `lastEventId` (from the start without one). */
  resume(
    id: string,
    lastEventId: string | undefined,
    signal: AbortSignal,
  ): AsyncIterable<InteractionStreamEvent>;
  /** Turns accumulated wire data into the result (helpers, `wait`). */
  finish(data: InteractionData): InteractionResult;
  /** After an interaction ends: the stream of the next one, or `undefined` to stop. */
  next?: ((result: InteractionResult, signal: AbortSignal) => Promise<EventSource | undefined>) | undefined;
  /** Hears how the stream ended (once). */
  onEnd?:
    ((outcome: { ok: true; result: InteractionResult } | { ok: false; error: unknown }) => void) | undefined;
  /** Reconnections allowed in a row without receiving a new event (default 3). */
  maxResumes?: number | undefined;
  /** The interaction id when known up front (a `get` stream). */
  interactionId?: string | undefined;
  /** Start after this event (a `get` stream with `lastEventId`). */
  lastEventId?: string | undefined;
  /** The caller's signal; aborting it aborts the stream. */
  signal?: AbortSignal | undefined;
}

/** Whether an error means the connection dropped (worth resuming), not a server answer or an abort. */
const dropped = (e: unknown): boolean =>
  e instanceof StreamError || (e instanceof ConnectionError && !(e instanceof AbortError));

/**
 * The value of `interactions.create({ stream: true })` and `interactions.get(id, { stream: true })`:
 * iterate it for events (`event_type`: `interaction.created`, `interaction.status_update`, `step.start`,
 * `step.delta`, `step.stop`, `interaction.completed`), then `await stream.finalInteraction()`. An `error`
 * event is thrown as an `ApiError`. It can be iterated once.
 */
export class InteractionStream implements AsyncIterable<InteractionStreamEvent> {
  readonly #plan: StreamPlan;
  readonly #controller = new AbortController();
  #acc = new InteractionAccumulator();
  #id: string | undefined;
  #lastEventId: string | undefined;
  #result: InteractionResult | undefined;
  #consumed: Promise<void> | undefined;

  /** Usually created by `client.interactions`. */
  constructor(plan: StreamPlan) {
    this.#plan = plan;
    this.#id = plan.interactionId;
    this.#lastEventId = plan.lastEventId;
  }

  /** The id of the interaction being streamed, once known. */
  get interactionId(): string | undefined {
    return this.#acc.id ?? this.#id;
  }

  /** The last event id received: pass it as `lastEventId` to `get(id, { stream: true })` to resume later. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** Aborts the request in flight; iteration ends with an `AbortError`. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<InteractionStreamEvent, void, undefined> {
    if (this.#consumed) throw new StreamError('a stream can be iterated only once');
    let done!: () => void;
    let failed!: (e: unknown) => void;
    this.#consumed = new Promise<void>((res, rej) => ((done = res), (failed = rej)));
    this.#consumed.catch(() => undefined);
    const parent = this.#plan.signal;
    const onAbort = (): void => this.#controller.abort(parent?.reason);
    if (parent?.aborted) onAbort();
    else parent?.addEventListener('abort', onAbort, { once: true });
    const signal = this.#controller.signal;
    let ended = false;
    try {
      let open: EventSource =
        this.#lastEventId && this.#id ? this.#resumeSource(this.#id, this.#lastEventId) : this.#plan.open;
      for (;;) {
        yield* this.#leg(open, signal);
        const result = (this.#result = this.#plan.finish(this.#acc.result()));
        const next = await this.#plan.next?.(result, signal);
        if (!next) break;
        open = next;
        this.#acc = new InteractionAccumulator();
        this.#id = undefined;
        this.#lastEventId = undefined;
      }
      ended = true;
      done();
      this.#plan.onEnd?.({ ok: true, result: this.#result });
    } catch (e) {
      const error = signal.aborted && !(e instanceof AbortError) ? new AbortError(signal.reason) : e;
      ended = true;
      failed(error);
      this.#plan.onEnd?.({ ok: false, error });
      throw error;
    } finally {
      parent?.removeEventListener('abort', onAbort);
      if (!ended) {
        const error = new StreamError('the stream was left before it ended');
        failed(error);
        this.#plan.onEnd?.({ ok: false, error });
      }
      if (!signal.aborted) this.#controller.abort();
    }
  }

  /** Reads the rest of the stream (if not iterated yet) and resolves with the final interaction. */
  async finalInteraction(): Promise<InteractionResult> {
    if (!this.#consumed) for await (const _ of this) void _;
    await this.#consumed;
    return this.#result!;
  }

  /** One interaction's events, reconnecting after drops until `interaction.completed`. */
  async *#leg(
    first: EventSource,
    signal: AbortSignal,
  ): AsyncGenerator<InteractionStreamEvent, void, undefined> {
    const seen = new Set<string>();
    const maxResumes = this.#plan.maxResumes ?? 3;
    let open = first;
    let received = 0;
    for (let failures = 0; ;) {
      try {
        for await (const event of open(signal)) {
          received++;
          const id = (event as { event_id?: unknown }).event_id;
          if (typeof id === 'string' && id !== '') {
            if (seen.has(id)) continue; // replayed after a reconnection
            seen.add(id);
            this.#lastEventId = id;
          }
          failures = 0;
          this.#acc.add(event);
          yield event;
        }
        if (this.#acc.completed) return;
        throw new StreamError('the stream ended before interaction.completed');
      } catch (e) {
        const id = this.interactionId;
        if (signal.aborted || !dropped(e)) throw e;
        // Without an event id, only a stream of a known interaction that sent nothing yet can restart.
        const restart = !this.#lastEventId && received === 0 && this.#plan.interactionId !== undefined;
        if (!id || (!this.#lastEventId && !restart)) {
          throw new StreamError(
            `${e instanceof Error ? e.message : String(e)} (cannot resume: ${id ? 'no event id received' : 'interaction id unknown'})`,
            { cause: e },
          );
        }
        if (++failures > maxResumes) throw e;
        open = this.#resumeSource(id, this.#lastEventId);
      }
    }
  }

  #resumeSource(id: string, after: string | undefined): EventSource {
    return (signal) => this.#plan.resume(id, after, signal);
  }
}
