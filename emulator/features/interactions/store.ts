/**
 * Stored interactions of one emulator instance: each with its wire object, its event log (for streams
 * and `last_event_id` replays), the steps of earlier turns (`previous_interaction_id` history) and, for
 * background runs, the emulated time they finish at. A background run finishes when the controllable
 * clock reaches that time (tests advance it; a real-time clock gets there by itself).
 */
import type { EmulatorCore } from '../../core.js';
import type { SseFrame } from '../../registry.js';
import { DONE, EventLog, frame, openingEvents, stepEvents } from './events.js';
import type { Obj } from './input.js';
import type { ReplyPlan } from './reply.js';

/** One interaction as the emulator keeps it. */
export interface StoredInteraction {
  readonly id: string;
  /** Conversation part of the id (shared along a `previous_interaction_id` chain). */
  readonly conversation: string;
  /** `{ id, object, model | agent }`: what `interaction.created` shows. */
  readonly head: Obj;
  /** The validated create body. */
  readonly request: Obj;
  /** This turn's input as steps. */
  readonly input: Obj[];
  /** Steps of the earlier turns. */
  readonly history: Obj[];
  /** Created time (RFC 3339, seconds). */
  readonly created: string;
  /** The interaction as get answers it. */
  data: Obj;
  readonly log: EventLog;
  finished: boolean;
  /** Background runs: when they finish (emulated ms) and with what. */
  pending?: { readonly dueAt: number; readonly plan: ReplyPlan } | undefined;
  readonly listeners: Set<() => void>;
}

/** RFC 3339 UTC to the second, as the Interactions API prints times. */
export const seconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** The store and its lifecycle operations. */
export class InteractionStore {
  readonly #core: EmulatorCore;
  readonly #items = new Map<string, StoredInteraction>();
  /** Emulated duration of background runs (ms). */
  backgroundMs = 10_000;

  constructor(core: EmulatorCore) {
    this.#core = core;
    core.clock.onChange(() => {
      for (const item of this.#items.values()) this.tick(item);
    });
  }

  get(id: string): StoredInteraction | undefined {
    const item = this.#items.get(id);
    if (item) this.tick(item);
    return item;
  }

  put(item: StoredInteraction): void {
    if (item.id !== '') this.#items.set(item.id, item);
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }

  list(): StoredInteraction[] {
    return [...this.#items.values()];
  }

  clear(): void {
    this.#items.clear();
    this.backgroundMs = 10_000;
  }

  /** Starts a run: finished at once, or (background) opened now and finished on the clock. */
  start(item: StoredInteraction, plan: ReplyPlan, background: boolean): void {
    openingEvents(item.log, item.head, item.id);
    if (background) {
      item.pending = { dueAt: this.#core.clock.now() + this.backgroundMs, plan };
      item.data = {
        id: item.id,
        status: 'in_progress',
        created: item.created,
        updated: item.created,
        ...this.#rest(item),
      };
    } else this.#finish(item, plan);
  }

  /** Finishes a due background run. */
  tick(item: StoredInteraction): void {
    if (item.pending && !item.finished && this.#core.clock.now() >= item.pending.dueAt)
      this.#finish(item, item.pending.plan);
  }

  /** Cancels a background run still in progress; false when it is already final. */
  cancel(item: StoredInteraction): boolean {
    this.tick(item);
    if (item.finished) return false;
    const updated = seconds(this.#core.clock.now());
    item.data = { ...item.data, status: 'cancelled', updated };
    item.log.add('interaction.status_update', { interaction_id: item.id, status: 'cancelled' });
    item.log.add('interaction.completed', { interaction: item.data });
    this.#settle(item);
    return true;
  }

  /** Frames of the log from `from` on, following a run in progress until it ends; `[DONE]` last. */
  async *follow(item: StoredInteraction, from: number, signal: AbortSignal): AsyncGenerator<SseFrame> {
    let i = from;
    for (;;) {
      this.tick(item);
      while (i < item.log.events.length) yield frame(item.log.events[i++]!);
      if (item.finished || signal.aborted) break;
      await this.#changed(item, signal);
    }
    if (!signal.aborted && item.log.events.at(-1)?.event_type !== 'error') yield DONE;
  }

  #rest(item: StoredInteraction): Obj {
    const { id: _id, ...rest } = item.head;
    return rest;
  }

  #finish(item: StoredInteraction, plan: ReplyPlan): void {
    const failed = plan.streamError !== undefined || plan.status === 'failed';
    const final: Obj = {
      id: item.id,
      status: failed ? 'failed' : plan.status,
      usage: plan.usage,
      created: item.created,
      updated: seconds(this.#core.clock.now()),
      service_tier: 'standard',
      ...(plan.steps.length > 0 ? { steps: plan.steps } : {}),
      ...(plan.errors ? { errors: plan.errors } : {}),
      ...this.#rest(item),
    };
    if (plan.status === 'failed') item.log.add('interaction.completed', { interaction: final });
    else stepEvents(item.log, plan, final);
    item.data = final;
    this.#settle(item);
  }

  #settle(item: StoredInteraction): void {
    item.finished = true;
    item.pending = undefined;
    for (const l of [...item.listeners]) l();
  }

  /** Resolves when the item changes, the signal aborts, or (real-time clock) its due time may have come. */
  #changed(item: StoredInteraction, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const due = item.pending ? item.pending.dueAt - this.#core.clock.now() : 1000;
      const done = (): void => {
        clearTimeout(timer);
        item.listeners.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(Math.max(due, 5), 1000));
      item.listeners.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
