/**
 * One emulated Live Music session: setup-first ordering, prompts and config (bpm/scale wait for a
 * context reset, the rest applies at once), PLAY / PAUSE / STOP / RESET_CONTEXT, filtered prompts and
 * deterministic audio chunks. Chunks go out at the configured cadence and never faster than the
 * socket drains: at most two frames are in flight, so a slow reader slows generation (TCP backpressure).
 */
import {
  INVALID_ARGUMENT,
  SETUP_FIRST,
  SETUP_ONCE,
  parseClientMessage,
  type MusicProtocolError,
  type Prompt,
} from './messages.js';
import { AUDIO_MIME_TYPE, FRAME_BYTES, SAMPLE_RATE, Tone } from './synth.js';

/** The transport a session writes to (a `ws` socket in production). */
export interface MusicSocket {
  /** Sends one frame; `done` runs once it has been handed to the network. */
  send(text: string, done: (error?: Error) => void): void;
  /** Closes the connection with a code and reason (cut to the 123-byte limit by the socket). */
  close(code: number, reason: string): void;
}

/** Emission cadence: how much audio each chunk holds and how often one is sent. */
export interface MusicCadence {
  /** Audio per chunk, in ms (default 200). */
  chunkMs: number;
  /** Wait between chunks, in ms (default 10; 0 = as fast as the socket drains). */
  intervalMs: number;
}

/** A rule that filters prompts: matching prompts get a `filteredPrompt` message and are ignored. */
export interface PromptFilter {
  readonly match: string | RegExp;
  readonly reason: string;
}

/** What a session needs from its area. */
export interface MusicSessionContext {
  /** The model check: `undefined` when the model serves bidiGenerateMusic, else the error. */
  checkModel(model: string): MusicProtocolError | undefined;
  /** Current cadence (read at every chunk, so changes apply mid-stream). */
  cadence(): MusicCadence;
  /** Current prompt filters. */
  filters(): readonly PromptFilter[];
}

/** Playback state. */
export type PlaybackState = 'stopped' | 'playing' | 'paused';

/** A snapshot of one session, for tests (`control.music.sessions`). */
export interface MusicSessionInfo {
  readonly id: number;
  readonly model: string | undefined;
  readonly playback: PlaybackState;
  readonly prompts: readonly Prompt[];
  /** The config as last sent. */
  readonly config: Readonly<Record<string, unknown>>;
  /** bpm and scale in force (they change only at a context reset). */
  readonly context: { readonly bpm: number | undefined; readonly scale: string | undefined };
  readonly chunksSent: number;
  /** PCM bytes sent. */
  readonly audioBytes: number;
  /** Times generation waited because the client was not reading. */
  readonly backpressureWaits: number;
  readonly closed: boolean;
}

const MAX_IN_FLIGHT = 2;

/** One connection's protocol state machine. */
export class MusicSession {
  readonly id: number;
  readonly #socket: MusicSocket;
  readonly #ctx: MusicSessionContext;
  readonly #tone = new Tone();
  #model: string | undefined;
  #setupDone = false;
  #closed = false;
  #playback: PlaybackState = 'stopped';
  #prompts: Prompt[] = [];
  #config: Readonly<Record<string, unknown>> = {};
  #context: { bpm: number | undefined; scale: string | undefined } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = 0;
  #waitingDrain = false;
  #chunks = 0;
  #audioBytes = 0;
  #waits = 0;

  constructor(id: number, socket: MusicSocket, ctx: MusicSessionContext) {
    this.id = id;
    this.#socket = socket;
    this.#ctx = ctx;
  }

