// Live API inputs (friendly, flattened like the official SDKs) and the wire message aliases.
import type { BidiGenerateContentClientMessage } from '../../generated/types/BidiGenerateContentClientMessage.js';
import type { BidiGenerateContentServerMessage } from '../../generated/types/BidiGenerateContentServerMessage.js';
import type { BidiGenerateContentSetup } from '../../generated/types/BidiGenerateContentSetup.js';
import type { Blob as WireBlob } from '../../generated/types/Blob.js';
import type { Content } from '../../generated/types/Content.js';
import type { FunctionResponse } from '../../generated/types/FunctionResponse.js';
import type { GenerationConfig } from '../../generated/types/GenerationConfig.js';
import type { GeminiError } from '../core/errors.js';
import type { ContentInput } from '../models/content.js';
import type { CloseInfo } from '../realtime/errors.js';
import type { QueueOptions } from '../realtime/queue.js';
import type { WebSocketConstructor } from '../realtime/socket.js';
import type { BackoffOptions } from '../core/retry.js';
import type { AutomaticFunctionCallingConfig } from '../tools/afc.js';
import type { ToolInput } from '../tools/function-tool.js';
import type { Tools } from '../tools/runner.js';

/** A server message of a Live session (one JSON frame). */
export type LiveServerMessage = BidiGenerateContentServerMessage;

/** A client message of a Live session (one JSON frame). */
export type LiveClientMessage = BidiGenerateContentClientMessage;

/** Generation settings that may be given directly in the config (they go to `setup.generationConfig`). */
export type LiveGenerationFields = Pick<
  GenerationConfig,
  | 'responseModalities'
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'maxOutputTokens'
  | 'seed'
  | 'candidateCount'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'mediaResolution'
  | 'speechConfig'
  | 'thinkingConfig'
  | 'enableAffectiveDialog'
>;

/** The names of `LiveGenerationFields`, in wire order. */
export const LIVE_GENERATION_FIELDS = [
  'responseModalities',
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'seed',
  'candidateCount',
  'presencePenalty',
  'frequencyPenalty',
  'mediaResolution',
  'speechConfig',
  'thinkingConfig',
  'enableAffectiveDialog',
] as const;

/**
 * Session configuration: the setup fields (wire names) with generation settings allowed at the top level,
 * a text `systemInstruction`, and function tools that run automatically.
 */
export type LiveConnectConfig = LiveGenerationFields &
  Omit<BidiGenerateContentSetup, 'model' | 'systemInstruction' | 'tools'> & {
    /** System instruction as text, parts or a Content. */
    systemInstruction?: ContentInput;
    /** Wire tools and functions from `defineFunction` (those with `run` are answered automatically). */
    tools?: Tools;
    /** Automatic function calling (on when a function tool has `run`; `{ disable: true }` turns it off). */
    automaticFunctionCalling?: AutomaticFunctionCallingConfig;
    /** Cancels the connect, then closes the session (as `signal`; @google/genai's name). */
    abortSignal?: AbortSignal;
  };

/** Reconnection policy of a resumable session (`config.sessionResumption` set). */
export interface LiveReconnectOptions {
  /** Attempts per interruption (default 5; 0 turns automatic resumption off). */
  maxAttempts?: number;
  /** Backoff between attempts (default base 200 ms, max 5 s, full jitter). */
  backoff?: BackoffOptions;
}

/** Parameters of `client.live.connect`. */
export interface LiveConnectParams {
  /** Model id (`gemini-live-2.5-flash-preview`) or `models/…` name. */
  model: string;
  /** Session configuration. */
  config?: LiveConnectConfig;
  /** Cancels the connect; after it, closes the session. */
  signal?: AbortSignal;
  /** Time allowed for the socket and the setup handshake, in ms (default 30 000). */
  connectTimeout?: number;
  /** Receive queue of the iterator (default 256 messages, overflow `'pause'`); see docs/realtime.md. */
  queue?: QueueOptions;
  /** Resumption policy (when `config.sessionResumption` is set). */
  reconnect?: LiveReconnectOptions;
  /** An ephemeral token (`auth_tokens/…`) to use instead of the client's API key. */
  accessToken?: string;
  /** WebSocket constructor (default: the global `WebSocket`, else `ws`). */
  WebSocket?: WebSocketConstructor;
  /**
   * @google/genai-style callbacks, for code written that way (the session is also an async iterable
   * and has `on(...)`): `onopen` once connected, then every message, the error, the close.
   */
  callbacks?: LiveCallbacks;
}

/** Callbacks of `live.connect` (@google/genai's names). */
export interface LiveCallbacks {
  /** The session is set up. */
  onopen?: (() => void) | undefined;
  /** Every server message. */
  onmessage?: ((message: LiveServerMessage) => void) | undefined;
  /** The session ended abnormally. */
  onerror?: ((error: GeminiError) => void) | undefined;
  /** The session is closed. */
  onclose?: ((info: CloseInfo) => void) | undefined;
}

/** Audio or video input: raw bytes (base64-encoded for you) or a wire blob. */
export type MediaInput =
  Uint8Array | ArrayBuffer | { data: Uint8Array | ArrayBuffer | string; mimeType?: string };

/** One realtime input; exactly one field per call. */
export interface RealtimeInput {
  /** Audio, default MIME type `audio/pcm;rate=16000` (16-bit little-endian mono PCM). */
  audio?: MediaInput;
  /** A video frame (`image/jpeg` by default). */
  video?: MediaInput;
  /** Text, processed like an utterance. */
  text?: string;
  /** Start of user activity (automatic activity detection disabled). */
  activityStart?: Record<string, never>;
  /** End of user activity (automatic activity detection disabled). */
  activityEnd?: Record<string, never>;
  /** The audio stream ended (e.g. microphone off). */
  audioStreamEnd?: boolean;
  /** Deprecated: media chunks (use audio/video). */
  mediaChunks?: WireBlob[];
}

/** Turns to append (`turnComplete` defaults to true). */
export interface ClientContentInput {
  /** A string, parts, a Content or several turns; omit to only complete the turn. */
  turns?: ContentInput;
  /** True (default): the model answers now; false: more content follows. */
  turnComplete?: boolean;
}

/**
 * A context update (@google/genai's `LiveClientContextUpdate`): only the fields given change, in order
 * with the other inputs. Either change invalidates the model's prefix cache, so use it sparingly.
 */
export interface ContextUpdateInput {
  /** The new system instruction (text, parts or a Content). */
  systemInstruction?: ContentInput | undefined;
  /**
   * The new tools, replacing the previous ones: `{ tools: [...] }` as in @google/genai (an empty list
   * clears them), or the list itself. Functions with `run` are answered automatically from then on.
   */
  tools?: { tools: ReadonlyArray<ToolInput> } | ReadonlyArray<ToolInput> | undefined;
}

/** Answers to a toolCall. Each response needs the call's `id` and `name`. */
export interface ToolResponseInput {
  /** One response or several. */
  functionResponses: FunctionResponse | FunctionResponse[];
}

/** A chunk of output audio: raw PCM bytes and their MIME type (`audio/pcm;rate=24000`). */
export interface LiveAudioChunk {
  /** Raw 16-bit little-endian PCM. */
  data: Uint8Array;
  /** As sent by the server; `audio/pcm` alone means 24 kHz. */
  mimeType: string;
  /** Sample rate from the MIME type (default 24 000). */
  sampleRate: number;
}

/** The turns of `sendClientContent`, resolved. */
export type LiveTurns = Content[];
