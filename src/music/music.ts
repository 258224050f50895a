// `client.live.music.connect`: the BidiGenerateMusic endpoint for the client's key, the setup message,
// and the realtime engine (no resumption: music sessions have no handles).
import type { LiveMusicClientMessage } from '../../generated/types/LiveMusicClientMessage.js';
import type { LiveMusicServerMessage } from '../../generated/types/LiveMusicServerMessage.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { ClientTransport } from '../core/client-transport.js';
import { modelName } from '../models/request.js';
import type { QueueOptions } from '../realtime/queue.js';
import { RealtimeSession } from '../realtime/session.js';
import { wsUrl, type WebSocketConstructor } from '../realtime/socket.js';
import { LiveMusicSession } from './session.js';

/** The Lyria RealTime model (experimental). */
export const DEFAULT_MUSIC_MODEL = 'models/lyria-realtime-exp';

/** Options of `client.live.music.connect`. */
export interface LiveMusicConnectParams {
  /** The music model (default `models/lyria-realtime-exp`; `models/` is added when missing). */
  model?: string;
  /** Aborts the connect; after it, closes the session (the iterator then throws `AbortError`). */
  signal?: AbortSignal;
  /** Time allowed to open the socket and complete the setup, in ms (default 30 000). */
  connectTimeout?: number;
  /** Receive queue of the iterator (default 256 messages, `pause`: a slow reader slows the server). */
  queue?: QueueOptions;
  /** WebSocket constructor (default: the global one, else `ws`). */
  WebSocket?: WebSocketConstructor;
}

/** The WebSocket URL path of the music method for an API version. */
export function musicPath(apiVersion: string): string {
  return `/ws/google.ai.generativelanguage.${apiVersion}.GenerativeService.BidiGenerateMusic`;
}

/** Live Music (Lyria RealTime): streamed instrumental music steered by weighted prompts. */
export class LiveMusic {
  readonly #transport: ClientTransport;
  readonly #webSocket: (() => Promise<WebSocketConstructor>) | undefined;

  /** Uses the client's transport (base URL, API version, key, logger) and WebSocket source (proxy, injected). */
  constructor(transport: ClientTransport, webSocket?: () => Promise<WebSocketConstructor>) {
    this.#transport = transport;
    this.#webSocket = webSocket;
  }

  /**
   * Opens a session and resolves once the server completed the setup. Rejects — never hangs — with
   * `SessionConnectError` (close code and reason) when the socket closes or fails first, `TimeoutError`
   * after `connectTimeout`, `AbortError` when `signal` aborts, `InvalidArgumentError` for bad input.
   *
   * ```ts
   * const session = await client.live.music.connect({ model: 'models/lyria-realtime-exp' });
   * session.setWeightedPrompts([{ text: 'minimal techno', weight: 1 }]);
   * session.setMusicGenerationConfig({ bpm: 90, scale: 'D_MAJOR_B_MINOR' });
   * session.play();
   * await writeWav('out.wav', session.audio(), { maxDurationMs: 10_000 });
   * await session.close();
   * ```
   */
  async connect(params: LiveMusicConnectParams = {}): Promise<LiveMusicSession> {
    if (typeof params !== 'object' || params === null) {
      throw new InvalidArgumentError('live.music.connect: expected { model }');
    }
    const model = modelName(params.model ?? DEFAULT_MUSIC_MODEL);
    const t = this.#transport;
    const { apiKey, redact, logger, headers } = t.socketAuth();
    const engine = await RealtimeSession.open<LiveMusicClientMessage, LiveMusicServerMessage>({
      url: wsUrl(t.baseUrl, musicPath(t.apiVersion), { key: apiKey }),
      redact,
      setup: () => ({ setup: { model } }),
      isSetupComplete: (m) => m.setupComplete !== undefined,
      signal: params.signal,
      connectTimeout: params.connectTimeout,
      queue: params.queue,
      WebSocket: params.WebSocket ?? (await this.#webSocket?.()),
      headers,
      logger,
      label: 'live.music',
    });
    return new LiveMusicSession(engine, model);
  }
}
