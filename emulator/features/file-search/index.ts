/**
 * The File Search area: stores (create/get/list/delete with `force`), documents (get/list/delete),
 * uploads into a store over the shared resumable protocol and imports of Files API files — both
 * create a document through a long-running operation (done after `indexingDelayMs` of emulated time)
 * — their `operations.get`, and grounding of generateContent's `fileSearch` tool.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { parseJsonBody } from '../../http/body.js';
import { json, type ApiCall } from '../../registry.js';
import { validateBody } from '../../validation/body.js';
import { readSmallBody, uploadSessions } from '../files/resumable.js';
import { fileStore, lowerId } from '../files/store.js';
import { listPage } from '../models/page-token.js';
import { operationsStore, type OperationsStore } from '../operations-store.js';
import { installGrounding } from './grounding.js';
import { FileSearchState, type StoredDocument, type StoredStore } from './store.js';
import { asObj } from '../../json.js';

/** Largest upload into a store (discovery `maxSize` of `media.uploadToFileSearchStore`: 100 MB). */
export const MAX_STORE_UPLOAD_BYTES = 104_857_600;

const TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.';
type Obj = Record<string, unknown>;

/** Settings of the area (`control.fileSearch.configure`). */
export interface FileSearchSettings {
  /** Emulated ms from upload/import to the document being indexed (default 300). */
  indexingDelayMs: number;
}

/** `control.fileSearch`. */
export interface FileSearchControl {
  /** Changes settings; returns the settings in force. */
  configure(settings: Partial<FileSearchSettings>): FileSearchSettings;
  /** Creates a store, optionally with a given name (e.g. to replay recorded traffic). */
  addStore(store?: { readonly name?: string; readonly displayName?: string }): Obj;
  /** Every store, as `FileSearchStore` resources. */
  stores(): Obj[];
  /** Every document of a store, as `Document` resources. */
  documents(store: string): Obj[];
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** File search stores and documents. */
    readonly fileSearch: FileSearchControl;
  }
}

const notFound = (): RpcError => new RpcError(404, 'Requested entity was not found.');

const TEXT_TYPES = /^(text\/|application\/(json|jsonl|xml|x-ndjson|javascript|x-sh|x-python|sql|yaml))/;

function textOf(mimeType: string, chunks: readonly Buffer[] | undefined): string {
  if (!chunks || !TEXT_TYPES.test(mimeType)) return '';
  return Buffer.concat(chunks).toString('utf8');
}

function chunking(config: unknown): { max: number; overlap: number } {
  const ws = asObj(asObj(config)['whiteSpaceConfig']);
  const max =
    typeof ws['maxTokensPerChunk'] === 'number' && ws['maxTokensPerChunk'] > 0
      ? ws['maxTokensPerChunk']
      : 200;
  const overlap =
    typeof ws['maxOverlapTokens'] === 'number' && ws['maxOverlapTokens'] >= 0 ? ws['maxOverlapTokens'] : 20;
  return { max, overlap };
}

function body(call: ApiCall): Obj {
  return asObj(call.body);
}

function requireStore(state: FileSearchState, name: string): StoredStore {
  const store = state.getStore(name);
  if (!store) throw notFound();
  return store;
}

/** Creates the document and the operation that indexes it; returns the operation's first state. */
function startIndexing(
  core: EmulatorCore,
  ops: OperationsStore,
  state: FileSearchState,
  settings: FileSearchSettings,
  store: StoredStore,
  input: {
    displayName: string | undefined;
    customMetadata: unknown;
    chunkingConfig: unknown;
    mimeType: string;
    size: number;
    text: string;
  },
  kind: 'upload' | 'import',
): unknown {
  const docName = `${store.name}/documents/${state.newId(input.displayName)}`;
  const opName =
    kind === 'upload'
      ? `${store.name}/upload/operations/${lowerId(core)}`
      : `${store.name}/operations/${lowerId(core)}`;
  const { max, overlap } = chunking(input.chunkingConfig);
  const doc: StoredDocument = {
    name: docName,
    displayName: input.displayName,
    customMetadata: Array.isArray(input.customMetadata) ? (input.customMetadata as Obj[]) : [],
    mimeType: input.mimeType,
    size: input.size,
    createdAt: core.clock.now(),
    text: input.text,
    maxTokensPerChunk: max,
    maxOverlapTokens: overlap,
    operation: opName,
  };
  state.addDocument(store, doc);
  const response =
    kind === 'upload'
      ? {
          '@type': `${TYPE}UploadToFileSearchStoreResponse`,
          parent: store.name,
          documentName: docName,
          mimeType: input.mimeType,
          sizeBytes: String(input.size),
        }
      : { '@type': `${TYPE}ImportFileResponse`, parent: store.name, documentName: docName };
  return ops.create({
    name: opName,
    doneAt: core.clock.now() + settings.indexingDelayMs,
    outcome: () => ({ response }),
  });
}