  /** A snapshot of the state. */
  info(): MusicSessionInfo {
    return {
      id: this.id,
      model: this.#model,
      playback: this.#playback,
      prompts: this.#prompts.map((p) => ({ ...p })),
      config: { ...this.#config },
      context: { bpm: this.#context?.bpm, scale: this.#context?.scale },
      chunksSent: this.#chunks,
      audioBytes: this.#audioBytes,
      backpressureWaits: this.#waits,
      closed: this.#closed,
    };
  }

  /** Handles one text frame from the client. */
  receive(text: string): void {
    if (this.#closed) return;
    const parsed = parseClientMessage(text);
    if ('error' in parsed) return this.close(parsed.error.code, parsed.error.reason);
    const m = parsed.message;
    if (m.kind === 'setup') {
      if (this.#setupDone) return this.close(1007, SETUP_ONCE);
      if (!m.model) return this.close(1007, INVALID_ARGUMENT);
      const rejected = this.#ctx.checkModel(m.model);
      if (rejected) return this.close(rejected.code, rejected.reason);
      this.#model = m.model;
      this.#setupDone = true;
      this.#send({ setupComplete: {} });
      return;
    }
    if (!this.#setupDone) return this.close(1007, SETUP_FIRST);
    if (m.kind === 'clientContent') this.#setPrompts(m.prompts);
    else if (m.kind === 'musicGenerationConfig') this.#config = m.config;
    else this.#control(m.control);
    this.#schedule();
  }

  /** Sends a `warning` message (control API). */
  warn(text: string): void {
    if (this.#setupDone) this.#send({ warning: text });
  }

  /** Ends the session from the server side. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#socket.close(code, reason);
  }

  /** The connection is gone (client close or network). */
  dispose(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  #setPrompts(prompts: readonly Prompt[]): void {
    const kept: Prompt[] = [];
    for (const p of prompts) {
      const rule = this.#ctx
        .filters()
        .find((f) =>
          typeof f.match === 'string'
            ? p.text.toLowerCase().includes(f.match.toLowerCase())
            : f.match.test(p.text),
        );
      if (rule) this.#send({ filteredPrompt: { text: p.text, filteredReason: rule.reason } });
      else kept.push(p);
    }
    this.#prompts = kept;
  }

  #control(control: string): void {
    if (control === 'PLAY') this.#playback = 'playing';
    else if (control === 'PAUSE') {
      if (this.#playback === 'playing') this.#playback = 'paused';
    } else if (control === 'STOP') {
      this.#playback = 'stopped';
      this.#resetContext();
    } else if (control === 'RESET_CONTEXT') this.#resetContext();
    if (this.#playback !== 'playing') {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #resetContext(): void {
    this.#context = undefined;
    this.#tone.reset();
  }

  /** Arms the next chunk if generation should run and nothing is armed yet. */
  #schedule(): void {
    if (this.#closed || this.#timer || this.#waitingDrain) return;
    if (this.#playback !== 'playing' || this.#prompts.length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#emit();
    }, this.#ctx.cadence().intervalMs);
  }

  #emit(): void {
    if (this.#closed || this.#playback !== 'playing' || this.#prompts.length === 0) return;
    if (this.#inFlight >= MAX_IN_FLIGHT) {
      this.#waitingDrain = true;
      this.#waits++;
      return;
    }
    // A new context takes bpm and scale from the config in force when it starts.
    const context = (this.#context ??= { bpm: num(this.#config['bpm']), scale: str(this.#config['scale']) });
    const settings = {
      ...context,
      density: num(this.#config['density']),
      brightness: num(this.#config['brightness']),
    };
    const frames = Math.max(1, Math.round((SAMPLE_RATE * this.#ctx.cadence().chunkMs) / 1000));
    const pcm = this.#tone.render(frames, settings);
    const { bpm: _bpm, scale: _scale, ...rest } = this.#config;
    const config = { ...rest, ...dropUndefined(context) };
    this.#chunks++;
    this.#audioBytes += frames * FRAME_BYTES;
    this.#send({
      serverContent: {
        audioChunks: [
          {
            data: pcm.toString('base64'),
            mimeType: AUDIO_MIME_TYPE,
            sourceMetadata: {
              clientContent: { weightedPrompts: this.#prompts },
              musicGenerationConfig: config,
            },
          },
        ],
      },
    });
    this.#schedule();
  }

  #send(message: unknown): void {
    if (this.#closed) return;
    this.#inFlight++;
    this.#socket.send(JSON.stringify(message), () => {
      this.#inFlight--;
      if (this.#waitingDrain && this.#inFlight < MAX_IN_FLIGHT) {
        this.#waitingDrain = false;
        this.#schedule();
      }
    });
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const dropUndefined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
