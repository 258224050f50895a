// The one resumable uploader (Google's `X-Goog-Upload-*` protocol), parameterised by the start path and
// metadata: used by files.upload, fileSearchStores.uploadToFileSearchStore and batch JSONL inputs.
//
// start → chunks of `chunkSize` (a multiple of the server's granularity) with `upload`, the last one
// with `upload, finalize`. When a chunk fails (network cut, 5xx, timeout, offset mismatch) the engine
// asks the server what it holds (`query` → `x-goog-upload-size-received`) and continues from there with
// backoff; streams keep only the unacknowledged bytes. Abort cancels the session; `stopSignal` stops
// and keeps it, so the upload can resume later (`resumeUpload`).

import { AbortError, ApiError, InvalidArgumentError } from '../core/errors.js';
import { backoffDelay, isRetryable, sleep, type BackoffOptions } from '../core/retry.js';
import type { ClientTransport } from '../core/client-transport.js';
import { FileTooLargeError, UploadError, UploadStoppedError } from './errors.js';
import type { UploadSource } from './source.js';

/** Default chunk size: 8 MiB (then rounded up to the server's granularity). */
export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

/** Upload progress: bytes sent so far, of the total when known. */
export interface UploadProgress {
  /** Bytes sent so far, reported as they go out (every 256 KiB or so on Node; per chunk elsewhere); never decreases. */
  bytesSent: number;
  /** Total size, or `undefined` for a stream of unknown length. */
  totalBytes: number | undefined;
}

/** Options shared by starting and resuming an upload. */
export interface UploadTransferOptions {
  /** Bytes per chunk (default 8 MiB); rounded up to a multiple of the server's chunk granularity. */
  chunkSize?: number | undefined;
  /** Aborts promptly and cancels the upload session (`AbortError`). */
  signal?: AbortSignal | undefined;
  /**
   * Stops the transfer WITHOUT cancelling the session: rejects with `UploadStoppedError` (its `sessionUrl`
   * and `bytesUploaded` say where to resume with `resumeUpload` / `files.resumeUpload`). E.g. on Ctrl-C.
   */
  stopSignal?: AbortSignal | undefined;
  /** Called as bytes go out (and when a chunk is acknowledged). */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Receives the session URL as soon as it exists (save it to resume after a restart). */
  onSession?: ((sessionUrl: string) => void) | undefined;
  /** Consecutive failed attempts without progress before giving up with `UploadError` (default 5). */
  maxRetries?: number | undefined;
  /** Backoff between recovery attempts (default: 500 ms base, 8 s cap, full jitter). */
  backoff?: BackoffOptions | undefined;
  /** Per-request timeout in ms (default: the client's). */
  timeout?: number | undefined;
  /** Largest accepted total size: a stream that grows past it fails with `FileTooLargeError` (session cancelled). */
  limit?: number | undefined;
}

/** What opens a session: where, with which metadata, for which bytes. */
export interface UploadStart extends UploadTransferOptions {
  /** Absolute upload path, e.g. `/upload/v1beta/files`. */
  path: string;
  /** JSON metadata of the start request (`{ file: {…} }` for the Files API). */
  metadata: unknown;
  /** MIME type of the media (`X-Goog-Upload-Header-Content-Type`). */
  mimeType: string;
  /** File name sent as `X-Goog-Upload-File-Name`, when known. */
  fileName?: string | undefined;
}

const lower = (h: Headers, name: string): string | undefined => h.get(name)?.toLowerCase() ?? undefined;

/** Node streams request bodies over HTTP/1.1 with an explicit length (browsers need HTTP/2 for that). */
const STREAM_BODIES =
  typeof ReadableStream !== 'undefined' &&
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

/**
 * A stream of 256 KiB views over `bytes` (no copy), pulled as the socket drains. `sent` hears how many
 * bytes were taken so far: a pull means the views before it were read (no read-ahead: high water mark 0).
 */
