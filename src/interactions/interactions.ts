// `client.interactions`: create (unary or streamed), get (or follow its stream), cancel, delete, and
// stateful conversations. Requests go through the generated `interactions.*` stubs and the one transport;
// bodies and answers keep their wire names (snake_case).
import * as stubs from '../../generated/methods/interactions.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { MethodCall, Transport } from '../../generated/transport.js';
import type { CreateInteractionRequest } from '../../generated/types/CreateInteractionRequest.js';
import type { Interaction } from '../../generated/types/Interaction.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { CallOptions } from '../core/transport.js';
import { Conversation, type ConversationBackend, type ConversationParams } from './conversation.js';
import { prepareCreate } from './params.js';
import { withHelpers, type InteractionRefresher, type InteractionResult } from './result.js';
import { InteractionStream, type EventSource, type StreamPlan } from './stream.js';
import type { CreateInteractionParams, InteractionData, InteractionStreamEvent } from './types.js';

/** Per-call options of `create`. */
export interface CreateInteractionOptions extends CallOptions {
  /**
   * Let the core retry a create that failed in transit (default `false`: a create has no idempotency
   * key, so a retry after the request reached the server can run and bill twice).
   */
  idempotent?: boolean | undefined;
  /** Streams only: reconnections in a row without a new event before giving up (default 3). */
  maxResumes?: number | undefined;
}

/** Options of `get`. */
export interface GetInteractionOptions extends CallOptions {
  /** `true`: follow the interaction's event stream (`InteractionStream`). */
  stream?: boolean | undefined;
  /** With `stream`: start after this event id (wire `last_event_id`). */
  lastEventId?: string | undefined;
  /** Include the `input` in the answer (wire `include_input`). */
  includeInput?: boolean | undefined;
  /** Streams only: reconnections in a row without a new event before giving up (default 3). */
  maxResumes?: number | undefined;
}

const checkId = (id: unknown, method: string): string => {
  if (typeof id !== 'string' || id === '' || id.includes('/')) {
    throw new InvalidArgumentError(
      `interactions.${method}: expected an interaction id like "v1_…", got ${JSON.stringify(id)}`,
    );
  }
  return id;
};

/** Strips the SDK-only keys from call options before they reach the transport. */
function transportOptions(options: CallOptions & { maxResumes?: unknown }): CallOptions {
  const { maxResumes: _m, ...rest } = options;
  return rest;
}

/** The `MethodCall` a generated stub builds, captured instead of sent, so streaming reuses the stub's spec. */
function captureCall(invoke: (t: Transport) => unknown): MethodCall {
  let captured: MethodCall | undefined;
  const capture: Transport = {
    call: (c) => ((captured = c), Promise.resolve(undefined)) as never,
    stream: (c) => ((captured = c), []) as never,
  };
  void invoke(capture);
  return captured!;
}

/** The Interactions API (`/v1beta/interactions`), reached as `client.interactions`. */
export class Interactions {
  readonly #t: Transport;
  readonly #refresh: InteractionRefresher = (id, signal) => this.get(id, { signal });

