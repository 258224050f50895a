// A Live Music session: validated prompt/config sends, playback controls, the server messages as an
// async iterable, a PCM audio stream, and typed events. The socket work is done by the realtime engine.
import type { AudioChunk } from '../../generated/types/AudioChunk.js';
import type { LiveMusicClientMessage } from '../../generated/types/LiveMusicClientMessage.js';
import type { LiveMusicFilteredPrompt } from '../../generated/types/LiveMusicFilteredPrompt.js';
import type { LiveMusicGenerationConfig } from '../../generated/types/LiveMusicGenerationConfig.js';
import type { LiveMusicServerContent } from '../../generated/types/LiveMusicServerContent.js';
import type { LiveMusicServerMessage } from '../../generated/types/LiveMusicServerMessage.js';
import type { WeightedPrompt } from '../../generated/types/WeightedPrompt.js';
import type { GeminiError } from '../core/errors.js';
import { fromBase64 } from '../core/base64.js';
import { RealtimeSessionHandle } from '../realtime/handle.js';
import type { CloseInfo } from '../realtime/errors.js';
import type { RealtimeSession } from '../realtime/session.js';
import { validateMusicConfig, validateWeightedPrompts, type LiveMusicPlaybackControl } from './config.js';
import { MUSIC_PCM_FORMAT, type PcmChunk, type PcmFormat } from './pcm.js';

/** Events of a Live Music session; every payload is typed. */
export interface LiveMusicEvents {
  /** Every server message, as it arrives. */
  message: LiveMusicServerMessage;
  /** One decoded audio chunk (decoded only when something listens). */
  audio: PcmChunk;
  /** A prompt was rejected by the safety filters; generation continues with the others. */
  filteredPrompt: LiveMusicFilteredPrompt;
  /** A non-fatal warning from the server. */
  warning: string;
  /** A message was dropped from the receive queue (nobody iterating, or the `drop-oldest` policy). */
  dropped: LiveMusicServerMessage;
  /** The session ended abnormally. */
  error: GeminiError;
  /** The session is closed. */
  close: CloseInfo;
}

/** Prompts as an array, or wrapped like the official SDK (`{ weightedPrompts }`). */
export type WeightedPromptsInput =
  readonly WeightedPrompt[] | { readonly weightedPrompts: readonly WeightedPrompt[] };

/** A config, or wrapped like the official SDK (`{ musicGenerationConfig }`); nothing resets to defaults. */
export type MusicConfigInput =
  LiveMusicGenerationConfig | { readonly musicGenerationConfig?: LiveMusicGenerationConfig };

/** A connected Live Music session (`client.live.music.connect`). */
export class LiveMusicSession extends RealtimeSessionHandle<
  LiveMusicClientMessage,
  LiveMusicServerMessage,
  LiveMusicEvents
> {
  /** PCM layout of `audio()` chunks: 48 kHz, stereo, 16-bit little-endian. */
  readonly format: PcmFormat = MUSIC_PCM_FORMAT;
  // A chunk decoded for an event is not decoded again for `audio()` (and vice versa).
  readonly #decoded = new WeakMap<AudioChunk, PcmChunk>();

  /** Wraps a connected engine session (use `client.live.music.connect`). */
  constructor(engine: RealtimeSession<LiveMusicClientMessage, LiveMusicServerMessage>, model: string) {
    super(engine, model, ['dropped', 'error', 'close']);
    engine.on('message', (m) => this.#dispatch(m));
  }

  /**
   * Replaces the prompts that steer generation. Needs at least one prompt, each with non-empty `text`
   * and a finite non-zero `weight` (weights are normalized by the server); throws `InvalidArgumentError`
   * otherwise, before anything is sent, and `SessionClosedError` once the session is closed.
   */
  setWeightedPrompts(prompts: WeightedPromptsInput): void {
    const list: unknown = Array.isArray(prompts)
      ? prompts
      : (prompts as { weightedPrompts?: unknown } | null)?.weightedPrompts;
    this.engine.send({ clientContent: { weightedPrompts: validateWeightedPrompts(list) } });
  }

  /**
   * Replaces the whole generation config (fields left out go back to their defaults; no argument resets
   * everything). Ranges and enums are checked locally (`InvalidArgumentError`). `bpm` and `scale` take
   * effect only after `resetContext()` (or `stop()` then `play()`); the other fields apply smoothly.
   */
  setMusicGenerationConfig(config: MusicConfigInput = {}): void {
    const inner = isWrapped(config) ? config.musicGenerationConfig : config;
    this.engine.send({ musicGenerationConfig: validateMusicConfig(inner) });
  }

  /** Starts or resumes generation. */
  play(): void {
    this.#control('PLAY');
  }

  /** Holds generation; `play()` resumes from the current position. */
  pause(): void {
    this.#control('PAUSE');
  }

  /** Stops and resets the context (prompts and config are kept); `play()` starts over. */
  stop(): void {
    this.#control('STOP');
  }

  /** Resets the context without stopping (applies a new bpm or scale); prompts and config are kept. */
  resetContext(): void {
    this.#control('RESET_CONTEXT');
  }

  /**
   * The generated audio as raw PCM chunks (48 kHz stereo s16le, see `format`), each decoded once from
   * base64 with no further copy. Reads the session's messages (one reader at a time); other messages
   * still reach their events. Ends when the session closes; leaving the loop does not close it.
   */
  async *audio(): AsyncGenerator<Uint8Array, void, undefined> {
    for await (const m of this) {
      for (const chunk of m.serverContent?.audioChunks ?? []) {
        const pcm = this.#decode(chunk);
        if (pcm) yield pcm.data;
      }
    }
  }

  /** Safe to log. */
  toJSON(): Record<string, unknown> {
    return { model: this.model, state: this.state, closeInfo: this.closeInfo };
  }

  #control(playbackControl: LiveMusicPlaybackControl): void {
    this.engine.send({ playbackControl });
  }

  #decode(chunk: AudioChunk): PcmChunk | undefined {
    if (!chunk.data) return undefined;
    let pcm = this.#decoded.get(chunk);
    if (!pcm) {
      pcm = { data: fromBase64(chunk.data), mimeType: chunk.mimeType, sourceMetadata: chunk.sourceMetadata };
      this.#decoded.set(chunk, pcm);
    }
    return pcm;
  }

  #dispatch(m: LiveMusicServerMessage): void {
    this.events.emit('message', m);
    if (m.serverContent && this.events.listens('audio')) this.#emitAudio(m.serverContent);
    if (m.filteredPrompt) this.events.emit('filteredPrompt', m.filteredPrompt);
    if (typeof m.warning === 'string') this.events.emit('warning', m.warning);
  }

  #emitAudio(content: LiveMusicServerContent): void {
    for (const chunk of content.audioChunks ?? []) {
      const pcm = this.#decode(chunk);
      if (pcm) this.events.emit('audio', pcm);
    }
  }
}

function isWrapped(
  config: MusicConfigInput,
): config is { readonly musicGenerationConfig?: LiveMusicGenerationConfig } {
  return typeof config === 'object' && config !== null && 'musicGenerationConfig' in config;
}