function viewStream(bytes: Uint8Array, sent: (n: number) => void): ReadableStream<Uint8Array> {
  const step = 256 * 1024;
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (at > 0) sent(at);
        c.enqueue(bytes.subarray(at, Math.min(bytes.length, at + step)));
        at += step;
        if (at >= bytes.length) c.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Options with `stopSignal` folded into the request signal (stop aborts the requests too). */
function withStop<O extends UploadTransferOptions>(o: O): O {
  if (!o.stopSignal) return o;
  return { ...o, signal: o.signal ? AbortSignal.any([o.signal, o.stopSignal]) : o.stopSignal };
}

/** Whether the transfer ended because of `stopSignal` (and not the caller's abort). */
const stopped = (o: UploadTransferOptions, user: AbortSignal | undefined): boolean =>
  o.stopSignal?.aborted === true && user?.aborted !== true;

/** The session URL without a `key` parameter, re-rooted on the client's origin (proxies, emulators). */
export function sessionUrlFor(raw: string, baseUrl: string): string {
  const url = new URL(raw, baseUrl);
  url.searchParams.delete('key');
  const base = new URL(baseUrl);
  if (url.origin !== base.origin) {
    const prefix = base.pathname.replace(/\/+$/, '');
    url.protocol = base.protocol;
    url.host = base.host;
    if (prefix && !url.pathname.startsWith(`${prefix}/`)) url.pathname = `${prefix}${url.pathname}`;
  }
  return url.toString();
}

/** `promise`, or an `AbortError` as soon as `signal` aborts (for reads of slow streams). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError(signal.reason));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Opens a session and uploads `source`; resolves with the parsed final JSON (`{file}`, an Operation, …). */
export async function startUpload<T>(
  transport: ClientTransport,
  source: UploadSource,
  options: UploadStart,
): Promise<T> {
  const user = options.signal;
  const o = withStop(options);
  if (stopped(o, user)) throw new UploadStoppedError(undefined, 0);
  checkAborted(o.signal);
  chunkSizeOf(o);
  const headers: Record<string, string> = {
    'x-goog-upload-protocol': 'resumable',
    'x-goog-upload-command': 'start',
    'x-goog-upload-header-content-type': o.mimeType,
  };
  if (source.size !== undefined) headers['x-goog-upload-header-content-length'] = String(source.size);
  if (o.fileName) headers['x-goog-upload-file-name'] = encodeURIComponent(o.fileName);
  let res: Response;
  try {
    res = await transport.request({
      method: 'POST',
      path: o.path,
      headers,
      body: o.metadata ?? {},
      raw: true,
      // A start opens a session and creates nothing (the file exists once finalized): safe to re-send.
      idempotent: true,
      signal: o.signal,
      timeout: o.timeout,
    });
  } catch (e) {
    if (stopped(o, user)) throw new UploadStoppedError(undefined, 0);
    throw wrapAbort(e, o.signal);
  }
  await res.body?.cancel().catch(() => undefined);
  const rawUrl = res.headers.get('x-goog-upload-url');
  if (!rawUrl) throw new UploadError('the upload start response has no x-goog-upload-url header');
  const url = sessionUrlFor(rawUrl, transport.baseUrl);
  o.onSession?.(url);
  const granularity = Number(res.headers.get('x-goog-upload-chunk-granularity') ?? NaN);
  return new Transfer<T>(transport, source, url, o, granularity, user).run(0);
}

/**
 * Continues an upload from its session URL (e.g. after a restart): asks the server how many bytes it
 * holds and sends the rest of `source`, which must be the same bytes from the start (a stream is
 * skipped forward). Resolves at once when the session was already finalized.
 */
export async function resumeUpload<T>(
  transport: ClientTransport,
  sessionUrl: string,
  source: UploadSource,
  options: UploadTransferOptions = {},
): Promise<T> {
  const user = options.signal;
  const o = withStop(options);
  checkAborted(o.signal);
  chunkSizeOf(o);
  const url = sessionUrlFor(sessionUrl, transport.baseUrl);
  const t = new Transfer<T>(transport, source, url, o, NaN, user);
  let state: QueryState<T>;
  try {
    state = await t.query();
  } catch (e) {
    await source.close();
    if (stopped(o, user)) throw new UploadStoppedError(url, 0);
    throw wrapAbort(e, o.signal);
  }
  if (state.final !== undefined) {
    await source.close();
    return state.final;
  }
  if (state.granularity !== undefined) t.setGranularity(state.granularity);
  return t.run(state.received);
}

/** The requested chunk size, validated before anything is sent. */
function chunkSizeOf(o: UploadTransferOptions): number {
  const size = o.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new InvalidArgumentError(`chunkSize must be a positive integer, got ${size}`);
  }
  return size;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}

