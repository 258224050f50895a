// A multi-turn conversation with one model. History keeps the model's turns exactly as received
// (thought signatures and unknown parts included); sends run one at a time; a send that fails or is
// aborted leaves the history as it was.
import type { Transport } from '../../generated/transport.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { Content } from '../../generated/types/Content.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { CallOptions } from '../core/transport.js';
import { toContents, type ContentInput } from '../models/content.js';
import { sendPrepared, streamSetup } from '../models/generate.js';
import { applyConfig, GENERATE_SHAPE } from '../models/config.js';
import {
  modelName,
  prepareRequest,
  type GenerateContentConfig,
  type GenerateContentConfigBag,
} from '../models/request.js';
import type { GenerateContentResult } from '../models/response.js';
import { GenerateContentStream } from '../models/stream.js';
import { ToolRunner } from '../tools/runner.js';
import { checkHistory, curateHistory } from './history.js';

/**
 * Settings of every request of a chat (system instruction, tools, generation config…): wire names, or
 * @google/genai's flat config (`temperature` beside `tools`, `httpOptions`, `abortSignal`), or both.
 */
export type ChatConfig<T = unknown> = GenerateContentConfig<T> & GenerateContentConfigBag<T>;

/** Parameters of `client.chats.create`. */
export interface CreateChatParams<T = unknown> {
  /** Model id or resource name. */
  model: string;
  /** Earlier turns to continue from (roles `user`/`model`). */
  history?: Content[];
  /** Settings sent with every message. */
  config?: ChatConfig<T>;
}

/** A message: text, parts or Content(s); or `{ message, config }` to override settings for one send. */
export type SendMessageInput<T = unknown> = ContentInput | { message: ContentInput; config?: ChatConfig<T> };

const isWrapped = (v: unknown): v is { message: ContentInput; config?: ChatConfig } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'message' in v && !('parts' in v);

/** The model turn a response adds to history: the first candidate's content verbatim, or an empty turn. */
function modelTurn(response: GenerateContentResponse): Content {
  const content = response.candidates?.[0]?.content;
  if (!content) return { role: 'model', parts: [] };
  const copy = structuredClone(content);
  copy.role ??= 'model';
  return copy;
}

/** One conversation: `sendMessage`, `sendMessageStream`, `getHistory`. Create it with `client.chats.create()`. */
export class Chat<T = unknown> {
  /** `models/…` the chat talks to. */
  readonly model: string;
  readonly #t: Transport;
  readonly #config: GenerateContentConfig<T>;
  readonly #options: CallOptions | undefined;
  readonly #history: Content[];
  #queue: Promise<void> = Promise.resolve();

  /** Usually created with `client.chats.create()`. */
  constructor(transport: Transport, params: CreateChatParams<T>) {
    if (typeof params !== 'object' || params === null)
      throw new InvalidArgumentError('chats.create: expected { model }');
    this.model = modelName(params.model);
    this.#t = transport;
    [this.#config, this.#options] = applyConfig({ config: params.config }, GENERATE_SHAPE, undefined);
    const history = params.history ?? [];
    if (!Array.isArray(history)) throw new InvalidArgumentError('history: expected an array of Content');
    checkHistory(history);
    this.#history = structuredClone(history);
  }

  /** The conversation so far; `curated: true` leaves out empty or blocked exchanges (what is sent). A copy. */
  getHistory(curated = false): Content[] {
    return structuredClone(curated ? curateHistory(this.#history) : this.#history);
  }

  /**
   * Sends a message and resolves with the response (`.text`, `.functionCalls`…). Waits for earlier
   * sends of this chat; functions with `run` are called automatically and the whole exchange is kept.
   */
  sendMessage(message: SendMessageInput<T>, options?: CallOptions): ApiPromise<GenerateContentResult<T>> {
    return respond(this.#t, async (t) => {
      const run = this.#queue.then(async () => {
        const { contents, request } = await this.#prepare(message, options);
        const result = await sendPrepared<T>(t, request, request.options);
        this.#record(contents, result);
        return result;
      });
      this.#queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    });
  }

  /**
   * Streams the answer to a message. The request starts when iteration starts, after earlier sends
   * have finished; history is updated once the stream has been read to the end. Read (or `abort()`)
   * each stream before expecting the next send of this chat to start.
   */
  sendMessageStream(message: SendMessageInput<T>, options?: CallOptions): GenerateContentStream<T> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    let sent: Content[] = [];
    return new GenerateContentStream<T>(
      async () => {
        await previous;
        const { contents, request } = await this.#prepare(message, options);
        sent = contents;
        return streamSetup(this.#t, request, request.options);
      },
      (outcome) => {
        if (outcome.ok) this.#record(sent, outcome.result);
        release();
      },
    );
  }

  async #prepare(
    message: SendMessageInput<T>,
    options: CallOptions | undefined,
  ): Promise<{ contents: Content[]; request: Awaited<ReturnType<typeof prepareRequest>> }> {
    const [input, override] = isWrapped(message)
      ? [message.message, message.config]
      : [message as ContentInput, undefined];
    if (input === undefined || input === null)
      throw new InvalidArgumentError('sendMessage: a message is required');
    const contents = await toContents(input, 'message');
    if (contents.length === 0) throw new InvalidArgumentError('sendMessage: the message is empty');
    // A message's own config overrides the chat's field by field (generation fields one by one too).
    const [own, ownOptions] = applyConfig({ config: override }, GENERATE_SHAPE, undefined) as [
      GenerateContentConfig<T>,
      CallOptions | undefined,
    ];
    const generationConfig = own.generationConfig && {
      ...this.#config.generationConfig,
      ...own.generationConfig,
    };
    const config = override
      ? { ...this.#config, ...own, ...(generationConfig && { generationConfig }) }
      : this.#config;
    const request = await prepareRequest(
      {
        ...(config as GenerateContentConfig),
        model: this.model,
        contents: [...curateHistory(this.#history), ...contents],
      },
      { ...this.#options, ...ownOptions, ...options },
      (tools) => new ToolRunner(tools), // automatic function calling in chats
    );
    return { contents, request };
  }

  #record(sent: Content[], result: GenerateContentResult<T>): void {
    this.#history.push(
      ...structuredClone(sent),
      ...structuredClone(result.automaticFunctionCallingHistory),
      modelTurn(result),
    );
  }
}
