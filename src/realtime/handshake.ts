// Opening one connection: socket, setup message, wait for the protocol's "setup complete" — bounded by a
// timeout and a signal, failing with the close code and reason when the socket closes first. Messages
// and a close that arrive after the handshake but before the session adopts the connection are kept.
import { AbortError, TimeoutError, type GeminiError } from '../core/errors.js';
import { describeClose, SessionConnectError, SessionProtocolError, type CloseInfo } from './errors.js';
import { SocketConnection, type WebSocketConstructor } from './socket.js';
import { setLongTimeout } from '../core/timer.js';

/** A connection whose setup completed, with what arrived before it became the session's. */
export interface Pending<S> {
  /** The connection. */
  readonly conn: SocketConnection;
  /** Messages so far (the setup-complete message included). */
  readonly early: S[];
  /** A close that happened before adoption. */
  close: { info: CloseInfo; error: string | undefined } | undefined;
  /** An invalid frame seen before adoption. */
  invalid: string | undefined;
}

/** Where an adopted connection's events go (the session compares `current()` with the connection). */
export interface HandshakeTarget<S> {
  current(): SocketConnection | undefined;
  message(conn: SocketConnection, message: S): void;
  invalid(conn: SocketConnection, detail: string): void;
  close(conn: SocketConnection, info: CloseInfo): void;
}

/** What one handshake needs. */
export interface HandshakeOptions<S> {
  WS: WebSocketConstructor;
  url: string;
  /** Extra handshake request headers (the client's `headers`). */
  headers: Readonly<Record<string, string>> | undefined;
  /** The setup frame to send once the socket is open. */
  setup: () => string;
  isSetupComplete(message: S): boolean;
  timeout: number;
  signal: AbortSignal | undefined;
  /** `connect` or `resume`, for messages. */
  what: string;
  label: string;
  redact(text: string): string;
  log(message: string, data: Record<string, unknown>): void;
}

/** Opens a connection and completes the setup; rejects with SessionConnectError, TimeoutError or AbortError. */
export function handshake<S>(o: HandshakeOptions<S>, target: HandshakeTarget<S>): Promise<Pending<S>> {
  return new Promise<Pending<S>>((resolve, reject) => {
    if (o.signal?.aborted) return reject(new AbortError(o.signal.reason));
    let settled = false;
    const fail = (err: GeminiError): void => {
      if (settled) return;
      settled = true;
      clearTimer();
      o.signal?.removeEventListener('abort', onAbort);
      pending.conn.close(1000, '', 500);
      o.log(`${o.what} failed`, { error: err.message });
      reject(err);
    };
    const onAbort = (): void => fail(new AbortError(o.signal?.reason));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const clearTimer = setLongTimeout(
      () => fail(new TimeoutError(`${o.label}: ${o.what} did not complete within ${o.timeout} ms`)),
      o.timeout,
    );
    o.log(o.what, { url: o.redact(o.url) });
    const adopted = (): boolean => target.current() === pending.conn;
    const pending: Pending<S> = {
      conn: new SocketConnection(
        o.WS,
        o.url,
        {
          open: () => {
            if (settled) return;
            try {
              pending.conn.send(o.setup());
            } catch (e) {
              fail(new SessionConnectError(o.redact(`${o.label}: could not send the setup: ${String(e)}`)));
            }
          },
          message: (value) => {
            if (adopted()) return target.message(pending.conn, value as S);
            pending.early.push(value as S);
            if (!settled && o.isSetupComplete(value as S)) {
              settled = true;
              clearTimer();
              o.signal?.removeEventListener('abort', onAbort);
              resolve(pending);
            }
          },
          invalid: (detail) => {
            if (!settled) fail(new SessionProtocolError(o.redact(`${o.label}: ${detail}`)));
            else if (adopted()) target.invalid(pending.conn, detail);
            else pending.invalid ??= detail;
          },
          close: (info, error) => {
            if (!settled) {
              const why = `${describeClose(info.code, info.reason)}${error ? `: ${error}` : ''}`;
              const message = `${o.label}: the connection closed before the setup completed (${why})`;
              fail(new SessionConnectError(o.redact(message), { ...info, reason: o.redact(info.reason) }));
            } else if (adopted()) target.close(pending.conn, info);
            else pending.close = { info, error };
          },
        },
        o.headers,
      ),
      early: [],
      close: undefined,
      invalid: undefined,
    };
  });
}
