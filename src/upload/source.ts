// Upload inputs as byte sources read chunk by chunk, never whole: file paths, bytes and Blobs are read
// at any offset (so a failed chunk can be re-read); streams are read in order, keeping only the bytes
// not yet acknowledged by the server.

import { InvalidArgumentError } from '../core/errors.js';
import { UploadError } from './errors.js';
import { fileSize, openFileForRead } from '#platform';
import type { ReadableFile } from '../platform/types.js';

/**
 * What can be uploaded: a file path (Node), bytes, a `Blob`/`File`, a web `ReadableStream`, or any
 * async iterable of bytes or strings (a Node `Readable` is one).
 */
export type UploadInput =
  string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** A byte source the upload engine reads. */
export interface UploadSource {
  /** Total size, when known up front. */
  readonly size: number | undefined;
  /** File name (base name of a path, a `File`'s name): used for the MIME type and display name. */
  readonly name: string | undefined;
  /** The input's own MIME type (a `Blob`'s `type`), if any. */
  readonly type: string | undefined;
  /** Whether any offset can be read again (false for streams). */
  readonly rewindable: boolean;
  /**
   * Reads `length` bytes at `offset` (fewer only at the end). Streams only move forward: bytes before
   * `offset` are dropped, and an offset before the kept window fails with `UploadError`. The returned
   * bytes are valid until the next `read` (a file source reuses one buffer).
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Releases resources (open files, stream readers). */
  close(): Promise<void>;
}

/** Hints for sources whose size or name cannot be read from the input itself. */
export interface SourceHints {
  /** Total size of a stream input, if known. */
  size?: number | undefined;
  /** A file name for a stream or bytes input. */
  name?: string | undefined;
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

class BytesSource implements UploadSource {
  readonly rewindable = true;
  readonly type = undefined;
  readonly size: number;
  constructor(
    private readonly bytes: Uint8Array,
    readonly name: string | undefined,
  ) {
    this.size = bytes.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.subarray(offset, Math.min(this.size, offset + length));
  }
  async close(): Promise<void> {}
}

class BlobSource implements UploadSource {
  readonly rewindable = true;
  readonly size: number;
  readonly type: string | undefined;
  constructor(
    private readonly blob: Blob,
    readonly name: string | undefined,
  ) {
    this.size = blob.size;
    this.type = blob.type || undefined;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(offset, Math.min(this.size, offset + length)).arrayBuffer());
  }
  async close(): Promise<void> {}
}

class PathSource implements UploadSource {
  readonly rewindable = true;
  readonly type = undefined;
  readonly name: string;
  readonly size: number;
  private constructor(
    private readonly file: ReadableFile,
    path: string,
  ) {
    this.size = file.size;
    this.name = baseName(path);
  }
  static async open(path: string): Promise<PathSource> {
    let file: ReadableFile;
    try {
      file = await openFileForRead(path);
    } catch (e) {
      if (e instanceof InvalidArgumentError) throw e; // not a file, or a build without files
      throw new InvalidArgumentError(
        `cannot open ${JSON.stringify(path)} for upload: ${(e as Error).message}`,
        { cause: e },
      );
    }
    return new PathSource(file, path);
  }
  private buffer = new Uint8Array(0);

  async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    // One buffer for the whole upload: chunks are sent one at a time, so memory stays at one chunk.
    if (this.buffer.length < n) this.buffer = new Uint8Array(n);
    const buf = this.buffer.subarray(0, n);
    let filled = 0;
    while (filled < n) {
      const bytesRead = await this.file.read(buf, filled, n - filled, offset + filled);
      if (bytesRead === 0) break; // the file shrank: the engine notices the short read
      filled += bytesRead;
    }
    return filled === n ? buf : buf.subarray(0, filled);
  }
  async close(): Promise<void> {
    this.buffer = new Uint8Array(0);
    await this.file.close().catch(() => undefined);
  }
}

const encoder = new TextEncoder();

