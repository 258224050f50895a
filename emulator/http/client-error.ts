/**
 * Requests Node's HTTP parser rejects before any handler runs (bad request line or header, headers
 * over the size limit, timeouts): answered with a 4xx in the google.rpc shape, then the connection is
 * closed. Nothing here may throw: it runs inside a server event.
 */
import type { Duplex } from 'node:stream';
import { RpcError } from '../errors.js';
import { JSON_TYPE } from './write.js';

const STATUS: Readonly<Record<string, readonly [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Request header fields are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request was not received in time.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large', 'Chunk extensions are too large.'],
};

/** The `clientError` listener of the emulator's server. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  try {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [code, reason, message] = STATUS[err.code ?? ''] ?? [
      400,
      'Bad Request',
      'The request could not be parsed.',
    ];
    const body = JSON.stringify(
      new RpcError(code, message, {
        status: code === 408 ? 'DEADLINE_EXCEEDED' : 'INVALID_ARGUMENT',
      }).toBody(),
    );
    socket.end(
      `HTTP/1.1 ${code} ${reason}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  } catch {
    socket.destroy();
  }
}
