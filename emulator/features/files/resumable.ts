/**
 * Google's resumable upload protocol (`X-Goog-Upload-*`), shared by every upload route (Files API,
 * File Search stores). `start` opens a session and answers with `x-goog-upload-url` and the chunk
 * granularity; `upload` appends a chunk at `x-goog-upload-offset` (which must equal the bytes
 * persisted so far); `finalize` (alone or with the last chunk) completes it through the area's
 * callback; `query` reports `x-goog-upload-size-received`; `cancel` ends it. Bodies are read as they
 * arrive (never buffered whole) and hashed incrementally; a newer request on a session stops an older
 * one still writing. Injected cuts persist the bytes before the cut offset and drop the connection.
 */
import { createHash, type Hash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import type { ApiCall, HandlerResult, RawResult } from '../../registry.js';
import { JSON_TYPE } from '../../http/write.js';

/** Settings of the upload protocol (`control.files.configure`). */
export interface UploadSettings {
  /** `x-goog-upload-chunk-granularity`: non-final chunks must be multiples of it (default 8 MiB). */
  chunkGranularity: number;
  /** Keep uploaded bytes (for downloads and assertions); `false` keeps only size and sha256 (benchmarks). */
  keepBytes: boolean;
}

/** What the protocol hands an area when an upload completes. */
export interface CompletedUpload {
  /** Session id. */
  readonly id: string;
  /** Media MIME type (`X-Goog-Upload-Header-Content-Type`, else the metadata's). */
  readonly mimeType: string | undefined;
  /** The parsed JSON metadata of the start request. */
  readonly metadata: unknown;
  /** Total bytes. */
  readonly size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** The bytes as received pieces, or `undefined` when not kept. */
  readonly chunks: readonly Buffer[] | undefined;
}

/** How an area opens a session. */
export interface StartSpec {
  /** Largest accepted total size (the discovery `maxSize`). */
  readonly maxSize: number;
  /** The parsed JSON metadata of the start request. */
  readonly metadata: unknown;
  /** Builds the final JSON answer (a `{file}` or an Operation); throw RpcError to refuse. */
  readonly finalize: (upload: CompletedUpload) => unknown;
}

/**
 * An unfinished resumable session expires a week after it starts (Google's resumable uploads: "a
 * session URI expires after one week"); its bytes are freed then. Finished sessions keep only their
 * answer (for a repeated finalize) and expire alike.
 */
export const UPLOAD_SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

interface Session {
  readonly id: string;
  readonly startedAt: number;
  readonly spec: StartSpec;
  readonly declared: number | undefined;
  readonly mimeType: string | undefined;
  status: 'active' | 'final' | 'cancelled';
  received: number;
  hash: Hash;
  chunks: Buffer[] | undefined;
  writer: object | undefined;
  final?: unknown;
}

const header = (call: ApiCall, name: string): string | undefined => {
  const v = call.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const TEXT = 'text/plain; charset=utf-8';

function answer(status: string, extra: Record<string, string> = {}, body = ''): RawResult {
  return { kind: 'raw', headers: { 'content-type': TEXT, 'x-goog-upload-status': status, ...extra }, body };
}

function finalAnswer(s: Session): RawResult {
  return {
    kind: 'raw',
    headers: { 'content-type': JSON_TYPE, 'x-goog-upload-status': 'final' },
    body: `${JSON.stringify(s.final, null, 2)}\n`,
  };
}

/** Reads a whole (small) body, e.g. the start request's JSON metadata. */
export async function readSmallBody(call: ApiCall, limit = 1024 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const piece of call.request as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > limit) throw invalidArgument('Upload metadata is too large.');
    parts.push(piece);
  }
  return Buffer.concat(parts);
}

/** The upload sessions of one emulator instance. */
export class UploadSessions {
  readonly settings: UploadSettings = { chunkGranularity: 8 * 1024 * 1024, keepBytes: true };
  private readonly sessions = new Map<string, Session>();
  private cuts: number[] = [];

  constructor(private readonly core: EmulatorCore) {
    core.clock.onChange(() => this.expire());
  }

  /** Drops sessions older than {@link UPLOAD_SESSION_TTL_MS} on the emulated clock, with their bytes. */
  private expire(): void {
    const now = this.core.clock.now();
    for (const [id, s] of this.sessions) {
      if (now < s.startedAt + UPLOAD_SESSION_TTL_MS) continue;
      s.chunks = undefined;
      s.writer = undefined;
      this.sessions.delete(id);
    }
  }