/** A forward-only source over an async iterator; keeps bytes from the last read offset on. */
class StreamSource implements UploadSource {
  readonly rewindable = false;
  readonly type = undefined;
  private pieces: Uint8Array[] = [];
  private start = 0; // absolute offset of pieces[0][0]
  private end = 0; // absolute offset after the last kept byte
  private eof = false;
  constructor(
    private readonly it: AsyncIterator<Uint8Array | string>,
    readonly size: number | undefined,
    readonly name: string | undefined,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < this.start) {
      throw new UploadError(
        `cannot rewind a stream input to byte ${offset}: only bytes from ${this.start} are kept (upload a file path, bytes or a Blob to allow this)`,
      );
    }
    this.drop(offset);
    while (this.end < offset + length && !this.eof) {
      const r = await this.it.next();
      if (r.done) {
        this.eof = true;
        break;
      }
      const v: unknown = r.value;
      const piece = typeof v === 'string' ? encoder.encode(v) : v instanceof Uint8Array ? v : undefined;
      if (!piece)
        throw new InvalidArgumentError('a stream upload input must yield Uint8Array/Buffer or string chunks');
      if (piece.length === 0) continue;
      this.pieces.push(piece);
      this.end += piece.length;
      this.drop(offset); // skipping ahead (resume): do not keep what lies before `offset`
    }
    const stop = Math.min(this.end, offset + length);
    return this.copy(offset, stop);
  }

  async close(): Promise<void> {
    this.pieces = [];
    await this.it.return?.().catch(() => undefined);
  }

  /** Drops kept bytes before `offset`. */
  private drop(offset: number): void {
    while (this.pieces.length > 0) {
      const first = this.pieces[0] as Uint8Array;
      if (this.start + first.length <= offset) {
        this.pieces.shift();
        this.start += first.length;
      } else {
        if (offset > this.start) {
          this.pieces[0] = first.subarray(offset - this.start);
          this.start = offset;
        }
        return;
      }
    }
    this.start = Math.max(this.start, Math.min(offset, this.end));
  }

  private copy(from: number, to: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, to - from));
    let pos = this.start;
    for (const p of this.pieces) {
      const a = Math.max(from, pos);
      const b = Math.min(to, pos + p.length);
      if (b > a) out.set(p.subarray(a - pos, b - pos), a - from);
      pos += p.length;
      if (pos >= to) break;
    }
    return out;
  }
}

function readerIterator(stream: ReadableStream<Uint8Array>): AsyncIterator<Uint8Array> {
  const reader = stream.getReader();
  return {
    next: async () => {
      const r = await reader.read();
      return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
    },
    return: async () => {
      await reader.cancel().catch(() => undefined);
      return { done: true, value: undefined };
    },
  };
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';

/** The size of a Node `fs.ReadStream` read whole from its path, if that is what `input` is. */
async function readStreamSize(input: object): Promise<number | undefined> {
  const s = input as { path?: unknown; start?: unknown; end?: unknown };
  if (typeof s.path !== 'string' || (s.start !== undefined && s.start !== 0)) return undefined;
  if (s.end !== undefined && s.end !== Infinity) return undefined;
  return fileSize(s.path);
}

/**
 * Turns an upload input into a source. A string is a file path (Node only). Throws
 * `InvalidArgumentError` for anything else, or a path that is not a readable file.
 */
export async function openSource(input: UploadInput, hints: SourceHints = {}): Promise<UploadSource> {
  if (typeof input === 'string') {
    if (input === '') throw new InvalidArgumentError('upload: the file path is empty');
    return PathSource.open(input);
  }
  if (input instanceof Uint8Array) return new BytesSource(input, hints.name);
  if (input instanceof ArrayBuffer) return new BytesSource(new Uint8Array(input), hints.name);
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const fileName = (input as { name?: unknown }).name;
    return new BlobSource(input, typeof fileName === 'string' && fileName ? fileName : hints.name);
  }
  if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) {
    return new StreamSource(readerIterator(input as ReadableStream<Uint8Array>), hints.size, hints.name);
  }
  if (isAsyncIterable(input)) {
    const size = hints.size ?? (await readStreamSize(input));
    const path = (input as { path?: unknown }).path;
    const name = hints.name ?? (typeof path === 'string' ? baseName(path) : undefined);
    return new StreamSource(
      (input as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator](),
      size,
      name,
    );
  }
  throw new InvalidArgumentError(
    'upload input must be a file path, Uint8Array/Buffer, ArrayBuffer, Blob/File, ReadableStream or async iterable of bytes',
  );
}
