/**
 * Requests Node's HTTP parser rejects before any handler runs (bad request line or header, headers
 * over the size limit, timeouts): answered with a 4xx in the google.rpc shape, then the connection is
 * closed. Nothing here may throw: it runs inside a server event.
 */
import type { Duplex } from 'node:stream';
import { RpcError } from '../errors.js';
import { JSON_TYPE } from './write.js';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/**
 * Writes an error as a whole HTTP/1.1 response straight onto a socket (no ServerResponse exists for
 * parser errors and refused upgrades) and closes it; never throws.
 */
export function endSocketWithError(socket: Duplex, error: RpcError): void {
  try {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(error.toBody());
    socket.end(
      `HTTP/1.1 ${error.code} ${REASONS[error.code] ?? 'Error'}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  } catch {
    socket.destroy();
  }
}

const PARSER_ERRORS: Readonly<Record<string, readonly [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'INVALID_ARGUMENT', 'Request header fields are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'DEADLINE_EXCEEDED', 'The request was not received in time.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'INVALID_ARGUMENT', 'Chunk extensions are too large.'],
};

/** The `clientError` listener of the emulator's server. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [code, status, message] = PARSER_ERRORS[err.code ?? ''] ?? [
    400,
    'INVALID_ARGUMENT',
    'The request could not be parsed.',
  ];
  endSocketWithError(socket, new RpcError(code, message, { status }));
}
