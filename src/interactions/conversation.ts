// A stateful conversation over the Interactions API: the server keeps the history, each send names the
// last interaction in `previous_interaction_id`. When the model calls functions that have code
// (`defineFunction({ run })`), the calls are run with the shared ToolRunner and their results sent back
// (`requires_action` → `function_result` steps) until the model answers, as automatic function calling
// does for generateContent. Sends run one at a time; a failed send leaves the conversation as it was.
import type { FunctionCall } from '../../generated/types/FunctionCall.js';
import type { InteractionFunctionCallStep } from '../../generated/types/InteractionFunctionCallStep.js';
import type { InteractionFunctionResultStep } from '../../generated/types/InteractionFunctionResultStep.js';
import { InvalidArgumentError } from '../core/errors.js';
import { DEFAULT_MAXIMUM_REMOTE_CALLS, type AutomaticFunctionCallingConfig } from '../tools/afc.js';
import { ToolRunner } from '../tools/runner.js';
import { expandTools, isToolSource, type ToolSource } from '../tools/source.js';
import { wireTools } from './params.js';
import type { InteractionResult } from './result.js';
import type { EventSource, InteractionStream, StreamPlan } from './stream.js';
import type {
  CreateInteractionParams,
  InteractionInput,
  InteractionStreamEvent,
  InteractionToolInput,
} from './types.js';
import type { CreateInteractionOptions } from './interactions.js';

/** Settings of every interaction of a conversation (wire names), plus automatic function calling. */
export type ConversationParams = Omit<
  CreateInteractionParams,
  'input' | 'stream' | 'background' | 'previousInteractionId' | 'tools'
> & {
  /** Automatic function calling: `disable`, `maximumRemoteCalls` (default 10 requests per send). */
  automaticFunctionCalling?: AutomaticFunctionCallingConfig | undefined;
  /** Wire tools, `defineFunction` tools and MCP tools (`mcpToTool`, listed before the first send). */
  tools?: Array<InteractionToolInput | ToolSource> | undefined;
};

/** What a conversation needs from `client.interactions` (kept off its public surface). */
export interface ConversationBackend {
  /** A unary create. */
  create(params: CreateInteractionParams, options: CreateInteractionOptions): Promise<InteractionResult>;
  /** The event source of a streamed create (parameters are checked when it opens). */
  source(params: CreateInteractionParams, options: CreateInteractionOptions): EventSource;
  /** A stream over `plan` with resumption and results filled in. */
  stream(
    plan: Pick<StreamPlan, 'open' | 'next' | 'onEnd'>,
    options: CreateInteractionOptions,
  ): InteractionStream;
}

/** A `function_result` step answering `call` (send it as input after `requires_action`). */
export function functionResult(
  call: InteractionFunctionCallStep,
  result: unknown,
  options: { isError?: boolean } = {},
): InteractionFunctionResultStep {
  const step: InteractionFunctionResultStep = { type: 'function_result', result };
  if (call.id !== undefined) step.call_id = call.id;
  if (call.name !== undefined) step.name = call.name;
  if (options.isError) step.is_error = true;
  return step;
}

/** A conversation with one model or agent; create it with `client.interactions.conversation()`. */
export class Conversation {
  readonly #backend: ConversationBackend;
  readonly #defaults: Omit<ConversationParams, 'automaticFunctionCalling' | 'previous_interaction_id'>;
  readonly #afc: AutomaticFunctionCallingConfig | undefined;
  #runner: ToolRunner | undefined;
  /** Settles once MCP tool sources are listed (at once when there are none). */
  readonly #ready: Promise<void>;
  #last: InteractionResult | undefined;
  #lastId: string | undefined;
  #queue: Promise<void> = Promise.resolve();

