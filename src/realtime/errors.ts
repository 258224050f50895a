// Errors of WebSocket sessions (Live, Live Music). All are `GeminiError`s; timeouts and aborts use the
// core `TimeoutError` / `AbortError`. Messages are redacted by the engine before they get here.
import { GeminiError } from '../core/errors.js';

/** Who ended a connection: this client, the server (a close frame), or the network (no close frame). */
export type CloseInitiator = 'client' | 'server' | 'network';

/** How a connection or session ended. */
export interface CloseInfo {
  /** WebSocket close code: 1000 normal, 1006 no close frame, 1007 invalid argument, 1008 policy, 1011 server error. */
  readonly code: number;
  /** Close reason sent with the code (the server's error message), possibly empty. */
  readonly reason: string;
  /** Who closed it. */
  readonly initiator: CloseInitiator;
}

/** Base class of session errors that carry a close code and reason. */
export class SessionError extends GeminiError {
  /** WebSocket close code, when the socket closed (`undefined` if it failed some other way). */
  readonly code: number | undefined;
  /** Close reason from the server (may be empty). */
  readonly reason: string;

  constructor(message: string, close?: { code?: number | undefined; reason?: string | undefined }) {
    super(message);
    this.code = close?.code;
    this.reason = close?.reason ?? '';
  }

  override get name(): string {
    return 'SessionError';
  }
}

/** The socket closed or failed before the setup handshake completed (`connect` rejects with it). */
export class SessionConnectError extends SessionError {
  override get name(): string {
    return 'SessionConnectError';
  }
}

/** The session is closed: a send after close, or the session ended abnormally (iterators throw it). */
export class SessionClosedError extends SessionError {
  override get name(): string {
    return 'SessionClosedError';
  }
}

/** The server sent something that is not a protocol message (e.g. a frame that is not JSON). */
export class SessionProtocolError extends SessionError {
  override get name(): string {
    return 'SessionProtocolError';
  }
}

/** The receive queue overflowed under the `'error'` policy (the consumer was too slow). */
export class SessionOverflowError extends SessionError {
  override get name(): string {
    return 'SessionOverflowError';
  }
}

/** Describes a close for an error message: `code 1008 (API key not valid…)`. */
export function describeClose(code: number | undefined, reason: string): string {
  if (code === undefined) return 'no close code';
  return reason ? `code ${code} (${reason})` : `code ${code}`;
}
