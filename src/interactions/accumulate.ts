// Folds stream events into the interaction they describe: `steps[index]` starts from `step.start`, deltas
// are applied by type (text appended, the last non-empty thought signature kept, function-call
// arguments joined from string pieces and parsed at `step.stop`), and the steps are attached to the
// `interaction.completed` object, which the server sends without them.
import type { Interaction } from '../../generated/types/Interaction.js';
import { StreamError } from '../core/errors.js';
import type { InteractionData, InteractionDelta, InteractionStreamEvent } from './types.js';
import { isObject } from '../core/json.js';

type Obj = Record<string, unknown>;

/** Builds the interaction from its events; feed events in order with `add`, read it with `result`. */
export class InteractionAccumulator {
  #base: Obj = {};
  #final: Obj | undefined;
  readonly #steps: Obj[] = [];
  readonly #args = new Map<number, string>();
  #usage: unknown;

  /** The interaction id, once an event named it. */
  get id(): string | undefined {
    const id = (this.#final ?? this.#base)['id'];
    return typeof id === 'string' && id !== '' ? id : undefined;
  }

  /** Whether `interaction.completed` arrived (the stream's last event). */
  get completed(): boolean {
    return this.#final !== undefined;
  }

  /** Applies one event (unknown event types are ignored here; the stream still yields them). */
  add(event: InteractionStreamEvent): void {
    const e = event as Obj;
    const usage = isObject(e['metadata']) ? e['metadata']['usage'] : undefined;
    if (usage !== undefined) this.#usage = usage;
    switch (event.event_type) {
      case 'interaction.created':
        this.#base = { ...this.#base, ...(event.interaction as Obj | undefined) };
        break;
      case 'interaction.status_update':
        if (event.status !== undefined) this.#base['status'] = event.status;
        if (event.interaction_id && !this.#base['id']) this.#base['id'] = event.interaction_id;
        break;
      case 'step.start':
        if (typeof event.index === 'number')
          this.#steps[event.index] = structuredClone(event.step ?? {}) as Obj;
        break;
      case 'step.delta':
        if (typeof event.index === 'number' && event.delta) this.#delta(event.index, event.delta);
        break;
      case 'step.stop':
        if (typeof event.index === 'number') this.#finishArguments(event.index);
        break;
      case 'interaction.completed':
        this.#final = { ...(event.interaction as Obj | undefined) };
        break;
      default:
        break;
    }
  }

  /** The interaction so far: the final object (or what the first events said) with the streamed steps. */
  result(): InteractionData {
    for (const index of [...this.#args.keys()]) this.#finishArguments(index);
    const out: Obj = { ...this.#base, ...this.#final };
    if (out['usage'] === undefined && this.#usage !== undefined) out['usage'] = this.#usage;
    const steps = this.#steps.filter((s) => s !== undefined);
    if (!Array.isArray(out['steps']) && steps.length > 0) out['steps'] = steps;
    return out as Interaction as InteractionData;
  }

  #step(index: number): Obj {
    let step = this.#steps[index];
    if (!step) this.#steps[index] = step = {};
    return step;
  }

  #delta(index: number, delta: InteractionDelta): void {
    const step = this.#step(index);
    switch (delta.type) {
      case 'text': {
        const content = contentOf(step);
        const last = content[content.length - 1];
        if (last?.['type'] === 'text' && typeof last['text'] === 'string') last['text'] += delta.text ?? '';
        else content.push({ type: 'text', text: delta.text ?? '' });
        break;
      }
      case 'thought_signature':
        if (delta.signature) step['signature'] = delta.signature;
        break;
      case 'thought_summary': {
        const summary = (Array.isArray(step['summary']) ? step['summary'] : (step['summary'] = [])) as Obj[];
        const last = summary[summary.length - 1];
        const text = delta.content?.text ?? '';
        if (last?.['type'] === 'text' && typeof last['text'] === 'string') last['text'] += text;
        else summary.push({ type: 'text', text });
        break;
      }
      case 'arguments_delta':
        this.#args.set(index, (this.#args.get(index) ?? '') + (delta.arguments ?? ''));
        break;
      case 'text_annotation_delta': {
        const content = contentOf(step);
        let last = content[content.length - 1];
        if (last?.['type'] !== 'text') content.push((last = { type: 'text', text: '' }));
        const annotations = (
          Array.isArray(last['annotations']) ? last['annotations'] : (last['annotations'] = [])
        ) as unknown[];
        annotations.push(...(delta.annotations ?? []));
        break;
      }
      case 'image':
      case 'audio':
      case 'video':
      case 'document':
        contentOf(step).push({ ...delta });
        break;
      default: {
        // Tool calls/results (and kinds added later): their fields belong to the step itself.
        const { type, ...rest } = delta as Obj;
        if (typeof type === 'string' && /_(call|result)$/.test(type)) Object.assign(step, rest);
      }
    }
  }

  #finishArguments(index: number): void {
    const text = this.#args.get(index);
    if (text === undefined) return;
    this.#args.delete(index);
    if (text.trim() === '') return;
    try {
      this.#step(index)['arguments'] = JSON.parse(text) as unknown;
    } catch {
      throw new StreamError(
        `function call arguments of step ${index} are not valid JSON: ${JSON.stringify(text.slice(0, 80))}`,
      );
    }
  }
}

function contentOf(step: Obj): Obj[] {
  if (!Array.isArray(step['content'])) step['content'] = [];
  return step['content'] as Obj[];
}
