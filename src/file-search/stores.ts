// `client.fileSearchStores`: stores (create/get/list/delete), uploads and imports that create documents
// through long-running operations, and the store's documents.

import * as stubs from '../../generated/methods/fileSearchStores.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { ChunkingConfig } from '../../generated/types/ChunkingConfig.js';
import type { FileSearchStore } from '../../generated/types/FileSearchStore.js';
import type { ImportFileResponse } from '../../generated/types/ImportFileResponse.js';
import type { ListFileSearchStoresResponse } from '../../generated/types/ListFileSearchStoresResponse.js';
import type { UploadToFileSearchStoreResponse } from '../../generated/types/UploadToFileSearchStoreResponse.js';
import { PagePromise } from '../core/pager.js';
import type { ClientTransport } from '../core/client-transport.js';
import type { CallOptions } from '../core/transport.js';
import { resolveMimeType, sizeHint } from '../files/files.js';
import { fileName, type FileIdentifier } from '../files/names.js';
import { Operation, type OperationResource } from '../operations/operation.js';
import { operationGetter } from '../operations/resolve.js';
import { FileTooLargeError } from '../upload/errors.js';
import { checkUploadOptions } from '../upload/options.js';
import { startUpload, type UploadTransferOptions } from '../upload/resumable.js';
import { openSource, type UploadInput } from '../upload/source.js';
import { Documents } from './documents.js';
import { toCustomMetadata, type CustomMetadataInput } from './metadata.js';
import { storeName, type StoreRef } from './names.js';

/** Largest upload into a store: 100 MB (discovery `media.uploadToFileSearchStore` `maxSize`). */
export const MAX_STORE_UPLOAD_SIZE = 104_857_600;

/** An upload into a store: resolves with where the document went. */
export type UploadOperation = Operation<UploadToFileSearchStoreResponse>;

/** An import of a Files API file into a store. */
export type ImportOperation = Operation<ImportFileResponse>;

/** Options of `uploadToFileSearchStore`. */
export interface UploadToStoreOptions extends UploadTransferOptions {
  /** Document display name. */
  displayName?: string | undefined;
  /** MIME type; default: from the file name's extension, else the Blob's type. */
  mimeType?: string | undefined;
  /** Document metadata (filterable with `metadataFilter`). */
  customMetadata?: CustomMetadataInput | undefined;
  /** How the document is split into chunks. */
  chunkingConfig?: ChunkingConfig | undefined;
  /** Size of a stream input, when known. */
  sizeBytes?: number | undefined;
}

/** Options of `importFile`. */
export interface ImportFileOptions {
  /** Document metadata. */
  customMetadata?: CustomMetadataInput | undefined;
  /** How the document is split into chunks. */
  chunkingConfig?: ChunkingConfig | undefined;
}

/** File search stores and their documents. */
export class FileSearchStores {
  readonly #t: ClientTransport;
  /** The documents of stores. */
  readonly documents: Documents;

  /** Usually reached as `client.fileSearchStores`. */
  constructor(transport: ClientTransport) {
    this.#t = transport;
    this.documents = new Documents(transport);
  }

  /** Creates a store (its name derives from `displayName` plus a random suffix). */
  create(
    store: { displayName?: string; embeddingModel?: string } = {},
    options?: CallOptions,
  ): ApiPromise<FileSearchStore> {
    return respond(this.#t, (t) => stubs.create(t, {}, store, options));
  }

  /** Gets a store (`fileSearchStores/x` or `x`). */
  get(store: StoreRef, options?: CallOptions): ApiPromise<FileSearchStore> {
    return respond(this.#t, (t) => stubs.get(t, { name: storeName(store) }, options));
  }

  /** Lists stores: `await` for the first page, `for await` for every store (page size ≤ 20). */
  list(
    params: { pageSize?: number; pageToken?: string } = {},
    options?: CallOptions,
  ): PagePromise<FileSearchStore, ListFileSearchStoresResponse> {
    return PagePromise.over(
      (p) => stubs.list(this.#t, p, options),
      params,
      'fileSearchStores',
      options?.signal,
    );
  }

  /** Deletes a store; `force` also deletes its documents (otherwise a non-empty store is refused). */
  delete(store: StoreRef, params: { force?: boolean } = {}, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await stubs.delete(t, { name: storeName(store), ...params }, options);
    });
  }

  /**
   * Uploads `input` into a store with the resumable protocol (same engine as `files.upload`); the
   * document is created by a long-running operation: `await (await …).wait()`.
   */
  uploadToFileSearchStore(
    store: StoreRef,
    input: UploadInput,
    options: UploadToStoreOptions = {},
  ): ApiPromise<UploadOperation> {
    return respond(this.#t, async (t) => {
      checkUploadOptions('fileSearchStores.uploadToFileSearchStore', options, ['mimeType', 'displayName']);
      const parent = storeName(store);
      const source = await openSource(input, {
        size: sizeHint(options.sizeBytes),
        name: options.displayName,
      });
      try {
        const mimeType = resolveMimeType(options.mimeType, source, options.displayName);
        if (source.size !== undefined && source.size > MAX_STORE_UPLOAD_SIZE) {
          throw new FileTooLargeError(source.size, MAX_STORE_UPLOAD_SIZE, 'file search store upload');
        }
        const metadata: Record<string, unknown> = { mimeType };
        if (options.displayName !== undefined) metadata['displayName'] = options.displayName;
        const custom = toCustomMetadata(options.customMetadata);
        if (custom) metadata['customMetadata'] = custom;
        if (options.chunkingConfig) metadata['chunkingConfig'] = options.chunkingConfig;
        const op = await startUpload<OperationResource<UploadToFileSearchStoreResponse>>(t, source, {
          ...options,
          path: `/upload/v1beta/${parent}:uploadToFileSearchStore`,
          metadata,
          mimeType,
          fileName: source.name,
          limit: MAX_STORE_UPLOAD_SIZE,
        });
        return new Operation(
          op,
          operationGetter<UploadToFileSearchStoreResponse, Record<string, unknown>>(t),
        );
      } catch (e) {
        await source.close();
        throw e;
      }
    });
  }

  /** Imports a Files API file into a store; the document is created by a long-running operation. */
  importFile(
    store: StoreRef,
    file: FileIdentifier,
    options: ImportFileOptions = {},
    call?: CallOptions,
  ): ApiPromise<ImportOperation> {
    return respond(this.#t, async (t) => {
      const body: Record<string, unknown> = { fileName: fileName(file) };
      const custom = toCustomMetadata(options.customMetadata);
      if (custom) body['customMetadata'] = custom;
      if (options.chunkingConfig) body['chunkingConfig'] = options.chunkingConfig;
      const op = await stubs.importFile(t, { fileSearchStoreName: storeName(store) }, body, call);
      return new Operation(
        op as OperationResource<ImportFileResponse>,
        operationGetter<ImportFileResponse, Record<string, unknown>>(t),
      );
    });
  }

  /** An upload or import operation from its name (e.g. saved before a restart). */
  operation<R = UploadToFileSearchStoreResponse>(name: string): Operation<R> {
    return new Operation<R>({ name }, operationGetter<R, Record<string, unknown>>(this.#t));
  }
}
