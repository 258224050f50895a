/**
 * The Files API state of one emulator instance: stored files with their bytes (or just size and
 * hash), a lazily computed processing state (PROCESSING until `readyAt` on the emulated clock, then
 * ACTIVE or FAILED) and the 48 h expiry.
 */
import { createHash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { formatTimestamp } from '../../clock.js';

/** Files expire 48 hours after creation. */
export const FILE_TTL_MS = 48 * 60 * 60 * 1000;

/** A google.rpc.Status. */
export interface StatusJson {
  readonly code: number;
  readonly message: string;
}

/** One stored file. */
export interface StoredFile {
  readonly name: string;
  readonly displayName: string | undefined;
  readonly mimeType: string;
  readonly size: number;
  readonly sha256: string;
  /** REGISTERED: a Cloud Storage object registered by `files.register` (size and hash unknown). */
  readonly source: 'UPLOADED' | 'GENERATED' | 'REGISTERED';
  readonly createdAt: number;
  chunks: readonly Buffer[] | undefined;
  readyAt: number;
  outcome: 'ACTIVE' | 'FAILED';
  error: StatusJson | undefined;
}

/** What a new file needs. */
export interface NewFile {
  readonly name?: string | undefined;
  readonly displayName?: string | undefined;
  readonly mimeType: string;
  readonly size: number;
  readonly sha256: string;
  readonly source?: 'UPLOADED' | 'GENERATED' | 'REGISTERED';
  readonly chunks: readonly Buffer[] | undefined;
  readonly processingMs: number;
}

/** `abc-1` style ids: lowercase alphanumerics, like `mwp1gi5it47f`. */
export function lowerId(core: EmulatorCore, length = 12): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256').update(core.newId(32)).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(digest[i] ?? 0) % alphabet.length];
  return out;
}

/** The file map of one instance. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly core: EmulatorCore) {
    core.clock.onChange(() => this.sweep());
  }

  /** Whether a file id is taken (expired files free their id). */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Adds a file. */
  add(input: NewFile): StoredFile {
    const now = this.core.clock.now();
    const file: StoredFile = {
      name: input.name ?? `files/${lowerId(this.core)}`,
      displayName: input.displayName,
      mimeType: input.mimeType,
      size: input.size,
      sha256: input.sha256,
      source: input.source ?? 'UPLOADED',
      createdAt: now,
      chunks: input.chunks,
      readyAt: now + input.processingMs,
      outcome: 'ACTIVE',
      error: undefined,
    };
    this.files.set(file.name, file);
    return file;
  }

  /** A live file (expired ones are removed on the way). */
  get(name: string): StoredFile | undefined {
    const f = this.files.get(name);
    if (f && this.core.clock.now() >= f.createdAt + FILE_TTL_MS) {
      f.chunks = undefined;
      this.files.delete(name);
      return undefined;
    }
    return f;
  }

  /** Every live file, newest first. */
  list(): StoredFile[] {
    return [...this.files.keys()]
      .map((n) => this.get(n))
      .filter((f): f is StoredFile => f !== undefined)
      .reverse();
  }

  /** Deletes a file and lets go of its bytes; false when there was none. */
  delete(name: string): boolean {
    const f = this.get(name);
    if (!f) return false;
    f.chunks = undefined; // other areas may still hold the record; its bytes go now
    return this.files.delete(name);
  }

  /** Removes expired files (run when the clock moves), freeing their bytes. */
  sweep(): void {
    for (const name of [...this.files.keys()]) this.get(name);
  }

  /** Bytes of file contents held in memory (the emulator's own accounting). */
  retainedBytes(): number {
    this.sweep();
    let n = 0;
    for (const f of this.files.values()) for (const c of f.chunks ?? []) n += c.length;
    return n;
  }

  /** Forgets every file. */
  clear(): void {
    this.files.clear();
  }

  /** The processing state now. */
  state(f: StoredFile): 'PROCESSING' | 'ACTIVE' | 'FAILED' {
    return this.core.clock.now() < f.readyAt ? 'PROCESSING' : f.outcome;
  }

  /** The bytes of a file, when kept. */
  bytes(f: StoredFile): Buffer | undefined {
    return f.chunks ? Buffer.concat(f.chunks) : undefined;
  }

  /** The `File` resource as the service prints it. */
  view(f: StoredFile): Record<string, unknown> {
    const state = this.state(f);
    const id = f.name.slice('files/'.length);
    const updatedAt = state === 'PROCESSING' ? f.createdAt : Math.max(f.createdAt, f.readyAt);
    return {
      name: f.name,
      ...(f.displayName !== undefined ? { displayName: f.displayName } : {}),
      mimeType: f.mimeType,
      ...(f.source === 'REGISTERED' ? {} : { sizeBytes: String(f.size) }),
      createTime: formatTimestamp(f.createdAt),
      updateTime: formatTimestamp(updatedAt),
      expirationTime: formatTimestamp(f.createdAt + FILE_TTL_MS),
      // Recorded: base64 of the lower-case hex digest (unknown for registered objects).
      ...(f.source === 'REGISTERED' ? {} : { sha256Hash: Buffer.from(f.sha256, 'utf8').toString('base64') }),
      uri: `https://generativelanguage.googleapis.com/v1beta/files/${id}`,
      ...(f.source === 'GENERATED'
        ? { downloadUri: `https://generativelanguage.googleapis.com/v1beta/files/${id}:download?alt=media` }
        : {}),
      state,
      source: f.source,
      ...(state === 'FAILED' && f.error ? { error: f.error } : {}),
    };
  }
}

const stores = new WeakMap<EmulatorCore, FileStore>();

/** The file store of an instance (shared with areas that read files, e.g. file search imports). */
export function fileStore(core: EmulatorCore): FileStore {
  let s = stores.get(core);
  if (!s) {
    s = new FileStore(core);
    stores.set(core, s);
  }
  return s;
}
