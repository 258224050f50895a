/**
 * The stream events of an interaction, in the recorded (current) form: `interaction.created`,
 * `interaction.status_update`, then per step `step.start` → `step.delta`×n → `step.stop`, then
 * `interaction.completed` carrying the interaction without `steps`. Text is split into pieces, thought
 * signatures arrive as `thought_signature` deltas, function-call arguments as `arguments_delta` string
 * pieces. Each event carries an `event_id` (resume token) and is framed with its `event:` line.
 */
import type { SseFrame } from '../../registry.js';
import { splitText } from '../generation/reply.js';
import type { Obj } from './input.js';
import type { ReplyPlan } from './reply.js';

/** An event as stored (payload with `event_type` and `event_id`). */
export type StoredEvent = Obj & { readonly event_type: string; readonly event_id: string };

/** Appends events to an interaction's log, numbering them. */
export class EventLog {
  readonly events: StoredEvent[] = [];

  /** Appends one event (payload fields first, then `event_type` and `event_id`). */
  add(type: string, payload: Obj): void {
    this.events.push({
      ...payload,
      event_type: type,
      event_id: `evt_${String(this.events.length + 1).padStart(4, '0')}`,
    });
  }

  /** Index after the event `id`, or -1 when no event has that id. */
  after(id: string): number {
    const i = this.events.findIndex((e) => e.event_id === id);
    return i < 0 ? -1 : i + 1;
  }
}

/** Two pieces of a JSON text (arguments arrive as string fragments). */
function argumentPieces(args: unknown): string[] {
  const text = JSON.stringify(args ?? {});
  const mid = Math.floor(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, mid), text.slice(mid)];
}

/** The events of the opening: `interaction.created` (small) and `interaction.status_update`. */
export function openingEvents(log: EventLog, head: Obj, id: string): void {
  const { id: _id, ...rest } = head;
  log.add('interaction.created', { interaction: { id, status: 'in_progress', ...rest } });
  log.add('interaction.status_update', { interaction_id: id, status: 'in_progress' });
}

/**
 * The step events of `plan` and the closing `interaction.completed` (or an `error` event when the
 * script asks for a mid-stream failure). `final` is the finished interaction; its steps are left out.
 */
export function stepEvents(log: EventLog, plan: ReplyPlan, final: Obj): void {
  let deltas = 0;
  const failAt = plan.streamError?.afterChunks;
  const delta = (index: number, d: Obj): boolean => {
    if (failAt !== undefined && deltas >= failAt) return false;
    log.add('step.delta', { index, delta: d });
    deltas++;
    return true;
  };
  const fail = (): void => {
    const e = plan.streamError!.error;
    log.add('error', { error: { code: e.code, message: e.message, status: e.status ?? 'INTERNAL' } });
  };
  for (const [index, step] of plan.steps.entries()) {
    const type = step['type'];
    if (type === 'thought') {
      log.add('step.start', { index, step: { type: 'thought' } });
      if (!delta(index, { signature: step['signature'], type: 'thought_signature' })) return fail();
      for (const s of Array.isArray(step['summary']) ? (step['summary'] as Obj[]) : []) {
        if (!delta(index, { content: s, type: 'thought_summary' })) return fail();
      }
    } else if (type === 'model_output') {
      log.add('step.start', { index, step: { type: 'model_output' } });
      for (const c of Array.isArray(step['content']) ? (step['content'] as Obj[]) : []) {
        const text = typeof c['text'] === 'string' ? c['text'] : '';
        const pieces = Array.isArray(plan.chunks)
          ? plan.chunks
          : splitText(text, typeof plan.chunks === 'number' ? plan.chunks : 2);
        for (const piece of pieces) if (!delta(index, { text: piece, type: 'text' })) return fail();
      }
    } else if (type === 'function_call') {
      log.add('step.start', {
        index,
        step: { id: step['id'], type, name: step['name'], arguments: {}, signature: '' },
      });
      for (const piece of argumentPieces(step['arguments'])) {
        if (!delta(index, { arguments: piece, type: 'arguments_delta' })) return fail();
      }
    } else {
      log.add('step.start', { index, step });
    }
    log.add('step.stop', { index });
  }
  const { steps: _steps, ...withoutSteps } = final;
  log.add('interaction.completed', { interaction: withoutSteps });
}

/** Stored events as SSE frames (`event:` named after `event_type`, `id:` the event id). */
export function frame(event: StoredEvent): SseFrame {
  return { event: event.event_type, id: event.event_id, data: event };
}

/** The stream's closing frame: `event: done` / `data: [DONE]`. */
export const DONE: SseFrame = { event: 'done', data: '[DONE]' };
