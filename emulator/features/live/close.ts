/**
 * How the Live endpoint reports errors: not as JSON messages but by closing the socket with a code and
 * the gRPC status message as reason (protocols/live.md §8): INVALID_ARGUMENT / FAILED_PRECONDITION →
 * 1007, NOT_FOUND / PERMISSION_DENIED / UNAUTHENTICATED → 1008, the rest → 1011.
 */
import type { RpcError } from '../../errors.js';

/** A protocol violation or failure: the close code and reason the connection ends with. */
export class LiveClose extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'LiveClose';
  }
}

const BY_STATUS: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 1007,
  FAILED_PRECONDITION: 1007,
  OUT_OF_RANGE: 1007,
  NOT_FOUND: 1008,
  PERMISSION_DENIED: 1008,
  UNAUTHENTICATED: 1008,
};

/** The close code for a google.rpc status name. */
export function closeCodeFor(status: string): number {
  return BY_STATUS[status] ?? 1011;
}

/** An RpcError (REST-style) as a Live close. */
export function fromRpc(error: RpcError): LiveClose {
  return new LiveClose(closeCodeFor(error.status), error.message);
}

/** Cuts a reason to the WebSocket limit of 123 UTF-8 bytes (on a character boundary). */
export function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.length <= 123) return reason;
  let text = bytes.subarray(0, 123).toString('utf8');
  while (Buffer.byteLength(text, 'utf8') > 123 || text.endsWith('\uFFFD')) text = text.slice(0, -1);
  return text;
}

/** INVALID_ARGUMENT (1007). */
export const invalid = (reason: string): LiveClose => new LiveClose(1007, reason);

/** A policy failure: bad key, unknown model, unknown handle, expired token (1008). */
export const policy = (reason: string): LiveClose => new LiveClose(1008, reason);
