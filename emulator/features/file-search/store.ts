/**
 * File search state of one emulator instance: stores and their documents. A document is
 * STATE_PENDING until the operation that creates it finishes (on the emulated clock), then
 * STATE_ACTIVE, or STATE_FAILED when that operation failed.
 */
import type { EmulatorCore } from '../../core.js';
import { formatTimestamp } from '../../clock.js';
import { lowerId } from '../files/store.js';
import type { OperationsStore } from '../operations-store.js';

type Json = Record<string, unknown>;

/** One document of a store. */
export interface StoredDocument {
  readonly name: string;
  readonly displayName: string | undefined;
  readonly customMetadata: readonly Json[];
  readonly mimeType: string;
  readonly size: number;
  readonly createdAt: number;
  /** Extracted text (UTF-8 text types only; empty when the bytes were not kept or are binary). */
  readonly text: string;
  readonly maxTokensPerChunk: number;
  readonly maxOverlapTokens: number;
  /** The operation that creates (indexes) it. */
  readonly operation: string;
}

/** One store. */
export interface StoredStore {
  readonly name: string;
  readonly displayName: string | undefined;
  readonly embeddingModel: string;
  readonly createdAt: number;
  readonly documents: Map<string, StoredDocument>;
}

/** `My Store!` → `mystore`: the recorded derivation keeps lowercase letters and digits, up to 27. */
export function slug(displayName: string | undefined): string {
  return (displayName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 27);
}

/** Stores and documents of one instance. */
export class FileSearchState {
  private readonly stores = new Map<string, StoredStore>();

  constructor(
    private readonly core: EmulatorCore,
    private readonly ops: OperationsStore,
  ) {}

  /** A new id: `<slug>-<12 chars>` or just the 12 chars. */
  newId(displayName: string | undefined): string {
    const s = slug(displayName);
    const id = lowerId(this.core);
    return s ? `${s}-${id}` : id;
  }

  createStore(
    displayName: string | undefined,
    embeddingModel: string | undefined,
    name?: string,
  ): StoredStore {
    const store: StoredStore = {
      name: name ?? `fileSearchStores/${this.newId(displayName)}`,
      displayName,
      embeddingModel: embeddingModel ?? 'models/gemini-embedding-001',
      createdAt: this.core.clock.now(),
      documents: new Map(),
    };
    this.stores.set(store.name, store);
    return store;
  }

  getStore(name: string): StoredStore | undefined {
    return this.stores.get(name);
  }

  listStores(): StoredStore[] {
    return [...this.stores.values()];
  }

  deleteStore(name: string): boolean {
    const s = this.stores.get(name);
    if (!s) return false;
    for (const d of s.documents.values()) this.ops.delete(d.operation);
    return this.stores.delete(name);
  }

  addDocument(store: StoredStore, doc: StoredDocument): void {
    store.documents.set(doc.name, doc);
  }

  /** The document named `fileSearchStores/s/documents/d`. */
  getDocument(name: string): { store: StoredStore; doc: StoredDocument } | undefined {
    const storeName = name.split('/documents/')[0] ?? '';
    const store = this.stores.get(storeName);
    const doc = store?.documents.get(name);
    return store && doc ? { store, doc } : undefined;
  }

  clear(): void {
    this.stores.clear();
  }

  /** STATE_PENDING / STATE_ACTIVE / STATE_FAILED from the creating operation. */
  state(doc: StoredDocument): 'STATE_PENDING' | 'STATE_ACTIVE' | 'STATE_FAILED' {
    const op = this.ops.get(doc.operation);
    if (!op?.done) return op ? 'STATE_PENDING' : 'STATE_ACTIVE';
    return op.error ? 'STATE_FAILED' : 'STATE_ACTIVE';
  }

  /** The `Document` resource. */
  documentView(doc: StoredDocument): Json {
    const state = this.state(doc);
    return {
      name: doc.name,
      ...(doc.displayName !== undefined ? { displayName: doc.displayName } : {}),
      ...(doc.customMetadata.length > 0 ? { customMetadata: doc.customMetadata } : {}),
      updateTime: formatTimestamp(doc.createdAt),
      createTime: formatTimestamp(doc.createdAt),
      state,
      sizeBytes: String(doc.size),
      mimeType: doc.mimeType,
    };
  }

  /** The `FileSearchStore` resource (zero counts omitted, as proto3 JSON does). */
  storeView(store: StoredStore): Json {
    const count = { STATE_ACTIVE: 0, STATE_PENDING: 0, STATE_FAILED: 0 };
    let size = 0;
    for (const d of store.documents.values()) {
      const st = this.state(d);
      count[st]++;
      if (st === 'STATE_ACTIVE') size += d.size;
    }
    const n = (v: number, key: string): Json => (v > 0 ? { [key]: String(v) } : {});
    const time = formatTimestamp(store.createdAt);
    return {
      name: store.name,
      ...(store.displayName !== undefined ? { displayName: store.displayName } : {}),
      embeddingModel: store.embeddingModel,
      createTime: time,
      updateTime: time,
      ...n(count.STATE_ACTIVE, 'activeDocumentsCount'),
      ...n(count.STATE_PENDING, 'pendingDocumentsCount'),
      ...n(count.STATE_FAILED, 'failedDocumentsCount'),
      ...n(size, 'sizeBytes'),
    };
  }
}
