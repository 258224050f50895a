// Errors of the upload engine.

import { GeminiError, InvalidArgumentError } from '../core/errors.js';

/** An upload that could not complete; `sessionUrl` lets `resumeUpload` continue it later. */
export class UploadError extends GeminiError {
  /** The resumable session (without any `key` parameter), when one was opened. */
  readonly sessionUrl: string | undefined;
  /** Bytes the server had acknowledged when the upload stopped. */
  readonly bytesUploaded: number;

  /** Describes a failed upload. */
  constructor(
    message: string,
    init: { sessionUrl?: string | undefined; bytesUploaded?: number; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.sessionUrl = init.sessionUrl;
    this.bytesUploaded = init.bytesUploaded ?? 0;
  }

  override get name(): string {
    return 'UploadError';
  }
}

/**
 * An upload stopped on purpose (`stopSignal`) with its session left open: resume it with
 * `files.resumeUpload(sessionUrl, input)` (or `resumeUpload`). `sessionUrl` is undefined when it stopped
 * before the session existed (start again).
 */
export class UploadStoppedError extends UploadError {
  /** Describes where the upload stopped. */
  constructor(sessionUrl: string | undefined, bytesUploaded: number) {
    super(
      sessionUrl
        ? `the upload stopped at byte ${bytesUploaded}; its session stays open to resume`
        : 'the upload stopped before its session was opened',
      { sessionUrl, bytesUploaded },
    );
  }

  override get name(): string {
    return 'UploadStoppedError';
  }
}

/** The input is larger than the method accepts (checked before any byte is sent). */
export class FileTooLargeError extends InvalidArgumentError {
  /** Size of the input in bytes. */
  readonly size: number;
  /** Largest accepted size in bytes. */
  readonly limit: number;

  /** Describes an oversized input. */
  constructor(size: number, limit: number, what = 'upload') {
    super(`${what} of ${size} bytes exceeds the limit of ${limit} bytes`);
    this.size = size;
    this.limit = limit;
  }

  override get name(): string {
    return 'FileTooLargeError';
  }
}
