// One WebSocket connection: the global `WebSocket` where one exists (browsers, Node ≥ 22), else `ws`.
// Only the WHATWG surface is used (addEventListener, send, close), so both behave the same; frames are
// decoded to JSON here (text or binary UTF-8, as production sends binary), in arrival order.
import type { CloseInfo } from './errors.js';
import { defaultWebSocket, HANDSHAKE_HEADERS } from '#platform';

/** The WHATWG WebSocket surface the engine uses (`ws` implements it too). */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Bytes queued by `send` but not yet written. */
  readonly bufferedAmount: number;
  /** Set to `arraybuffer` so binary frames arrive as `ArrayBuffer`. */
  binaryType: string;
  /** Sends one text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Subscribes to `open`, `message`, `close` or `error`. */
  addEventListener(type: string, listener: (event: never) => void): void;
}

/**
 * A WebSocket constructor, e.g. `globalThis.WebSocket` or `ws`'s `WebSocket`. The second argument is only
 * ever `{ headers }` (understood by `ws`, Node ≥ 22, Deno and Bun), and only outside browsers.
 */
export type WebSocketConstructor = new (
  url: string,
  init?: { headers: Record<string, string> },
) => WebSocketLike;

/** `ws` extras: flow control and a hard close. */
interface NodeSocketExtras {
  pause?: () => void;
  resume?: () => void;
  terminate?: () => void;
}

/** `http(s)://host` + `/ws/…` + query → `ws(s)://host/ws/…?query` (values URL-encoded). */
export function wsUrl(baseUrl: string, path: string, query: Readonly<Record<string, string>> = {}): string {
  const base = baseUrl.replace(/\/+$/, '').replace(/^http(s?):/i, (_m, s: string) => `ws${s}:`);
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${base}/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
}

/** The constructor to use: the given one, else the global `WebSocket`, else `ws` (Node 20). */
export async function resolveWebSocket(given?: WebSocketConstructor): Promise<WebSocketConstructor> {
  return given ?? defaultWebSocket();
}

/** What a connection reports to its owner. */
export interface SocketHandlers {
  /** The socket is open (the handshake with the HTTP server succeeded). */
  open(): void;
  /** One parsed server message. */
  message(value: unknown): void;
  /** A frame that is not JSON (the connection is then closed with 1007). */
  invalid(detail: string): void;
  /** The connection is over (called once). */
  close(info: CloseInfo, error: string | undefined): void;
}

const decoder = new TextDecoder();

function frameText(data: unknown): string | Promise<string> {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(data);
  if (ArrayBuffer.isView(data)) return decoder.decode(data);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.text();
  return String(data);
}

/** One physical WebSocket with JSON framing, a client close that always completes, and optional pause. */
export class SocketConnection {
  readonly #ws: WebSocketLike & NodeSocketExtras;
  readonly #handlers: SocketHandlers;
  #closedByClient = false;
  #done = false;
  #error: string | undefined;
  #order: Promise<void> | undefined;
  #killTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Opens a socket to `url` (with `headers` on the handshake request where the runtime can send them); a
   * constructor that throws is reported as a close with code 1006.
   */
  constructor(
    WS: WebSocketConstructor,
    url: string,
    handlers: SocketHandlers,
    headers?: Readonly<Record<string, string>>,
  ) {
    this.#handlers = handlers;
    let ws: WebSocketLike;
    try {
      const withHeaders = headers !== undefined && Object.keys(headers).length > 0 && HANDSHAKE_HEADERS;
      ws = withHeaders ? new WS(url, { headers: { ...headers } }) : new WS(url);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.#ws = {
        readyState: 3,
        bufferedAmount: 0,
        binaryType: '',
        send() {},
        close() {},
        addEventListener() {},
      };
      queueMicrotask(() => this.#finish({ code: 1006, reason: '', initiator: 'network' }, message));
      return;
    }
    this.#ws = ws as WebSocketLike & NodeSocketExtras;
    this.#ws.binaryType = 'arraybuffer';
    const on = (type: string, fn: (event: Record<string, unknown>) => void): void =>
      ws.addEventListener(type, fn as (event: never) => void);
    on('open', () => handlers.open());
    on('message', (event) => this.#frame(event['data']));
    on('error', (event) => {
      const err = event['error'];
      const message = err instanceof Error ? err.message : event['message'];
      this.#error ??= typeof message === 'string' && message ? message : 'WebSocket error';
    });
    on('close', (event) => {
      const code = typeof event['code'] === 'number' ? event['code'] : 1006;
      const reason = typeof event['reason'] === 'string' ? event['reason'] : '';
      const initiator = this.#closedByClient
        ? 'client'
        : code === 1006 || code === 1005
          ? 'network'
          : 'server';
      const finish = (): void => this.#finish({ code, reason, initiator }, this.#error);
      // Messages still being decoded (Blob frames) are delivered before the close.
      if (this.#order) void this.#order.then(finish);
      else finish();
    });
  }

  /** Whether the socket is open for sending. */
  get isOpen(): boolean {
    return !this.#done && this.#ws.readyState === 1;
  }

  /** Bytes queued for sending. */
  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  /** Whether `pause` can stop reading (`ws` on Node; a browser WebSocket cannot). */
  get canPause(): boolean {
    return typeof this.#ws.pause === 'function' && typeof this.#ws.resume === 'function';
  }

  /** Stops reading from the socket (TCP flow control slows the server). */
  pause(): void {
    this.#ws.pause?.();
  }

  /** Reads again after `pause`. */
  resume(): void {
    this.#ws.resume?.();
  }

  /** Sends one text frame. */
  send(text: string): void {
    this.#ws.send(text);
  }

  /**
   * Closes from this side. The close is reported when the server answers, or after `graceMs` at the
   * latest (the socket is then torn down), so a close never hangs.
   */
  close(code = 1000, reason = '', graceMs = 2000): void {
    if (this.#done || this.#closedByClient) return;
    this.#closedByClient = true;
    try {
      if (this.#ws.readyState === 0 && typeof this.#ws.terminate === 'function') this.#ws.terminate();
      else this.#ws.close(code, reason);
    } catch {
      this.#ws.terminate?.();
    }
    this.#killTimer = setTimeout(() => {
      this.#ws.terminate?.();
      this.#finish({ code, reason, initiator: 'client' }, undefined);
    }, graceMs);
  }

  #frame(data: unknown): void {
    const text = frameText(data);
    if (typeof text === 'string' && !this.#order) return this.#parse(text);
    const prev = this.#order ?? Promise.resolve();
    const next = prev.then(async () => this.#parse(await text));
    this.#order = next;
    void next.then(() => {
      if (this.#order === next) this.#order = undefined;
    });
  }

  #parse(text: string): void {
    if (this.#done) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.#handlers.invalid(`server frame is not JSON: ${JSON.stringify(text.slice(0, 60))}`);
      return;
    }
    this.#handlers.message(value);
  }

  #finish(info: CloseInfo, error: string | undefined): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#killTimer);
    this.#handlers.close(info, error);
  }
}
