// A failed long-running operation: its google.rpc.Status as a typed error.

import type { Status } from '../../generated/types/Status.js';
import { decodeDetails, type ErrorDetail } from '../core/error-details.js';
import { GeminiError } from '../core/errors.js';

/** google.rpc.Code numbers → names (google/rpc/code.proto). */
const RPC_CODES: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** The name of a google.rpc.Code number, e.g. `3` → `INVALID_ARGUMENT` (`UNKNOWN` when out of range). */
export function rpcCodeName(code: number | undefined): string {
  return (code !== undefined && RPC_CODES[code]) || 'UNKNOWN';
}

/** The `error` of a finished operation (or of a FAILED file): the server-side failure, typed. */
export class OperationError extends GeminiError {
  /** google.rpc.Code name, e.g. `INVALID_ARGUMENT`, `INTERNAL`. */
  readonly code: string;
  /** google.rpc.Code number as sent (`3`, `13`, …). */
  readonly rpcCode: number;
  /** Decoded google.rpc details; narrow on `kind`. */
  readonly details: readonly ErrorDetail[];
  /** Name of the operation (or resource) that failed. */
  readonly operation: string | undefined;

  /** Builds the error from a google.rpc.Status. */
  constructor(status: Status, operation?: string) {
    const code = rpcCodeName(status.code);
    super(`${operation ? `${operation} failed` : 'operation failed'}: ${status.message || code}`);
    this.code = code;
    this.rpcCode = status.code ?? 2;
    this.details = decodeDetails(status.details);
    this.operation = operation;
  }

  override get name(): string {
    return 'OperationError';
  }
}