  /** Bytes held by unfinished sessions (the emulator's own accounting). */
  retainedBytes(): number {
    this.expire();
    let n = 0;
    for (const s of this.sessions.values()) for (const c of s.chunks ?? []) n += c.length;
    return n;
  }

  /** Cuts the connection of the chunk that crosses absolute byte `offset` (once per call). */
  cutAt(offset: number): void {
    if (!Number.isInteger(offset) || offset < 0)
      throw new RangeError(`cut offset must be a non-negative integer, got ${offset}`);
    this.cuts.push(offset);
  }

  /** Pending cut offsets. */
  pendingCuts(): readonly number[] {
    return [...this.cuts];
  }

  /** Session summaries, for tests. */
  list(): readonly { id: string; status: string; received: number; declared: number | undefined }[] {
    this.expire();
    return [...this.sessions.values()].map((s) => ({
      id: s.id,
      status: s.status,
      received: s.received,
      declared: s.declared,
    }));
  }

  /** Forgets every session, cut and setting. */
  reset(): void {
    this.sessions.clear();
    this.cuts = [];
    this.settings.chunkGranularity = 8 * 1024 * 1024;
    this.settings.keepBytes = true;
  }

  /** Whether a call belongs to an existing session (it carries `upload_id`). */
  isSessionCall(call: ApiCall): boolean {
    return call.search.has('upload_id');
  }

  /** Handles a `start` request: validates the protocol headers and opens a session. */
  start(call: ApiCall, spec: StartSpec): RawResult {
    const protocol = header(call, 'x-goog-upload-protocol')?.toLowerCase();
    const command = header(call, 'x-goog-upload-command')?.toLowerCase();
    if (protocol !== 'resumable' || command !== 'start') {
      throw invalidArgument(
        'The Gemini emulator supports the resumable upload protocol only (X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start).',
      );
    }
    const lengthText = header(call, 'x-goog-upload-header-content-length');
    let declared: number | undefined;
    if (lengthText !== undefined) {
      if (!/^\d+$/.test(lengthText.trim()))
        throw invalidArgument(`Invalid X-Goog-Upload-Header-Content-Length: ${lengthText}`);
      declared = Number(lengthText);
      if (declared > spec.maxSize) {
        throw invalidArgument(
          `Upload size ${declared} exceeds the maximum allowed size of ${spec.maxSize} bytes.`,
        );
      }
    }
    const id = this.core.newId(40).replace(/[^A-Za-z0-9]/g, 'A');
    this.expire();
    const session: Session = {
      id,
      startedAt: this.core.clock.now(),
      spec,
      declared,
      mimeType: header(call, 'x-goog-upload-header-content-type'),
      status: 'active',
      received: 0,
      hash: createHash('sha256'),
      chunks: this.settings.keepBytes ? [] : undefined,
      writer: undefined,
    };
    this.sessions.set(id, session);
    const url = sessionUrlBase(call);
    url.search = '';
    url.searchParams.set('upload_id', id);
    url.searchParams.set('upload_protocol', 'resumable');
    return answer('active', {
      'x-goog-upload-url': url.toString(),
      'x-goog-upload-chunk-granularity': String(this.settings.chunkGranularity),
    });
  }