function wrapAbort(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted && !(e instanceof AbortError)) return new AbortError(signal.reason);
  return e;
}

/**
 * Whether a failed chunk is worth a query-and-resume: the core retry rule (`isRetryable`) for a call
 * that is safe to re-send — session commands are, since `query` tells what the server holds — plus an
 * offset mismatch. A raw error is a final body cut while being read.
 */
function recoverable(e: unknown): boolean {
  return (e instanceof ApiError && e.headers.has('x-goog-upload-size-received')) || isRetryable(e, true);
}

interface QueryState<T> {
  received: number;
  final?: T;
  granularity?: number;
}

/** One running transfer over a session. */
class Transfer<T> {
  private chunk: number;
  private reported = -1;
  /** Bytes the server acknowledged (where a stopped upload resumes). */
  private acked = 0;

  constructor(
    private readonly transport: ClientTransport,
    private readonly source: UploadSource,
    private readonly url: string,
    private readonly o: UploadTransferOptions,
    granularity: number,
    /** The caller's own signal (`o.signal` also fires on `stopSignal`). */
    private readonly user: AbortSignal | undefined,
  ) {
    this.chunk = chunkSizeOf(o);
    this.setGranularity(granularity);
  }

  /** Rounds the chunk size up to a multiple of the server's granularity. */
  setGranularity(g: number): void {
    if (Number.isInteger(g) && g > 0) this.chunk = Math.max(g, Math.ceil(this.chunk / g) * g);
  }

  /** Sends everything from `offset`, recovering from failures; resolves with the final JSON. */
  async run(offset: number): Promise<T> {
    const { signal } = this.o;
    this.acked = offset;
    this.progress(offset);
    try {
      for (;;) {
        checkAborted(signal);
        const size = this.source.size;
        // A stream of unknown size reads one byte ahead to know whether this chunk is the last.
        const ahead = await abortable(
          this.source.read(offset, size === undefined ? this.chunk + 1 : this.chunk),
          signal,
        );
        const last = size !== undefined ? offset + ahead.length >= size : ahead.length <= this.chunk;
        const bytes = ahead.length > this.chunk ? ahead.subarray(0, this.chunk) : ahead;
        if (this.o.limit !== undefined && offset + ahead.length > this.o.limit) {
          throw new FileTooLargeError(size ?? offset + ahead.length, this.o.limit);
        }
        if (size !== undefined && offset + bytes.length > size) {
          throw this.failure(`the input is longer than its declared size of ${size} bytes`, offset);
        }
        if (size !== undefined && bytes.length < this.chunk && !last) {
          throw this.failure(
            `the input ended at byte ${offset + bytes.length}, before its declared size of ${size} bytes`,
            offset,
          );
        }
        try {
          const r = await this.send(offset, bytes, last);
          if (r.final !== undefined) {
            this.progress(offset + bytes.length);
            return r.final;
          }
          offset = r.received ?? offset + bytes.length;
          this.acked = offset;
          this.progress(offset);
        } catch (e) {
          const state = await this.recover(e, offset);
          if (state.final !== undefined) {
            this.progress(size ?? state.received);
            return state.final;
          }
          offset = state.received;
          this.acked = offset;
        }
      }
    } catch (e) {
      if (stopped(this.o, this.user)) throw new UploadStoppedError(this.url, this.acked);
      if (signal?.aborted || e instanceof AbortError) {
        await this.cancel();
        throw e instanceof AbortError ? e : new AbortError(signal?.reason);
      }
      if (e instanceof FileTooLargeError) await this.cancel();
      throw e;
    } finally {
      await this.source.close();
    }
  }

  /** After a failed chunk: back off and query until the server says where it stands (bounded attempts). */
  private async recover(error: unknown, offset: number): Promise<QueryState<T>> {
    const { signal } = this.o;
    const maxRetries = this.o.maxRetries ?? 5;
    let e = error;
    for (let failures = 1; ; failures++) {
      if (signal?.aborted || e instanceof AbortError) throw new AbortError(signal?.reason);
      if (!recoverable(e) || failures > maxRetries) {
        throw this.failure(
          `upload failed at byte ${offset} after ${failures} attempt(s): ${(e as Error).message}`,
          offset,
          e,
        );
      }
      await sleep(backoffDelay(failures - 1, this.o.backoff), signal).catch(() => {
        throw new AbortError(signal?.reason);
      });
      try {
        const state = await this.query();
        if (state.final === undefined && state.received < offset && !this.source.rewindable) {
          // The server lost bytes a stream no longer holds: only a new upload can help.
          throw this.failure(
            `the server holds ${state.received} bytes but the stream input is already at byte ${offset}`,
            offset,
          );
        }
        return state;
      } catch (qe) {
        if (qe instanceof UploadError) throw qe;
        e = qe;
      }
    }
  }

