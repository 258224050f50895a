// A Live session: typed sends, the server messages as an async iterable, text/audio convenience streams,
// typed events, and automatic function calling. The socket work is done by the realtime engine.
import type { BidiGenerateContentServerContent } from '../../generated/types/BidiGenerateContentServerContent.js';
import type { BidiGenerateContentToolCall } from '../../generated/types/BidiGenerateContentToolCall.js';
import type { BidiGenerateContentToolCallCancellation } from '../../generated/types/BidiGenerateContentToolCallCancellation.js';
import type { BidiGenerateContentTranscription } from '../../generated/types/BidiGenerateContentTranscription.js';
import type { BidiGenerateContentUsageMetadata } from '../../generated/types/BidiGenerateContentUsageMetadata.js';
import type { FunctionResponse } from '../../generated/types/FunctionResponse.js';
import type { GoAway } from '../../generated/types/GoAway.js';
import type { SessionResumptionUpdate } from '../../generated/types/SessionResumptionUpdate.js';
import { InvalidArgumentError, type GeminiError } from '../core/errors.js';
import { RealtimeSessionHandle } from '../realtime/handle.js';
import type { CloseInfo } from '../realtime/errors.js';
import type { RealtimeEvents, RealtimeSession } from '../realtime/session.js';
import type { ToolRunner } from '../tools/runner.js';
import { decodeAudio } from './audio.js';
import {
  clientContentMessage,
  contextUpdateMessage,
  realtimeInputMessage,
  toolResponseMessage,
} from './inputs.js';
import type {
  LiveAudioChunk,
  ClientContentInput,
  ContextUpdateInput,
  LiveClientMessage,
  LiveServerMessage,
  RealtimeInput,
  ToolResponseInput,
} from './types.js';

/** Events of a Live session; every payload is typed. */
export interface LiveEvents {
  /** Every server message. */
  message: LiveServerMessage;
  /** Model output and turn signals. */
  content: BidiGenerateContentServerContent;
  /** A text delta of the model's turn (thoughts excluded). */
  text: string;
  /** A chunk of output audio (raw PCM). */
  audio: LiveAudioChunk;
  /** The model finished generating. */
  generationComplete: BidiGenerateContentServerContent;
  /** The model's turn is over. */
  turnComplete: BidiGenerateContentServerContent;
  /** The model was interrupted (barge-in, new client content, or a resume in the middle of a turn). */
  interrupted: BidiGenerateContentServerContent;
  /** Transcription of the input audio. */
  inputTranscription: BidiGenerateContentTranscription;
  /** Transcription of the output audio. */
  outputTranscription: BidiGenerateContentTranscription;
  /** The model calls functions. */
  toolCall: BidiGenerateContentToolCall;
  /** Function calls were cancelled. */
  toolCallCancellation: BidiGenerateContentToolCallCancellation;
  /** Automatic function calling answered a toolCall with these responses. */
  toolResponse: FunctionResponse[];
  /** The server will close the connection soon (a resumable session moves to a new one by itself). */
  goAway: GoAway;
  /** A new resumption handle. */
  sessionResumptionUpdate: SessionResumptionUpdate;
  /** Token usage. */
  usage: BidiGenerateContentUsageMetadata;
  /** The connection dropped or is being replaced; reconnecting. */
  reconnecting: RealtimeEvents<LiveServerMessage>['reconnecting'];
  /** The session resumed on a new connection. */
  resumed: RealtimeEvents<LiveServerMessage>['resumed'];
  /** A message was dropped from the receive queue. */
  dropped: LiveServerMessage;
  /** The session ended abnormally. */
  error: GeminiError;
  /** The session is closed. */
  close: CloseInfo;
}

/** How a session applies context updates (filled in by `client.live.connect`). */
export interface LiveSessionContext {
  /** Whether functions with code are answered automatically. */
  afc: boolean;
  /** Hears each context update sent (so a resumed connection sets up with it). */
  onUpdate?: ((update: NonNullable<LiveClientMessage['contextUpdate']>) => void) | undefined;
}

/** Filled in by `LiveSession`: how the engine reports messages to it (see `RealtimeOptions.observe`). */
export interface LiveSessionHooks {
  /** Sees every message. */
  observe?: (message: LiveServerMessage) => void;
  /** Whether the user listens to events. */
  listening?: () => boolean;
}

/** Options of `text()` and `audio()`. */
export interface TurnStreamOptions {
  /** Stop at the end of the model's turn (default true); false: until the session closes. */
  untilTurnComplete?: boolean;
}

/** A connected Live session (`client.live.connect`). */
export class LiveSession extends RealtimeSessionHandle<LiveClientMessage, LiveServerMessage, LiveEvents> {
  #runner: ToolRunner | undefined;
  readonly #context: LiveSessionContext;
  readonly #running = new Map<string, AbortController>();