  /** Handles `upload`, `finalize`, `query` and `cancel` on an existing session. */
  async handle(call: ApiCall): Promise<HandlerResult> {
    const id = call.search.get('upload_id') ?? '';
    this.expire();
    const s = this.sessions.get(id);
    const commands = (header(call, 'x-goog-upload-command') ?? '')
      .toLowerCase()
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!s)
      throw new RpcError(404, 'The upload session was not found or has expired.', { status: 'NOT_FOUND' });
    // A newer request on the session supersedes a writer that is still reading (a client retry).
    s.writer = undefined;
    if (commands.includes('query')) return this.query(s);
    if (commands.includes('cancel')) {
      if (s.status === 'active') s.status = 'cancelled';
      s.chunks = undefined;
      return answer(s.status === 'cancelled' ? 'cancelled' : 'final');
    }
    if (s.status === 'cancelled') {
      throw new RpcError(404, 'The upload session was cancelled.', {
        headers: { 'x-goog-upload-status': 'cancelled' },
      });
    }
    const upload = commands.includes('upload');
    const finalize = commands.includes('finalize');
    if (!upload && !finalize)
      throw invalidArgument(`Unsupported X-Goog-Upload-Command: ${commands.join(', ') || '(none)'}`);
    if (s.status === 'final') {
      await drain(call);
      return finalAnswer(s);
    }
    const offsetText = header(call, 'x-goog-upload-offset');
    if (upload || offsetText !== undefined) {
      const offset = offsetText !== undefined && /^\d+$/.test(offsetText.trim()) ? Number(offsetText) : NaN;
      if (Number.isNaN(offset)) throw invalidArgument('Missing or invalid X-Goog-Upload-Offset header.');
      if (offset !== s.received) {
        throw new RpcError(
          400,
          `Invalid upload offset ${offset}: the server has persisted ${s.received} bytes of this upload.`,
          {
            headers: { 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': String(s.received) },
          },
        );
      }
    }
    const length = Number(header(call, 'content-length') ?? NaN);
    if (upload && !finalize && Number.isFinite(length) && length % this.settings.chunkGranularity !== 0) {
      throw invalidArgument(
        `Chunk size ${length} is not a multiple of the upload chunk granularity (${this.settings.chunkGranularity} bytes).`,
      );
    }
    if (upload) {
      const cut = await this.append(s, call);
      if (cut) return { kind: 'drop' };
    }
    if (!finalize) {
      return answer('active', { 'x-goog-upload-size-received': String(s.received) });
    }
    if (s.declared !== undefined && s.received !== s.declared) {
      throw new RpcError(
        400,
        `The upload was finalized with ${s.received} bytes but ${s.declared} were declared in X-Goog-Upload-Header-Content-Length.`,
        { headers: { 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': String(s.received) } },
      );
    }
    s.final = s.spec.finalize({
      id: s.id,
      mimeType: s.mimeType,
      metadata: s.spec.metadata,
      size: s.received,
      sha256: s.hash.copy().digest('hex'),
      chunks: s.chunks,
    });
    s.status = 'final';
    s.chunks = undefined; // the area owns the bytes now (and frees them when the file is deleted)
    return finalAnswer(s);
  }

  private query(s: Session): RawResult {
    if (s.status === 'final') {
      const a = finalAnswer(s);
      return { ...a, headers: { ...a.headers, 'x-goog-upload-size-received': String(s.received) } };
    }
    return answer(s.status, {
      'x-goog-upload-size-received': String(s.received),
      'x-goog-upload-chunk-granularity': String(this.settings.chunkGranularity),
    });
  }

  /** Appends the request body; returns true when the connection was cut (or broke) mid-body. */
  private async append(s: Session, call: ApiCall): Promise<boolean> {
    const writer = {};
    s.writer = writer;
    const max = s.declared ?? s.spec.maxSize;
    try {
      for await (const piece of call.request as AsyncIterable<Buffer>) {
        if (s.writer !== writer) return true; // superseded by a newer request: stop writing
        let take = piece;
        const cutIndex = this.cuts.findIndex((c) => c >= s.received && c < s.received + piece.length);
        if (cutIndex >= 0) take = piece.subarray(0, (this.cuts[cutIndex] as number) - s.received);
        if (s.received + take.length > max) {
          throw invalidArgument(`The upload exceeds its declared or maximum size of ${max} bytes.`);
        }
        s.hash.update(take);
        s.chunks?.push(Buffer.from(take));
        s.received += take.length;
        if (cutIndex >= 0) {
          this.cuts.splice(cutIndex, 1);
          call.request.destroy();
          return true;
        }
      }
      return false;
    } catch (e) {
      if (e instanceof RpcError) throw e;
      return true; // the client went away mid-chunk: keep what arrived
    } finally {
      if (s.writer === writer) s.writer = undefined;
    }
  }
}

/** The URL the request came to (absolute-form targets as sent; an odd Host falls back to 127.0.0.1). */
function sessionUrlBase(call: ApiCall): URL {
  const target = call.request.url ?? '/';
  if (!target.startsWith('/')) return new URL(target);
  try {
    return new URL(`http://${header(call, 'host') ?? '127.0.0.1'}${target}`);
  } catch {
    return new URL(`http://127.0.0.1${target}`);
  }
}

async function drain(call: ApiCall): Promise<void> {
  for await (const _ of call.request as AsyncIterable<Buffer>) void _;
}

const sessions = new WeakMap<EmulatorCore, UploadSessions>();

/** The upload sessions of an instance (created with their reset hook on first use). */
export function uploadSessions(core: EmulatorCore): UploadSessions {
  let s = sessions.get(core);
  if (!s) {
    const created = new UploadSessions(core);
    sessions.set(core, created);
    core.onReset(() => created.reset());
    s = created;
  }
  return s;
}
