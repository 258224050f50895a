// `client.live.connect`: the Live API endpoint for the client's key (or an ephemeral token), the setup,
// and the resumption hooks the realtime engine needs (handles, goAway, turn tracking).
import { InvalidArgumentError } from '../core/errors.js';
import { redact } from '../core/env.js';
import { parseDuration } from '../core/retry.js';
import type { ClientTransport } from '../core/client-transport.js';
import { RealtimeSession, type ResumptionHooks } from '../realtime/session.js';
import { wsUrl, type WebSocketConstructor } from '../realtime/socket.js';
import { LiveSession, type LiveSessionHooks } from './session.js';
import { LiveMusic } from '../music/music.js';
import { expandTools } from '../tools/source.js';
import { prepareSetup, resumeSetup } from './setup.js';
import type { LiveClientMessage, LiveConnectParams, LiveServerMessage } from './types.js';

const SERVICE = 'google.ai.generativelanguage';
/** Ephemeral tokens (`auth_tokens/…`) work only on the constrained v1alpha method. */
const TOKEN_PREFIX = 'auth_tokens/';

/** The WebSocket URL path of the Live method for an API version. */
export function livePath(apiVersion: string, constrained: boolean): string {
  const method = constrained ? 'BidiGenerateContentConstrained' : 'BidiGenerateContent';
  return `/ws/${SERVICE}.${constrained ? 'v1alpha' : apiVersion}.GenerativeService.${method}`;
}

/** Replaces each secret (and its URL-encoded form) with `[REDACTED]` (core `redact` rules). */
function redactor(secrets: readonly string[], inner: (t: string) => string): (text: string) => string {
  return (text) => inner(redact(text, ...secrets));
}

/** Turn state the resumption hooks read: is the model in the middle of a turn? */
class TurnTracker {
  busy = false;

  see(m: LiveServerMessage): void {
    const sc = m.serverContent;
    if (sc?.modelTurn || m.toolCall) this.busy = true;
    if (sc?.turnComplete || sc?.interrupted) this.busy = false;
  }
}

function resumptionHooks(params: LiveConnectParams, turns: TurnTracker): ResumptionHooks<LiveServerMessage> {
  const r = params.reconnect ?? {};
  return {
    update(m) {
      turns.see(m);
      const u = m.sessionResumptionUpdate;
      if (!u?.newHandle || u.resumable === false) return undefined;
      const index = u.lastConsumedClientMessageIndex;
      return { handle: u.newHandle, consumedIndex: index === undefined ? undefined : Number(index) };
    },
    goAway: (m) => (m.goAway ? (parseDuration(m.goAway.timeLeft) ?? 0) : undefined),
    idle: () => !turns.busy,
    onResume(cause) {
      // A turn cut by a drop is generated again after the resume: tell consumers to discard the partial one.
      if (cause !== 'drop' || !turns.busy) return undefined;
      turns.busy = false;
      return [{ serverContent: { interrupted: true } }];
    },
    ...(r.maxAttempts !== undefined ? { maxAttempts: r.maxAttempts } : {}),
    ...(r.backoff !== undefined ? { backoff: r.backoff } : {}),
  };
}

/** The Live API: realtime sessions over a WebSocket. */
export class Live {
  readonly #transport: ClientTransport;
  readonly #webSocket: (() => Promise<WebSocketConstructor>) | undefined;
  /** Live Music (Lyria RealTime): `client.live.music.connect({ model: 'models/lyria-realtime-exp' })`. */
  readonly music: LiveMusic;

  /** Uses the client's transport (base URL, API version, key, logger) and WebSocket source (proxy, injected). */
  constructor(transport: ClientTransport, webSocket?: () => Promise<WebSocketConstructor>) {
    this.#transport = transport;
    this.#webSocket = webSocket;
    this.music = new LiveMusic(transport, webSocket);
  }

  /**
   * Opens a session and resolves once the server completed the setup. Rejects — never hangs — with
   * `SessionConnectError` (close code and reason) when the socket closes or fails first, `TimeoutError`
   * after `connectTimeout`, `AbortError` when `signal` aborts, `InvalidArgumentError` for bad input.
   *
   * ```ts
   * const session = await client.live.connect({ model: 'gemini-live-2.5-flash-preview', config: { responseModalities: ['TEXT'] } });
   * session.sendClientContent({ turns: 'Hello' });
   * for await (const text of session.text()) process.stdout.write(text);
   * await session.close();
   * ```
   */
  async connect(params: LiveConnectParams): Promise<LiveSession> {
    if (typeof params !== 'object' || params === null)
      throw new InvalidArgumentError('live.connect: expected { model, config }');
    const tools = params.config?.tools;
    const config =
      tools === undefined ? params.config : { ...params.config, tools: await expandTools(tools) };
    const { setup: initial, runner, signal, afc } = prepareSetup(params.model, config);
    let setup = initial; // context updates change what a resumed connection sets up with
    const t = this.#transport;
    // With an explicit ephemeral token no API key is needed (nor read from the environment).
    const { apiKey, redact, logger, headers } = t.socketAuth(params.accessToken === undefined);
    const key = apiKey || undefined;
    const token = params.accessToken ?? (key?.startsWith(TOKEN_PREFIX) ? key : undefined);
    if (token !== undefined && (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX))) {
      throw new InvalidArgumentError(`accessToken: expected an ephemeral token "${TOKEN_PREFIX}…"`);
    }
    const url = token
      ? wsUrl(t.baseUrl, livePath(t.apiVersion, true), { access_token: token })
      : wsUrl(t.baseUrl, livePath(t.apiVersion, false), { key: key! });
    const turns = new TurnTracker();
    const resumable = setup.sessionResumption !== undefined && (params.reconnect?.maxAttempts ?? 5) > 0;
    const hooks: LiveSessionHooks = {};
    const engine = await RealtimeSession.open<LiveClientMessage, LiveServerMessage>({
      url,
      redact: redactor([token ?? '', key ?? ''], redact),
      setup: (resume) => ({ setup: resume ? resumeSetup(setup, resume.handle) : setup }),
      isSetupComplete: (m) => m.setupComplete !== undefined,
      signal: params.signal ?? signal,
      connectTimeout: params.connectTimeout,
      queue: params.queue,
      resumption: resumable ? resumptionHooks(params, turns) : undefined,
      WebSocket: params.WebSocket ?? (await this.#webSocket?.()),
      headers,
      logger,
      label: 'live',
      observe: (m) => hooks.observe?.(m),
      listening: () => hooks.listening?.() ?? false,
    });
    const session = new LiveSession(engine, setup.model ?? '', runner, hooks, {
      afc,
      onUpdate: (update) => {
        setup = { ...setup };
        if (update.systemInstruction) setup.systemInstruction = update.systemInstruction;
        if (update.tools) setup.tools = update.tools.tools ?? [];
      },
    });
    const cb = params.callbacks;
    if (cb) {
      if (cb.onmessage) session.on('message', cb.onmessage);
      if (cb.onerror) session.on('error', cb.onerror);
      if (cb.onclose) session.on('close', cb.onclose);
      cb.onopen?.();
    }
    return session;
  }
}