  /**
   * Wraps a connected engine session (use `client.live.connect`). `hooks` is the engine's `observe` /
   * `listening` pair: the session fills it in, so it sees every message without counting as a consumer.
   */
  constructor(
    engine: RealtimeSession<LiveClientMessage, LiveServerMessage>,
    model: string,
    runner: ToolRunner | undefined,
    hooks: LiveSessionHooks,
    context: LiveSessionContext = { afc: true },
  ) {
    super(engine, model, ['reconnecting', 'resumed', 'dropped', 'error', 'close']);
    this.#runner = runner;
    this.#context = context;
    hooks.observe = (m) => this.#dispatch(m);
    hooks.listening = () => this.events.listensAny();
    engine.on('close', () => {
      for (const ac of this.#running.values()) ac.abort();
    });
  }

  /** The latest resumption handle (keep it to resume later with `sessionResumption: { handle }`). */
  get resumeHandle(): string | undefined {
    return this.engine.resumeHandle;
  }

  /** Bytes sent but not yet written to the network (pace media input with it). */
  get bufferedAmount(): number {
    return this.engine.bufferedAmount;
  }

  /** Appends turns to the conversation; `turnComplete` (default true) makes the model answer. */
  sendClientContent(input: ClientContentInput = {}): void {
    this.engine.send(clientContentMessage(input));
  }

  /** Streams one realtime input: audio/video bytes (base64 done for you), text, or an activity signal. */
  sendRealtimeInput(input: RealtimeInput): void {
    this.engine.send(realtimeInputMessage(input));
  }

  /** Answers a toolCall (each response with the call's `id` and `name`). */
  sendToolResponse(input: ToolResponseInput): void {
    this.engine.send(toolResponseMessage(input));
  }

  /**
   * Changes the system instruction and/or the tools from now on (`contextUpdate`; only the fields
   * given change). New functions with `run` are answered automatically; a resumed connection sets up
   * with the updated context.
   */
  sendContextUpdate(input: ContextUpdateInput): void {
    const { message, runner } = contextUpdateMessage(input);
    this.engine.send(message);
    if (runner) this.#runner = this.#context.afc && runner.runnable ? runner : undefined;
    this.#context.onUpdate?.(message.contextUpdate!);
  }

  /** Sends a raw client message (not `setup`: the session sends it). */
  send(message: LiveClientMessage): void {
    const keys = Object.keys(message ?? {});
    if (keys.length !== 1 || keys[0] === 'setup') {
      throw new InvalidArgumentError(
        'send: a client message has exactly one of clientContent, realtimeInput, toolResponse, contextUpdate',
      );
    }
    this.engine.send(message);
  }

  /** Text deltas of the model's turn (reads the session's messages; one reader at a time). */
  async *text(options: TurnStreamOptions = {}): AsyncGenerator<string, void, undefined> {
    for await (const m of this) {
      for (const p of m.serverContent?.modelTurn?.parts ?? []) {
        if (typeof p.text === 'string' && p.thought !== true && p.text) yield p.text;
      }
      if (m.serverContent?.turnComplete && options.untilTurnComplete !== false) return;
    }
  }

  /** Output audio of the model's turn as raw PCM chunks (reads the session's messages; one reader at a time). */
  async *audio(options: TurnStreamOptions = {}): AsyncGenerator<LiveAudioChunk, void, undefined> {
    for await (const m of this) {
      for (const p of m.serverContent?.modelTurn?.parts ?? []) {
        const chunk = decodeAudio(p.inlineData);
        if (chunk) yield chunk;
      }
      if (m.serverContent?.turnComplete && options.untilTurnComplete !== false) return;
    }
  }

  /** Safe to log. */
  toJSON(): Record<string, unknown> {
    return { model: this.model, ...this.engine.toJSON() };
  }

  #dispatch(m: LiveServerMessage): void {
    const e = this.events;
    e.emit('message', m);
    const sc = m.serverContent;
    if (sc) {
      e.emit('content', sc);
      for (const p of sc.modelTurn?.parts ?? []) {
        if (typeof p.text === 'string' && p.thought !== true && p.text) e.emit('text', p.text);
        const chunk = e.listens('audio') ? decodeAudio(p.inlineData) : undefined;
        if (chunk) e.emit('audio', chunk);
      }
      if (sc.inputTranscription) e.emit('inputTranscription', sc.inputTranscription);
      if (sc.outputTranscription) e.emit('outputTranscription', sc.outputTranscription);
      if (sc.interrupted) e.emit('interrupted', sc);
      if (sc.generationComplete) e.emit('generationComplete', sc);
      if (sc.turnComplete) e.emit('turnComplete', sc);
    }
    if (m.toolCall) {
      e.emit('toolCall', m.toolCall);
      this.#runTools(m.toolCall);
    }
    if (m.toolCallCancellation) {
      e.emit('toolCallCancellation', m.toolCallCancellation);
      for (const id of m.toolCallCancellation.ids ?? []) this.#running.get(id)?.abort();
    }
    if (m.goAway) e.emit('goAway', m.goAway);
    if (m.sessionResumptionUpdate) e.emit('sessionResumptionUpdate', m.sessionResumptionUpdate);
    if (m.usageMetadata) e.emit('usage', m.usageMetadata);
  }

  /** Automatic function calling: run the calls with the registered functions and answer them. */
  #runTools(toolCall: BidiGenerateContentToolCall): void {
    const calls = toolCall.functionCalls ?? [];
    if (!this.#runner?.canRun(calls)) return;
    const ac = new AbortController();
    const ids = calls.map((c) => c.id ?? '');
    for (const id of ids) this.#running.set(id, ac);
    void this.#runner
      .run(calls, { signal: ac.signal })
      .then((functionResponses) => {
        if (ac.signal.aborted || this.state === 'closing' || this.state === 'closed') return;
        this.engine.send({ toolResponse: { functionResponses } });
        this.events.emit('toolResponse', functionResponses);
      })
      .catch(() => undefined) // cancelled (toolCallCancellation or close): nothing to answer
      .finally(() => {
        for (const id of ids) if (this.#running.get(id) === ac) this.#running.delete(id);
      });
  }
}