  /** Usually reached as `client.interactions`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /**
   * Creates an interaction. Resolves with it (`.text`, `.functionCalls`, `.wait()` for background runs),
   * or, with `stream: true`, returns an `InteractionStream` of events at once. Bad parameters throw
   * `InvalidArgumentError` before anything is sent. A create is not retried unless `idempotent: true`.
   */
  create(
    params: CreateInteractionParams & { stream: true },
    options?: CreateInteractionOptions,
  ): InteractionStream;
  create(
    params: CreateInteractionParams & { stream?: false | undefined },
    options?: CreateInteractionOptions,
  ): ApiPromise<InteractionResult>;
  create(
    params: CreateInteractionParams,
    options?: CreateInteractionOptions,
  ): ApiPromise<InteractionResult> | InteractionStream;
  create(
    params: CreateInteractionParams,
    options: CreateInteractionOptions = {},
  ): ApiPromise<InteractionResult> | InteractionStream {
    const stream = (params as { stream?: unknown } | null)?.stream === true;
    if (stream) {
      const { body } = prepareCreate(params, true);
      return this.#stream(this.#createSource(body, options), options);
    }
    return respond(this.#t, async (t) => {
      const { body } = prepareCreate(params, false);
      return this.#finish(await stubs.create(t, {}, body, this.#createOptions(options)));
    });
  }

  /** Gets a stored interaction, or with `stream: true` follows its events (replayed after `lastEventId`). */
  get(id: string, options: GetInteractionOptions & { stream: true }): InteractionStream;
  get(
    id: string,
    options?: GetInteractionOptions & { stream?: false | undefined },
  ): ApiPromise<InteractionResult>;
  get(id: string, options?: GetInteractionOptions): ApiPromise<InteractionResult> | InteractionStream;
  get(id: string, options: GetInteractionOptions = {}): ApiPromise<InteractionResult> | InteractionStream {
    const { stream, lastEventId, includeInput, ...rest } = options;
    if (stream) {
      const checked = checkId(id, 'get');
      return this.#stream(
        (signal) => this.#getSource(checked, undefined, rest, signal),
        rest,
        checked,
        lastEventId,
      );
    }
    return respond(this.#t, async (t) => {
      if (lastEventId !== undefined)
        throw new InvalidArgumentError('interactions.get: lastEventId needs stream: true');
      const params: stubs.GetParams = { id: checkId(id, 'get') };
      if (includeInput !== undefined) params.include_input = includeInput;
      return this.#finish(await stubs.get(t, params, transportOptions(rest)));
    });
  }

  /** Cancels a background interaction still in progress; resolves with it (status `cancelled`). */
  cancel(id: string, options: CallOptions = {}): ApiPromise<InteractionResult> {
    return respond(this.#t, async (t) =>
      this.#finish(await stubs.cancel(t, { id: checkId(id, 'cancel') }, options)),
    );
  }

  /** Deletes a stored interaction. */
  delete(id: string, options: CallOptions = {}): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await stubs.delete(t, { id: checkId(id, 'delete') }, options);
    });
  }

  /**
   * A stateful conversation: each `send` continues the last interaction (`previous_interaction_id`),
   * and functions from `defineFunction` with `run` answer the model's calls automatically.
   */
  conversation(params: ConversationParams): Conversation {
    return new Conversation(this.#backend, params);
  }

  readonly #backend: ConversationBackend = {
    create: (params, options) => this.create({ ...params, stream: false }, options),
    source: (params, options) => (signal) =>
      this.#createSource(prepareCreate(params, true).body, options)(signal),
    stream: (plan, options) => this.#stream(plan.open, options, undefined, undefined, plan),
  };

  #finish = (data: Interaction | InteractionData): InteractionResult =>
    withHelpers(data as InteractionData, this.#refresh);

  #createOptions(options: CreateInteractionOptions): CallOptions {
    return { ...transportOptions(options), idempotent: options.idempotent ?? false };
  }

  #createSource(body: CreateInteractionRequest, options: CreateInteractionOptions): EventSource {
    const call = captureCall((t) => stubs.create(t, {}, body));
    const callOptions = this.#createOptions(options);
    return (signal) => this.#t.stream<InteractionStreamEvent>(call, { ...callOptions, signal });
  }

  #getSource(
    id: string,
    after: string | undefined,
    options: CallOptions,
    signal: AbortSignal,
  ): AsyncIterable<InteractionStreamEvent> {
    const params: stubs.GetParams = { id, stream: true };
    if (after !== undefined) params.last_event_id = after;
    const call = captureCall((t) => stubs.get(t, params));
    return this.#t.stream<InteractionStreamEvent>(call, { ...transportOptions(options), signal });
  }

  #stream(
    open: EventSource,
    options: CallOptions & { maxResumes?: number | undefined },
    interactionId?: string,
    lastEventId?: string,
    extra: Pick<StreamPlan, 'next' | 'onEnd'> = {},
  ): InteractionStream {
    return new InteractionStream({
      open,
      resume: (id, after, signal) => this.#getSource(id, after, options, signal),
      finish: this.#finish,
      maxResumes: options.maxResumes,
      interactionId,
      lastEventId,
      signal: options.signal,
      next: extra.next,
      onEnd: extra.onEnd,
    });
  }
}
