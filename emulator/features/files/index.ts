/**
 * The Files area: resumable uploads to `/upload/v1beta/files`, `files.get/list/delete`, downloads of
 * generated files (`GET …:download` answers 302 to `/download/…`, which serves the bytes, as
 * recorded) and `generatedFiles.list`.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { parseJsonBody } from '../../http/body.js';
import { json, type RawResult } from '../../registry.js';
import { validateBody } from '../../validation/body.js';
import { listPage } from '../models/page-token.js';
import { installFilesControl, processingDelay, type FilesAreaSettings } from './control.js';
import { readSmallBody, uploadSessions } from './resumable.js';
import { installRegister } from './register.js';
import { fileStore } from './store.js';
import { asObj } from '../../json.js';

/** Largest upload (discovery `mediaUpload.maxSize` of `media.upload`: 2 GiB). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

const FILE_ID = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

type Obj = Record<string, unknown>;

/**
 * A missing (deleted, expired, unknown) file. Public reports show the service answering 403
 * PERMISSION_DENIED "You do not have permission to access the File x or it may not exist."; the
 * acceptance contract expects 404, so 404 is the default and `missingFileStatus: 403` gives the former.
 */
function fileNotFound(name: string, status: 403 | 404): RpcError {
  const id = name.slice('files/'.length);
  return status === 403
    ? new RpcError(403, `You do not have permission to access the File ${id} or it may not exist.`)
    : new RpcError(404, `File ${name} was not found.`);
}

/** Installs the Files handlers. */
export const filesFeature: EmulatorFeature = {
  name: 'files',
  install(core: EmulatorCore) {
    const store = fileStore(core);
    const uploads = uploadSessions(core);
    const settings: FilesAreaSettings = { processingDelayMs: undefined, missingFileStatus: 404 };
    installFilesControl(core, store, uploads, settings);
    installRegister(core, store);

    core.registry.register(
      'media.upload',
      async (call) => {
        if (uploads.isSessionCall(call)) return uploads.handle(call);
        const parsed = parseJsonBody(await readSmallBody(call));
        if (!parsed.ok) throw parsed.error;
        const checked = validateBody('CreateFileRequest', parsed.value ?? {}, {});
        if (!checked.ok) throw checked.error;
        const file = asObj(asObj(checked.value)['file']);
        const rawFile = asObj(asObj(parsed.value)['file']);
        const name = typeof file['name'] === 'string' && file['name'] !== '' ? file['name'] : undefined;
        if (name !== undefined) {
          const id = name.startsWith('files/') ? name.slice('files/'.length) : name;
          if (!FILE_ID.test(id)) {
            throw invalidArgument(
              `Invalid file name "${name}": the id may contain up to 40 lowercase letters, digits or dashes and cannot start or end with a dash.`,
            );
          }
          if (store.has(`files/${id}`))
            throw new RpcError(409, `File files/${id} already exists.`, { status: 'ALREADY_EXISTS' });
        }
        const displayName = typeof file['displayName'] === 'string' ? file['displayName'] : undefined;
        if (displayName !== undefined && displayName.length > 512) {
          throw invalidArgument('The display name must be no more than 512 characters.');
        }
        const metadataType = typeof rawFile['mimeType'] === 'string' ? rawFile['mimeType'] : undefined;
        return uploads.start(call, {
          maxSize: MAX_FILE_BYTES,
          metadata: parsed.value,
          finalize: (done) => {
            const mimeType = done.mimeType ?? metadataType ?? 'application/octet-stream';
            const stored = store.add({
              name: name === undefined ? undefined : name.startsWith('files/') ? name : `files/${name}`,
              displayName,
              mimeType,
              size: done.size,
              sha256: done.sha256,
              chunks: done.chunks,
              processingMs: processingDelay(settings, mimeType),
            });
            return { file: store.view(stored) };
          },
        });
      },
      'upload',
      { streamBody: true },
    );

    core.registry.register('files.get', (call) => {
      const name = call.params['name'] ?? '';
      const f = store.get(name);
      if (!f) throw fileNotFound(name, settings.missingFileStatus);
      return json(store.view(f));
    });

    core.registry.register('files.list', (call) => {
      const body = listPage(call.query, store.list(), {
        key: 'files',
        defaultSize: 10,
        maxSize: 100,
        view: (f) => store.view(f),
      });
      return json(body);
    });

    core.registry.register('files.delete', (call) => {
      const name = call.params['name'] ?? '';
      if (!store.delete(name)) throw fileNotFound(name, settings.missingFileStatus);
      return json({});
    });

    // Recorded: the API host answers 302 (with a JSON "Unknown Error." body) to the download host.
    core.registry.register('files.download', (call) => {
      const name = call.params['name'] ?? '';
      const f = store.get(name);
      if (!f) throw fileNotFound(name, settings.missingFileStatus);
      if (f.source !== 'GENERATED')
        throw invalidArgument(
          `Only generated files can be downloaded; ${name} was ${f.source === 'REGISTERED' ? 'registered' : 'uploaded'}.`,
        );
      const host = call.headers['host'] ?? '127.0.0.1';
      const query = call.search.toString();
      const location = `http://${host}/download/${call.version}/${name}:download${query ? `?${query}` : ''}`;
      const body = { error: { code: 302, message: 'Unknown Error.', status: 'UNKNOWN' } };
      const result: RawResult = {
        kind: 'raw',
        status: 302,
        headers: { 'content-type': 'application/json; charset=UTF-8', location },
        body: `${JSON.stringify(body, null, 2)}\n`,
      };
      return result;
    });

    core.registry.register(
      'files.download',
      (call) => {
        const name = call.params['name'] ?? '';
        const f = store.get(name);
        if (!f) throw fileNotFound(name, settings.missingFileStatus);
        const bytes = store.bytes(f);
        if (!bytes)
          throw new RpcError(404, `The bytes of ${name} were not kept by the emulator (keepBytes: false).`);
        return { kind: 'raw', headers: { 'content-type': f.mimeType }, body: bytes };
      },
      'download',
    );

    core.registry.register('generatedFiles.list', () => json({}));
  },
};