  private failure(message: string, offset: number, cause?: unknown): UploadError {
    return new UploadError(message, { sessionUrl: this.url, bytesUploaded: offset, cause });
  }

  private progress(bytesSent: number): void {
    if (bytesSent <= this.reported) return;
    this.reported = bytesSent;
    this.o.onProgress?.({ bytesSent, totalBytes: this.source.size });
  }

  /** Sends one chunk; the final JSON when the server finalized, else what it holds now. */
  private async send(
    offset: number,
    bytes: Uint8Array,
    last: boolean,
  ): Promise<{ final?: T; received?: number }> {
    const headers: Record<string, string> = {
      'x-goog-upload-command': last ? 'upload, finalize' : 'upload',
      'x-goog-upload-offset': String(offset),
      'content-type': 'application/octet-stream',
    };
    // Node's fetch copies a byte body whole; a stream of views over the chunk sends it without a copy.
    const stream = STREAM_BODIES && bytes.length > 0;
    if (stream) headers['content-length'] = String(bytes.length);
    const res = await this.transport.request({
      method: 'POST',
      path: this.url,
      headers,
      body: stream ? viewStream(bytes, (n) => this.progress(offset + n)) : bytes,
      raw: true,
      maxRetries: 0,
      idempotent: true,
      signal: this.o.signal,
      timeout: this.o.timeout,
    });
    const status = lower(res.headers, 'x-goog-upload-status');
    if (status === 'final') return { final: (await res.json()) as T };
    await res.body?.cancel().catch(() => undefined);
    if (status === 'cancelled')
      throw new UploadError('the upload session was cancelled', {
        sessionUrl: this.url,
        bytesUploaded: offset,
      });
    if (last)
      throw new UploadError(`the server did not finalize the upload (status ${status ?? 'missing'})`, {
        sessionUrl: this.url,
      });
    const received = Number(res.headers.get('x-goog-upload-size-received') ?? NaN);
    return Number.isInteger(received) ? { received } : {};
  }

  /** Asks the server how many bytes it holds (and for the final JSON when it already finalized). */
  async query(): Promise<QueryState<T>> {
    const res = await this.transport.request({
      method: 'POST',
      path: this.url,
      headers: { 'x-goog-upload-command': 'query' },
      raw: true,
      idempotent: true,
      signal: this.o.signal,
      timeout: this.o.timeout,
    });
    const status = lower(res.headers, 'x-goog-upload-status');
    const g = Number(res.headers.get('x-goog-upload-chunk-granularity') ?? NaN);
    const granularity = Number.isInteger(g) && g > 0 ? g : undefined;
    if (status === 'final') {
      const text = await res.text();
      const received = Number(res.headers.get('x-goog-upload-size-received') ?? 0);
      return { received, final: (text.trim() ? JSON.parse(text) : {}) as T };
    }
    await res.body?.cancel().catch(() => undefined);
    if (status !== 'active') {
      throw new UploadError(`the upload session is ${status ?? 'in an unknown state'}`, {
        sessionUrl: this.url,
      });
    }
    const received = Number(res.headers.get('x-goog-upload-size-received') ?? NaN);
    if (!Number.isInteger(received) || received < 0) {
      throw new UploadError('the upload status query gave no x-goog-upload-size-received', {
        sessionUrl: this.url,
      });
    }
    return granularity === undefined ? { received } : { received, granularity };
  }

  /** Best effort: tells the server to drop the session (bounded wait; errors ignored). */
  private async cancel(): Promise<void> {
    await this.transport
      .request({
        method: 'POST',
        path: this.url,
        headers: { 'x-goog-upload-command': 'cancel' },
        raw: true,
        idempotent: true,
        maxRetries: 0,
        timeout: 2000,
      })
      .then((r) => r.body?.cancel())
      .catch(() => undefined);
  }
}
