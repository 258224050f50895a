// Helpers on interactions. The wire object is kept as is (its own enumerable properties are exactly what
// the server sent, snake_case), and the helpers live on a prototype, so JSON.stringify, spreads and
// structuredClone see only wire data.
import type { InteractionError } from '../../generated/types/InteractionError.js';
import type { InteractionFunctionCallStep } from '../../generated/types/InteractionFunctionCallStep.js';
import type { InteractionThoughtStep } from '../../generated/types/InteractionThoughtStep.js';
import { GeminiError } from '../core/errors.js';
import { poll, type PollOptions } from '../operations/poll.js';
import type { InteractionContent, InteractionData, InteractionStep } from './types.js';

/** Statuses that are not final: a background run still going. */
const RUNNING: ReadonlySet<string> = new Set(['in_progress', 'queued']);

/** Whether an interaction is still running (status `in_progress` or `queued`). */
export const isRunning = (status: string | undefined): boolean => status !== undefined && RUNNING.has(status);

/** A background interaction ended with status `failed`; `wait()` throws this. */
export class InteractionFailedError extends GeminiError {
  /** The failed interaction (its `errors` say why). */
  readonly interaction: InteractionResult;
  /** `interaction.errors`, or `[]`. */
  readonly errors: readonly InteractionError[];

  /** Creates the error from the failed interaction. */
  constructor(interaction: InteractionResult) {
    const first = interaction.errors?.[0];
    super(`interaction ${interaction.id ?? ''} failed${first?.message ? `: ${first.message}` : ''}`);
    this.interaction = interaction;
    this.errors = interaction.errors ?? [];
  }

  override get name(): string {
    return 'InteractionFailedError';
  }
}

/** Options of `interaction.wait()`: the poller's backoff and limits, plus progress reports. */
export interface InteractionWaitOptions extends PollOptions {
  /** Hears every state fetched (status, usage…), the first one included. */
  onProgress?: ((interaction: InteractionResult) => void) | undefined;
}

/** Convenience accessors over an interaction. */
export interface InteractionHelpers {
  /** Text of the last `model_output` step (its text contents joined); `''` without one. */
  readonly text: string;
  /** Thought summaries, joined; `''` without any. */
  readonly thoughts: string;
  /** The `function_call` steps: what the model wants run when `status` is `requires_action`. */
  readonly functionCalls: InteractionFunctionCallStep[];
  /** Whether the interaction is final (not `in_progress`/`queued`). */
  readonly done: boolean;
  /**
   * Polls a background run until it is final and resolves with the final state (with the shared poller:
   * `signal`, `timeout`, backoff). Throws `InteractionFailedError` when it ends `failed`. Resolves at once
   * when already final.
   */
  wait(options?: InteractionWaitOptions): Promise<InteractionResult>;
}

/** An interaction as the SDK returns it: wire data (snake_case) plus helpers. */
export type InteractionResult = InteractionData & InteractionHelpers;

/** Fetches the latest state of an interaction (what `wait` polls). */
export type InteractionRefresher = (id: string, signal: AbortSignal) => Promise<InteractionResult>;

const REFRESH = Symbol('refresh');

const textOf = (content: readonly InteractionContent[] | undefined): string =>
  (content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : '')).join('');

/** Steps, or the legacy `outputs` list read as one `model_output` step. */
function stepsOf(i: InteractionData): InteractionStep[] {
  if (i.steps) return i.steps;
  const outputs = (i as { outputs?: InteractionContent[] }).outputs;
  return outputs ? [{ type: 'model_output', content: outputs }] : [];
}

// A class so the helpers are non-enumerable prototype members (for…in and spreads see only wire data).
class Helpers {
  get text(): string {
    const steps = stepsOf(this as InteractionData);
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i];
      if (s?.type === 'model_output') return textOf(s.content);
    }
    return '';
  }

  get thoughts(): string {
    return stepsOf(this as InteractionData)
      .filter((s): s is InteractionThoughtStep => s.type === 'thought')
      .map((s) => textOf(s.summary))
      .join('');
  }

  get functionCalls(): InteractionFunctionCallStep[] {
    return stepsOf(this as InteractionData).filter(
      (s): s is InteractionFunctionCallStep => s.type === 'function_call',
    );
  }

  get done(): boolean {
    return !isRunning((this as InteractionData).status);
  }

  async wait(options: InteractionWaitOptions = {}): Promise<InteractionResult> {
    const self = this as unknown as InteractionResult;
    const refresh = (this as { [REFRESH]?: InteractionRefresher })[REFRESH];
    const id = self.id;
    const final = await poll<InteractionResult>(
      {
        initial: self,
        fetch: (signal) => {
          if (!refresh || !id)
            throw new GeminiError('this interaction cannot be refreshed (no id or client)');
          return refresh(id, signal);
        },
        isDone: (i) => !isRunning(i.status),
        onPoll: options.onProgress ? (i) => options.onProgress?.(i) : undefined,
        label: `interaction ${id ?? ''}`,
      },
      options,
    );
    if (final.status === 'failed') throw new InteractionFailedError(final);
    return final;
  }
}

/** Gives a wire interaction the helpers (in place); `refresh` lets `wait()` poll it. */
export function withHelpers(data: InteractionData, refresh?: InteractionRefresher): InteractionResult {
  Object.setPrototypeOf(data, Helpers.prototype);
  if (refresh) Object.defineProperty(data, REFRESH, { value: refresh });
  return data as InteractionResult;
}
