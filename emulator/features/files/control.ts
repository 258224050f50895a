/**
 * `control.files`: steer the Files API and the upload protocol from tests (granularity, processing
 * delay, injected cuts, file states, generated files), plus the same over HTTP under `/__emulator/files/…`.
 */
import { createHash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { RpcError } from '../../errors.js';
import type { UploadSessions, UploadSettings } from './resumable.js';
import type { FileStore, StatusJson } from './store.js';

/** Settings of the Files area. */
export interface FilesSettings extends UploadSettings {
  /**
   * How long a new file stays PROCESSING (emulated ms). A number applies to every file; `undefined`
   * (the default) means 2000 ms for `video/*` and 0 (ACTIVE at once, as recorded for a PDF) otherwise.
   */
  processingDelayMs: number | undefined;
  /** Status of a call naming a missing file: 404 (default) or 403 as the service is reported to answer. */
  missingFileStatus: 403 | 404;
}

/** The Files settings that are not upload-protocol settings. */
export type FilesAreaSettings = Pick<FilesSettings, 'processingDelayMs' | 'missingFileStatus'>;

/** A file created directly by a test (e.g. a generated video to download). */
export interface CreateFileInput {
  readonly bytes: Uint8Array | string;
  readonly mimeType: string;
  readonly source?: 'UPLOADED' | 'GENERATED';
  readonly displayName?: string;
  /** `files/…` name (default: generated). */
  readonly name?: string;
}

/** The public Files control API. */
export interface FilesControl {
  /** Changes settings (unset fields keep their value); returns the settings now in force. */
  configure(settings: Partial<FilesSettings>): FilesSettings;
  /** The next upload chunk that crosses absolute byte `offset` persists the bytes before it, then the connection is cut. */
  cutUploadAt(offset: number, opts?: { readonly count?: number }): void;
  /** Sets a file's processing state now (`FAILED` takes an error status). */
  setState(name: string, state: 'PROCESSING' | 'ACTIVE' | 'FAILED', error?: StatusJson): void;
  /** Creates a file with the given bytes; returns its `File` resource. */
  create(input: CreateFileInput): Record<string, unknown>;
  /** The stored bytes of a file (`undefined` when unknown or not kept). */
  bytes(name: string): Buffer | undefined;
  /** Every live file, as `File` resources, newest first. */
  list(): Record<string, unknown>[];
  /** Upload sessions: id, status, bytes received, declared size. */
  sessions(): readonly { id: string; status: string; received: number; declared: number | undefined }[];
  /** Bytes held in memory: file contents and unfinished upload sessions (expired and deleted ones are freed). */
  retainedBytes(): { readonly files: number; readonly sessions: number };
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Files API and upload protocol. */
    readonly files: FilesControl;
  }
}

/** Default processing time of a new file. */
export function processingDelay(settings: FilesAreaSettings, mimeType: string): number {
  if (settings.processingDelayMs !== undefined) return settings.processingDelayMs;
  return mimeType.startsWith('video/') ? 2000 : 0;
}

/** Builds the control object and its HTTP routes. */
export function installFilesControl(
  core: EmulatorCore,
  store: FileStore,
  uploads: UploadSessions,
  settings: FilesAreaSettings,
): void {
  const all = (): FilesSettings => ({ ...uploads.settings, ...settings });
  const control: FilesControl = {
    configure(next) {
      if (next.chunkGranularity !== undefined) {
        const g = next.chunkGranularity;
        if (!Number.isInteger(g) || g <= 0)
          throw new RangeError(`chunkGranularity must be a positive integer, got ${g}`);
        uploads.settings.chunkGranularity = g;
      }
      if (next.keepBytes !== undefined) uploads.settings.keepBytes = next.keepBytes;
      if ('processingDelayMs' in next) settings.processingDelayMs = next.processingDelayMs;
      if (next.missingFileStatus !== undefined) settings.missingFileStatus = next.missingFileStatus;
      return all();
    },
    cutUploadAt(offset, opts = {}) {
      for (let i = 0; i < (opts.count ?? 1); i++) uploads.cutAt(offset);
    },
    setState(name, state, error) {
      const f = store.get(name);
      if (!f) throw new Error(`no file named ${name}`);
      const now = core.clock.now();
      if (state === 'PROCESSING') {
        f.readyAt = Number.POSITIVE_INFINITY;
        return;
      }
      f.readyAt = Math.min(f.readyAt, now);
      f.outcome = state;
      f.error = state === 'FAILED' ? (error ?? { code: 13, message: 'File processing failed.' }) : undefined;
    },
    create(input) {
      const bytes = typeof input.bytes === 'string' ? Buffer.from(input.bytes) : Buffer.from(input.bytes);
      const f = store.add({
        name: input.name,
        displayName: input.displayName,
        mimeType: input.mimeType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        source: input.source ?? 'GENERATED',
        chunks: [bytes],
        processingMs: 0,
      });
      return store.view(f);
    },
    bytes(name) {
      const f = store.get(name);
      return f ? store.bytes(f) : undefined;
    },
    list: () => store.list().map((f) => store.view(f)),
    sessions: () => uploads.list(),
    retainedBytes: () => ({ files: store.retainedBytes(), sessions: uploads.retainedBytes() }),
  };
  core.extendControl('files', control);
  core.onReset(() => {
    store.clear();
    settings.processingDelayMs = undefined;
    settings.missingFileStatus = 404;
  });

  const r = core.controlRoutes;
  const obj = (b: unknown): Record<string, unknown> =>
    typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : {};
  r.add('GET', 'files', () => ({ files: control.list(), sessions: control.sessions() }));
  r.add('POST', 'files/configure', (body) => control.configure(obj(body) as Partial<FilesSettings>));
  r.add('POST', 'files/cut', (body) => {
    const b = obj(body);
    if (typeof b['offset'] !== 'number') throw new RpcError(400, '"offset" must be a number');
    control.cutUploadAt(b['offset'], typeof b['count'] === 'number' ? { count: b['count'] } : {});
  });
  r.add('POST', 'files/*/state', (body, _q, path) => {
    const b = obj(body);
    const name = `files/${path.split('/')[1] ?? ''}`;
    const state = b['state'];
    if (state !== 'PROCESSING' && state !== 'ACTIVE' && state !== 'FAILED')
      throw new RpcError(400, '"state" must be PROCESSING, ACTIVE or FAILED');
    control.setState(name, state, b['error'] as StatusJson | undefined);
  });
}
