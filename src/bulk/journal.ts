// The journal of a bulk run: an append-only JSONL file (Node) with one line per finished item and one
// per batch job submitted. Lines are written synchronously as results arrive, so a killed process
// loses at most the items in flight. Reopening it indexes where each finished item's line is
// (12 bytes per item) and reads results back on demand, never the whole file.
import { openSyncFile } from '#platform';
import type { SyncFile } from '../platform/types.js';
import { ApiError, GeminiError } from '../core/errors.js';

/** A batch job recorded by a run, so a restart re-attaches instead of submitting again. */
export interface BatchRecord {
  /** `batches/…`. */
  batch: string;
  /** Shard number (0-based, in input order). */
  shard: number;
  /** Index of the shard's first item. */
  first: number;
  /** Items in the shard. */
  count: number;
}

/** An upload session of a shard file, so a restart resumes the upload instead of starting over. */
export interface UploadRecord {
  /** The resumable session URL (no key in it). */
  upload: string;
  /** Shard number. */
  shard: number;
}

/** A finished item as stored. */
export interface JournalEntry {
  i: number;
  k?: string;
  r?: unknown;
  e?: { name: string; message: string; status?: number; code?: string };
}

const HEADER = 'gemini-ts bulk journal';

/** Turns a stored error back into a typed one (`RateLimitError`, `BadRequestError`, …). */
export function reviveError(e: NonNullable<JournalEntry['e']>): GeminiError {
  if (e.status !== undefined) {
    const body = JSON.stringify({ error: { code: e.status, message: e.message, status: e.code } });
    return ApiError.from(e.status, body);
  }
  const err = new GeminiError(e.message);
  return err;
}

/** What is stored of an error: enough to rebuild its class and message, never headers or bodies. */
export function storedError(error: GeminiError): NonNullable<JournalEntry['e']> {
  return error instanceof ApiError
    ? { name: error.name, message: error.message, status: error.status, code: error.code }
    : { name: error.name, message: error.message };
}

/** An open journal. */
export class Journal {
  private offsets = new Float64Array(1024).fill(-1);
  private lengths = new Uint32Array(1024);
  /** Batch jobs recorded so far, by shard. */
  readonly batches = new Map<number, BatchRecord>();
  /** Upload sessions of shard files, by shard. */
  readonly uploads = new Map<number, string>();
  /** Finished items found when the journal was opened. */
  readonly finished: number;
  private size: number;

  private constructor(
    private readonly file: SyncFile,
    readonly path: string,
  ) {
    this.size = 0;
    this.finished = 0;
  }

  /**
   * Opens (or creates) the journal of a run of `method`; a torn last line (killed mid-write) is dropped.
   * `source` fingerprints a file input (size, mtime): a journal of another version of it is refused.
   */
  static async open(path: string, method: string, source?: string): Promise<Journal> {
    const file = await openSyncFile(path, 'update');
    const j = new Journal(file, path);
    if (file.size === 0) {
      j.append({ journal: HEADER, method, version: 1, ...(source ? { source } : {}) });
      return j;
    }
    try {
      await j.index(method, source);
    } catch (e) {
      j.close();
      throw e;
    }
    return j;
  }

  private async index(method: string, source: string | undefined): Promise<void> {
    const { file } = this;
    const buf = Buffer.allocUnsafe(1 << 20);
    let pos = 0;
    let carry: Buffer = Buffer.alloc(0);
    let carryAt = 0;
    let good = 0;
    let first = true;
    let finished = 0;
    for (;;) {
      const n = file.read(buf, 0, buf.length, pos);
      if (n === 0) break;
      let chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      let nl = chunk.indexOf(10);
      while (nl >= 0) {
        const at = carryAt + start;
        const line = chunk.toString('utf8', start, nl);
        let value: Record<string, unknown> | undefined;
        try {
          value = JSON.parse(line) as Record<string, unknown>;
        } catch {
          value = undefined;
        }
        if (!value) break; // a torn line: keep what comes before it
        if (first) {
          if (value['journal'] !== HEADER)
            throw new GeminiError(`${this.path} is not a gemini-ts bulk journal`);
          if (value['method'] !== method)
            throw new GeminiError(
              `${this.path} is the journal of a ${String(value['method'])} run, not ${method}`,
            );
          first = false;
        } else if (typeof value['i'] === 'number') {
          if (!this.has(value['i'])) finished++;
          this.mark(value['i'], at, nl - start);
        } else if (typeof value['upload'] === 'string' && typeof value['shard'] === 'number') {
          this.uploads.set(value['shard'], value['upload']);
        } else if (typeof value['batch'] === 'string') {
          const b = value as unknown as BatchRecord;
          this.batches.set(b.shard, b);
        }
        good = at + nl - start + 1;
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      if (nl >= 0) break;
      carry = Buffer.from(chunk.subarray(start));
      carryAt += start;
      pos += n;
      chunk = Buffer.alloc(0);
    }
    file.truncate(good);
    this.size = good;
    (this as { finished: number }).finished = finished;
  }

  private mark(i: number, offset: number, length: number): void {
    if (i >= this.offsets.length) {
      let n = this.offsets.length;
      while (n <= i) n *= 2;
      const o = new Float64Array(n).fill(-1);
      o.set(this.offsets);
      const l = new Uint32Array(n);
      l.set(this.lengths);
      this.offsets = o;
      this.lengths = l;
    }
    this.offsets[i] = offset;
    this.lengths[i] = length;
  }

  /** Whether item `i` finished in an earlier run (or this one). */
  has(i: number): boolean {
    return i < this.offsets.length && this.offsets[i]! >= 0;
  }

  /** The stored result of item `i`. */
  read(i: number): JournalEntry {
    const buf = Buffer.allocUnsafe(this.lengths[i]!);
    this.file.read(buf, 0, buf.length, this.offsets[i]!);
    return JSON.parse(buf.toString('utf8')) as JournalEntry;
  }

  /** Records a finished item. */
  result(entry: JournalEntry): void {
    const at = this.size;
    const length = this.append(entry);
    this.mark(entry.i, at, length - 1);
  }

  /** Records the upload session of a shard file. */
  upload(record: UploadRecord): void {
    this.uploads.set(record.shard, record.upload);
    this.append(record);
  }

  /** Records a batch job. */
  batch(record: BatchRecord): void {
    this.batches.set(record.shard, record);
    this.append(record);
  }

  private append(value: unknown): number {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`);
    this.file.write(bytes, this.size);
    this.size += bytes.length;
    return bytes.length;
  }

  /** Closes the file. */
  close(): void {
    this.file.close();
  }
}