  /** Usually created with `client.interactions.conversation()`. */
  constructor(backend: ConversationBackend, params: ConversationParams) {
    if (typeof params !== 'object' || params === null) {
      throw new InvalidArgumentError('interactions.conversation: expected { model } or { agent }');
    }
    if (params.store === false) {
      throw new InvalidArgumentError(
        'interactions.conversation: needs store (previous_interaction_id reads stored interactions)',
      );
    }
    const { automaticFunctionCalling, previous_interaction_id, ...defaults } = params;
    this.#backend = backend;
    this.#defaults = defaults;
    this.#afc = automaticFunctionCalling;
    this.#lastId = previous_interaction_id;
    const setTools = (tools: InteractionToolInput[] | undefined): void => {
      if (tools) this.#defaults.tools = tools;
      const { functions } = wireTools(tools ?? []);
      const runner = functions.length > 0 ? new ToolRunner(functions) : undefined;
      this.#runner = runner?.runnable ? runner : undefined;
    };
    const tools = defaults.tools;
    if (tools?.some(isToolSource)) {
      this.#ready = expandTools(tools).then((list) => setTools(list as InteractionToolInput[]));
      this.#ready.catch(() => undefined); // reported by the first send
    } else {
      setTools(tools as InteractionToolInput[] | undefined);
      this.#ready = Promise.resolve();
    }
  }

  /** The id the next send continues from (`undefined` before the first). */
  get lastInteractionId(): string | undefined {
    return this.#lastId;
  }

  /** The last interaction received (after automatic function calls, the model's final answer). */
  get lastInteraction(): InteractionResult | undefined {
    return this.#last;
  }

  /** Sends a turn and resolves with the model's answer (after running any functions it called). */
  send(input: InteractionInput, options: CreateInteractionOptions = {}): Promise<InteractionResult> {
    const run = this.#queue.then(async () => {
      await this.#ready;
      let result = await this.#backend.create(this.#params(input, this.#lastId), options);
      for (let requests = 1; ; requests++) {
        const results = await this.#answer(result, requests, options.signal);
        if (!results) break;
        result = await this.#backend.create(this.#params(results, result.id), options);
      }
      this.#commit(result);
      return result;
    });
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Sends a turn and streams the events (of every interaction, when functions are answered
   * automatically). Later sends wait until this stream ends (read to the end, left, or failed).
   */
  stream(input: InteractionInput, options: CreateInteractionOptions = {}): InteractionStream {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((r) => (release = r));
    let requests = 1;
    return this.#backend.stream(
      {
        open: (signal) => this.#openAfter(previous, input, options, signal),
        next: async (result, signal) => {
          const results = await this.#answer(result, requests++, signal);
          return results ? this.#backend.source(this.#params(results, result.id), options) : undefined;
        },
        onEnd: (outcome) => {
          if (outcome.ok) this.#commit(outcome.result);
          release();
        },
      },
      options,
    );
  }

  /** The first leg of a streamed send, opened once earlier sends are done (so it continues the latest). */
  async *#openAfter(
    previous: Promise<void>,
    input: InteractionInput,
    options: CreateInteractionOptions,
    signal: AbortSignal,
  ): AsyncGenerator<InteractionStreamEvent, void, undefined> {
    await previous;
    await this.#ready;
    yield* this.#backend.source(this.#params(input, this.#lastId), options)(signal);
  }

  #params(input: InteractionInput, previous: string | undefined): CreateInteractionParams {
    const params = { ...this.#defaults, input } as CreateInteractionParams;
    if (previous !== undefined) params.previous_interaction_id = previous;
    return params;
  }

  #commit(result: InteractionResult): void {
    this.#last = result;
    if (result.id) this.#lastId = result.id;
  }

  /** The function results to send after `result`, or `undefined` to stop there. */
  async #answer(
    result: InteractionResult,
    requests: number,
    signal: AbortSignal | undefined,
  ): Promise<InteractionFunctionResultStep[] | undefined> {
    const runner = this.#runner;
    if (!runner || this.#afc?.disable || result.status !== 'requires_action') return undefined;
    if (requests >= (this.#afc?.maximumRemoteCalls ?? DEFAULT_MAXIMUM_REMOTE_CALLS)) return undefined;
    const steps = result.functionCalls;
    const calls = steps.map((s): FunctionCall => {
      const call: FunctionCall = { args: s.arguments ?? {} };
      if (s.id !== undefined) call.id = s.id;
      if (s.name !== undefined) call.name = s.name;
      return call;
    });
    if (!runner.canRun(calls)) return undefined;
    const responses = await runner.run(calls, { signal });
    return responses.map((r, i) => functionResult(steps[i]!, r.response));
  }
}
