// The option-bag check of every upload entry (files.upload, resumeUpload, uploadToFileSearchStore):
// wrong types get an `InvalidArgumentError` before a byte is read or sent, not a `TypeError` deep inside.

import { InvalidArgumentError } from '../core/errors.js';
import { checkOption } from '../core/timer.js';

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Checks `options` of the upload entry `where`: `undefined` or an object whose `strings` fields are
 * strings, callbacks functions, `signal` an `AbortSignal`, and numbers (chunk size, retries, timeout,
 * size hint) in range.
 */
export function checkUploadOptions(where: string, options: unknown, strings: readonly string[]): void {
  if (options === undefined) return;
  const fail = (what: string, v: unknown): never => {
    throw new InvalidArgumentError(`${where}: ${what}, got ${kind(v)}`);
  };
  if (kind(options) !== 'object') fail('options must be an object', options);
  const o = options as Record<string, unknown>;
  for (const k of strings)
    if (o[k] !== undefined && typeof o[k] !== 'string') fail(`${k} must be a string`, o[k]);
  for (const k of ['onProgress', 'onSession']) {
    if (o[k] !== undefined && typeof o[k] !== 'function') fail(`${k} must be a function`, o[k]);
  }
  if (o['signal'] !== undefined && !(o['signal'] instanceof AbortSignal))
    fail('signal must be an AbortSignal', o['signal']);
  checkOption('timeout', o['timeout']);
  checkOption('maxRetries', o['maxRetries'], true);
  checkOption('sizeBytes', o['sizeBytes'], true);
  checkOption('chunkSize', o['chunkSize'], true);
}
