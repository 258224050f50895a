// The error of a feature the current runtime build does not have (e.g. file paths in a browser).
import { InvalidArgumentError } from '../core/errors.js';

/**
 * A Node-only feature was used in a browser or worker build: upload from a file path, `downloadTo` a
 * path or Node stream, `writeWav`, bulk's JSONL paths, journal and batch mode. Thrown before anything
 * is sent. Pass a `Blob`/`File`, bytes or a `ReadableStream` instead (or a `WritableStream` to download
 * into; arrays or async iterables to `client.bulk`).
 */
export class UnsupportedRuntimeError extends InvalidArgumentError {
  /** The feature that was asked for, e.g. `upload from a file path`. */
  readonly feature: string;

  constructor(feature: string) {
    super(`${feature} needs Node (or Deno/Bun); this is the browser/worker build of gemini-ts`);
    this.feature = feature;
  }

  override get name(): string {
    return 'UnsupportedRuntimeError';
  }
}