/** Installs the File Search handlers (after generation, whose handlers it wraps for grounding). */
export const fileSearchFeature: EmulatorFeature = {
  name: 'file-search',
  install(core) {
    const ops = operationsStore(core);
    const state = new FileSearchState(core, ops);
    const uploads = uploadSessions(core);
    const files = fileStore(core);
    const settings: FileSearchSettings = { indexingDelayMs: 300 };

    core.extendControl('fileSearch', {
      configure(next) {
        if (next.indexingDelayMs !== undefined) {
          if (!Number.isFinite(next.indexingDelayMs) || next.indexingDelayMs < 0)
            throw new RangeError('indexingDelayMs must be >= 0');
          settings.indexingDelayMs = next.indexingDelayMs;
        }
        return { ...settings };
      },
      addStore(input = {}) {
        const name =
          input.name === undefined || input.name.startsWith('fileSearchStores/')
            ? input.name
            : `fileSearchStores/${input.name}`;
        return state.storeView(state.createStore(input.displayName, undefined, name));
      },
      stores: () => state.listStores().map((s) => state.storeView(s)),
      documents: (name) =>
        [...requireStore(state, name).documents.values()].map((d) => state.documentView(d)),
    });
    core.onReset(() => {
      state.clear();
      settings.indexingDelayMs = 300;
    });
    core.controlRoutes.add('POST', 'fileSearch/configure', (b) =>
      core.control.fileSearch.configure(asObj(b) as Partial<FileSearchSettings>),
    );

    const r = core.registry;
    r.register('fileSearchStores.create', (call) => {
      const b = body(call);
      const displayName = typeof b['displayName'] === 'string' ? b['displayName'] : undefined;
      if (displayName !== undefined && displayName.length > 512)
        throw invalidArgument('display_name must be at most 512 characters.');
      const model = typeof b['embeddingModel'] === 'string' ? b['embeddingModel'] : undefined;
      return json(state.storeView(state.createStore(displayName, model)));
    });
    r.register('fileSearchStores.get', (call) =>
      json(state.storeView(requireStore(state, call.params['name'] ?? ''))),
    );
    r.register('fileSearchStores.list', (call) => {
      const options = { key: 'fileSearchStores', defaultSize: 10, maxSize: 20 };
      return json(
        listPage(call.query, state.listStores(), { ...options, view: (st) => state.storeView(st) }),
      );
    });
    r.register('fileSearchStores.delete', (call) => {
      const store = requireStore(state, call.params['name'] ?? '');
      if (store.documents.size > 0 && call.query['force'] !== true) {
        throw new RpcError(
          400,
          `Cannot delete FileSearchStore ${store.name} because it has documents; set force=true to delete them too.`,
          {
            status: 'FAILED_PRECONDITION',
          },
        );
      }
      state.deleteStore(store.name);
      return json({});
    });
    r.register('fileSearchStores.importFile', (call) => {
      const store = requireStore(state, call.params['fileSearchStoreName'] ?? '');
      const b = body(call);
      const fileName = typeof b['fileName'] === 'string' ? b['fileName'] : '';
      if (!fileName) throw invalidArgument('* ImportFileRequest.file_name: file_name is not specified\n');
      const file = files.get(fileName);
      if (!file) throw notFound();
      const text = textOf(file.mimeType, file.chunks);
      return json(
        startIndexing(
          core,
          ops,
          state,
          settings,
          store,
          {
            displayName: file.displayName ?? fileName,
            customMetadata: b['customMetadata'],
            chunkingConfig: b['chunkingConfig'],
            mimeType: file.mimeType,
            size: file.size,
            text,
          },
          'import',
        ),
      );
    });

    r.register('fileSearchStores.documents.get', (call) => {
      const found = state.getDocument(call.params['name'] ?? '');
      if (!found) throw notFound();
      return json(state.documentView(found.doc));
    });
    r.register('fileSearchStores.documents.list', (call) => {
      const store = requireStore(state, call.params['parent'] ?? '');
      const options = { key: 'documents', defaultSize: 10, maxSize: 20 };
      const docs = [...store.documents.values()];
      return json(listPage(call.query, docs, { ...options, view: (d) => state.documentView(d) }));
    });
    r.register('fileSearchStores.documents.delete', (call) => {
      const found = state.getDocument(call.params['name'] ?? '');
      if (!found) throw notFound();
      const hasChunks = state.state(found.doc) === 'STATE_ACTIVE' && found.doc.text.trim() !== '';
      if (hasChunks && call.query['force'] !== true) {
        throw new RpcError(
          400,
          `Document ${found.doc.name} has chunks; set force=true to delete it with its chunks.`,
          {
            status: 'FAILED_PRECONDITION',
          },
        );
      }
      found.store.documents.delete(found.doc.name);
      ops.delete(found.doc.operation);
      return json({});
    });

    const getOperation = (call: ApiCall): ReturnType<typeof json> => {
      const op = ops.get(call.params['name'] ?? '');
      if (!op) throw notFound();
      return json(op);
    };
    r.register('fileSearchStores.operations.get', getOperation);
    r.register('fileSearchStores.upload.operations.get', getOperation);

    r.register(
      'media.uploadToFileSearchStore',
      async (call) => {
        if (uploads.isSessionCall(call)) return uploads.handle(call);
        const store = requireStore(state, call.params['fileSearchStoreName'] ?? '');
        const parsed = parseJsonBody(await readSmallBody(call));
        if (!parsed.ok) throw parsed.error;
        const checked = validateBody('UploadToFileSearchStoreRequest', parsed.value ?? {}, {});
        if (!checked.ok) throw checked.error;
        const meta = asObj(checked.value);
        return uploads.start(call, {
          maxSize: MAX_STORE_UPLOAD_BYTES,
          metadata: meta,
          finalize: (done) => {
            if (!state.getStore(store.name)) throw notFound();
            const mimeType =
              done.mimeType ??
              (typeof meta['mimeType'] === 'string' ? meta['mimeType'] : 'application/octet-stream');
            return startIndexing(
              core,
              ops,
              state,
              settings,
              store,
              {
                displayName: typeof meta['displayName'] === 'string' ? meta['displayName'] : undefined,
                customMetadata: meta['customMetadata'],
                chunkingConfig: meta['chunkingConfig'],
                mimeType,
                size: done.size,
                text: textOf(mimeType, done.chunks),
              },
              'upload',
            );
          },
        });
      },
      'upload',
      { streamBody: true },
    );

    installGrounding(core, state);
  },
};
