// `client.fileSearchStores.documents`: the documents of a store (get, list with a pager, delete).

import * as stubs from '../../generated/methods/fileSearchStores.documents.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { Transport } from '../../generated/transport.js';
import type { Document } from '../../generated/types/Document.js';
import type { ListDocumentsResponse } from '../../generated/types/ListDocumentsResponse.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';
import { documentName, storeName, type StoreRef } from './names.js';

/** Documents of file search stores. */
export class Documents {
  readonly #t: Transport;

  /** Usually reached as `client.fileSearchStores.documents`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Gets a document (`fileSearchStores/s/documents/d`). */
  get(document: StoreRef, options?: CallOptions): ApiPromise<Document> {
    return respond(this.#t, (t) => stubs.get(t, { name: documentName(document) }, options));
  }

  /** Lists a store's documents: `await` for the first page, `for await` for every document (page size ≤ 20). */
  list(
    store: StoreRef,
    params: { pageSize?: number; pageToken?: string } = {},
    options?: CallOptions,
  ): PagePromise<Document, ListDocumentsResponse> {
    // The store name is read per page, so a bad one rejects the pager's promise rather than throwing here.
    return PagePromise.over(
      async (p) => stubs.list(this.#t, { parent: storeName(store), ...p }, options),
      params,
      'documents',
      options?.signal,
    );
  }

  /** Deletes a document; `force` also deletes its chunks (otherwise a document with chunks is refused). */
  delete(document: StoreRef, params: { force?: boolean } = {}, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await stubs.delete(t, { name: documentName(document), ...params }, options);
    });
  }
}
