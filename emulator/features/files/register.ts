/**
 * `files.register` (`POST /v1beta/files:register`, body `{ uris: ['gs://bucket/object', …] }`): each
 * Cloud Storage URI becomes a File (source REGISTERED, ACTIVE at once, MIME type from the extension,
 * no size or hash since no byte is read). All or nothing, as documented: one bad URI fails the call.
 * The service also wants OAuth credentials able to read the bucket; the emulator cannot check those.
 */
import type { EmulatorCore } from '../../core.js';
import { invalidArgument } from '../../errors.js';
import { json } from '../../registry.js';
import type { FileStore } from './store.js';

const GCS_URI = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]\/.+$/;

/** MIME types of the extensions Gemini reads, for registered objects. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  aac: 'audio/aac',
  mp4: 'video/mp4',
  mov: 'video/mov',
  webm: 'video/webm',
  mpeg: 'video/mpeg',
};

/** The MIME type of an object name, from its extension (else `application/octet-stream`). */
export function mimeTypeOf(uri: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(uri)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || 'application/octet-stream';
}

/** Installs `files.register`. */
export function installRegister(core: EmulatorCore, store: FileStore): void {
  core.registry.register('files.register', (call) => {
    // The schema marks `uris` "Required.": an empty or missing list is answered before this runs.
    const body = call.body as { uris?: unknown[] };
    const uris = (body.uris ?? []).map(String);
    uris.forEach((uri, i) => {
      if (!GCS_URI.test(uri))
        throw invalidArgument(
          `* RegisterFilesRequest.uris[${i}]: ${JSON.stringify(uri)} is not a Google Cloud Storage URI (gs://bucket/object).\n`,
        );
    });
    const files = uris.map((uri) =>
      store.add({
        mimeType: mimeTypeOf(uri),
        size: 0,
        sha256: '',
        source: 'REGISTERED',
        chunks: undefined,
        processingMs: 0,
      }),
    );
    return json({ files: files.map((f) => store.view(f)) });
  });
}
