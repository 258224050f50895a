// `client.batches`: batch jobs of generateContent or embedContent requests, inline or from a JSONL file.
import * as batchStubs from '../../generated/methods/batches.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import * as modelStubs from '../../generated/methods/models.js';
import * as tunedStubs from '../../generated/methods/tunedModels.js';
import type { ListOperationsResponse } from '../../generated/types/ListOperationsResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import { PagePromise } from '../core/pager.js';
import type { ClientTransport } from '../core/client-transport.js';
import type { CallOptions } from '../core/transport.js';
import { Files } from '../files/files.js';
import { fileName, type FileIdentifier } from '../files/names.js';
import { modelName } from '../models/request.js';
import type { UploadTransferOptions } from '../upload/resumable.js';
import { applyConfig, type ConfigOptions } from '../models/config.js';
import {
  Batch,
  kindOf,
  priorityValue,
  type BatchContext,
  type BatchKind,
  type BatchResource,
  type BatchUpdate,
  type BatchWaitOptions,
} from './batch.js';
import {
  inlined,
  jsonlLine,
  prepareEmbed,
  prepareGenerate,
  type BatchEmbedItem,
  type BatchGenerateItem,
  type PreparedItem,
} from './inputs.js';

/** Requests as a list, or any (async) iterable when they go through a file. */
export type BatchRequests<T> = readonly T[] | Iterable<T> | AsyncIterable<T>;

// @google/genai's `config: { displayName }` (the Gemini API's batch takes no destination).
const BATCH_SHAPE = { top: ['displayName', 'priority'] };

/** Options shared by both kinds of batch. */
interface CreateBatchBase {
  /** `displayName` / `priority` the @google/genai way, plus `httpOptions` and `abortSignal`. */
  config?:
    | ({ displayName?: string | undefined; priority?: number | string | undefined } & ConfigOptions)
    | undefined;
  /** Model id (`gemini-2.5-flash`) or resource name (`models/…`, `tunedModels/…`). */
  model: string;
  /** The batch's name for humans (default: `gemini-ts batch <time>`; the API requires one). */
  displayName?: string | undefined;
  /** Higher runs first; may be negative (default 0). */
  priority?: number | string | undefined;
  /** An uploaded JSONL file of `{"key", "request"}` lines, instead of `requests`. */
  file?: FileIdentifier | undefined;
  /**
   * Send `requests` as a JSONL file the SDK writes and uploads (resumable, streamed) instead of inline.
   * Default: inline for arrays, file for other iterables. Use a file past the ~20 MB inline limit.
   */
  asFile?: boolean | undefined;
  /** Upload tuning when `requests` go through a file (chunk size, progress). */
  upload?: Omit<UploadTransferOptions, 'signal' | 'limit'> | undefined;
}

/** A generateContent batch: `requests` (inline or through a file) or an uploaded `file`. */
export interface CreateBatchInput extends CreateBatchBase {
  /** The requests, each like a generateContent input without `model`, with an optional `key` / `metadata`. */
  requests?: BatchRequests<BatchGenerateItem> | undefined;
  /** Alias accepted for other SDKs' spelling: requests, or an uploaded file name. */
  src?: BatchRequests<BatchGenerateItem> | string | undefined;
}

/** An embedding batch: `requests` (inline or through a file) or an uploaded `file`. */
export interface CreateEmbeddingBatchInput extends CreateBatchBase {
  /** The requests, each like an embedContent input without `model`, with an optional `key` / `metadata`. */
  requests?: BatchRequests<BatchEmbedItem> | undefined;
  /** Alias accepted for other SDKs' spelling: requests, or an uploaded file name. */
  src?: BatchRequests<BatchEmbedItem> | string | undefined;
}

/** Batch listing options. */
export interface ListBatchesParams {
  /** Batches per page. */
  pageSize?: number | undefined;
  /** Resume from this page token. */
  pageToken?: string | undefined;
  /** The standard list filter (passed through). */
  filter?: string | undefined;
}

/** A page of batches. */
export interface BatchPage {
  /** The batches of this page. */
  batches?: Batch[];
  /** Token of the next page. */
  nextPageToken?: string | undefined;
  /** Unreachable resources, as the API reports them. */
  unreachable?: string[] | undefined;
}

/** A batch: its name (`batches/abc` or `abc`) or a `Batch`. */
export type BatchRef = string | { readonly name: string };

/** `abc` → `batches/abc`. */
export function batchName(ref: BatchRef): string {
  const name = typeof ref === 'string' ? ref : ref?.name;
  if (typeof name !== 'string' || !name.trim())
    throw new InvalidArgumentError('batch: expected a name such as "batches/abc"');
  return name.includes('/') ? name : `batches/${name}`;
}

const isAsync = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
const isIterable = (v: unknown): v is Iterable<unknown> =>
  typeof v === 'object' && v !== null && Symbol.iterator in v;

/** Batches: create (generateContent or embeddings, inline or JSONL), get, list, cancel, delete, update, wait. */
export class Batches {
  readonly #ctx: BatchContext;

  /** Usually reached as `client.batches`. */
  constructor(transport: ClientTransport, files: Files = new Files(transport)) {
    this.#ctx = { transport, files };
  }

  /**
   * Creates a generateContent batch and resolves with it (PENDING). `requests` go inline (arrays) or as
   * a JSONL file the SDK uploads (`asFile`, or any non-array iterable); `file` uses an uploaded one.
   */
  create(input: CreateBatchInput, callOptions?: CallOptions): ApiPromise<Batch<'generate'>> {
    return respond(this.#ctx.transport, async (t) => {
      const [flat, options] = applyConfig(input, BATCH_SHAPE, callOptions, 'batches.create: config');
      const { model, inputConfig, batch } = await this.#prepare(flat, 'generate', prepareGenerate, options);
      const body = { batch: { ...batch, inputConfig } };

      const op = model.startsWith('tunedModels/')
        ? await tunedStubs.batchGenerateContent(t, { model }, body, options)
        : await modelStubs.batchGenerateContent(t, { model }, body, options);
      return new Batch(op, 'generate', this.#ctx);
    });
  }

  /** Creates an embedding batch (`asyncBatchEmbedContent`); inputs as for `create`. */
  createEmbeddings(input: CreateEmbeddingBatchInput, callOptions?: CallOptions): ApiPromise<Batch<'embed'>> {
    return respond(this.#ctx.transport, async (t) => {
      const [flat, options] = applyConfig(
        input,
        BATCH_SHAPE,
        callOptions,
        'batches.createEmbeddings: config',
      );
      const { model, inputConfig, batch } = await this.#prepare(flat, 'embed', prepareEmbed, options);
      const body = { batch: { ...batch, inputConfig } };

      const op = model.startsWith('tunedModels/')
        ? await tunedStubs.asyncBatchEmbedContent(t, { model }, body, options)
        : await modelStubs.asyncBatchEmbedContent(t, { model }, body, options);
      return new Batch(op, 'embed', this.#ctx);
    });
  }

  /** Gets a batch by name (e.g. one saved before a restart); its kind comes from the answer. */
  get(ref: BatchRef, options?: CallOptions): ApiPromise<Batch> {
    return respond(this.#ctx.transport, async (t) => {
      const op = await batchStubs.get(t, { name: batchName(ref) }, options);
      return new Batch(op, kindOf(op), this.#ctx);
    });
  }

  /** Lists batches: `await` for the first page, `for await` for every batch across pages. */
  list(params: ListBatchesParams = {}, options?: CallOptions): PagePromise<Batch, BatchPage> {
    const { pageToken, pageSize, filter } = params;
    const base = {
      name: 'batches',
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(filter !== undefined ? { filter } : {}),
    };
    const toPage = (r: ListOperationsResponse): BatchPage => ({
      batches: (r.operations ?? []).map((op) => new Batch(op, kindOf(op), this.#ctx)),
      nextPageToken: r.nextPageToken,
      unreachable: r.unreachable,
    });
    return PagePromise.over(
      async (p) => toPage(await batchStubs.list(this.#ctx.transport, p, options)),
      { ...base, pageToken },
      'batches',
      options?.signal,
    );
  }

  /** Asks the service to stop a batch. */
  cancel(ref: BatchRef, options?: CallOptions): ApiPromise<void> {
    return respond(this.#ctx.transport, async (t) => {
      await batchStubs.cancel(t, { name: batchName(ref) }, options);
    });
  }

  /** Deletes a batch. */
  delete(ref: BatchRef, options?: CallOptions): ApiPromise<void> {
    return respond(this.#ctx.transport, async (t) => {
      await batchStubs.delete(t, { name: batchName(ref) }, options);
    });
  }

  /**
   * Changes `displayName` / `priority` of an unfinished batch. Without `kind` the batch is fetched first
   * to pick `updateGenerateContentBatch` or `updateEmbedContentBatch`.
   */
  update(
    ref: BatchRef,
    changes: BatchUpdate,
    options?: CallOptions & { kind?: BatchKind },
  ): ApiPromise<BatchResource> {
    return respond(this.#ctx.transport, async (t) => {
      const { kind, ...call } = options ?? {};
      const name = batchName(ref);
      const batch = new Batch(
        { name, metadata: {} },
        kind ?? (ref instanceof Batch ? ref.kind : (await this.get(name, call)).kind),
        { ...this.#ctx, transport: t },
      );
      return batch.update(changes, call);
    });
  }

  /** Waits for a batch by name until a terminal state (see `Batch.wait`): resuming after a restart. */
  wait(ref: BatchRef, options: BatchWaitOptions = {}): ApiPromise<Batch> {
    return respond(this.#ctx.transport, async (_t, track) => {
      const batch =
        ref instanceof Batch
          ? (ref as Batch)
          : await track(this.get(ref, options.signal ? { signal: options.signal } : {}));
      return track(batch.wait(options));
    });
  }

  async #prepare<K extends BatchKind, Item, R>(
    input: CreateBatchInput | CreateEmbeddingBatchInput,
    kind: K,
    prepare: (item: Item, model: string, where: string) => Promise<PreparedItem<R>>,
    options: CallOptions | undefined,
  ): Promise<{ model: string; inputConfig: Record<string, unknown>; batch: Record<string, unknown> }> {
    if (typeof input !== 'object' || input === null)
      throw new InvalidArgumentError('expected a batch input object');
    const model = modelName(input.model);
    const src = input.src;
    const requests = (input.requests ?? (typeof src === 'string' ? undefined : src)) as
      BatchRequests<Item> | undefined;
    const file = input.file ?? (typeof src === 'string' ? src : undefined);
    if ((requests === undefined) === (file === undefined))
      throw new InvalidArgumentError('give either requests or file');
    const batch: Record<string, unknown> = {
      model,
      displayName: input.displayName ?? `gemini-ts ${kind} batch ${new Date().toISOString()}`,
    };
    if (input.priority !== undefined) batch['priority'] = priorityValue(input.priority);
    if (file !== undefined) return { model, inputConfig: { fileName: fileName(file) }, batch };

    if (!Array.isArray(requests) && !isIterable(requests) && !isAsync(requests)) {
      throw new InvalidArgumentError('requests: expected an array or an iterable of requests');
    }
    const asFile = input.asFile ?? !Array.isArray(requests);
    if (!asFile) {
      const list: Item[] = [];
      for await (const r of requests as AsyncIterable<Item>) list.push(r); // arrays, iterables and async iterables
      if (list.length === 0) throw new InvalidArgumentError('requests: the batch needs at least one request');
      const items = await Promise.all(list.map((r, i) => prepare(r as Item, model, `requests[${i}]`)));
      return { model, inputConfig: { requests: { requests: items.map(inlined) } }, batch };
    }
    const uploaded = await this.#uploadJsonl(
      requests as BatchRequests<Item>,
      (item, i) => prepare(item, model, `requests[${i}]`),
      String(batch['displayName']),
      input.upload,
      options,
    );
    return { model, inputConfig: { fileName: uploaded }, batch };
  }

  /** Serialises requests into JSONL as they are read and uploads the stream; resolves with the file name. */
  async #uploadJsonl<Item, R>(
    requests: BatchRequests<Item>,
    prepare: (item: Item, index: number) => Promise<PreparedItem<R>>,
    displayName: string,
    upload: CreateBatchBase['upload'],
    options: CallOptions | undefined,
  ): Promise<string> {
    let count = 0;
    async function* stream(): AsyncGenerator<string> {
      let i = 0;
      for await (const item of requests as AsyncIterable<Item>) {
        yield `${JSON.stringify(jsonlLine(await prepare(item, i), i))}\n`;
        i++;
        count = i;
      }
      if (i === 0) throw new InvalidArgumentError('requests: the batch needs at least one request');
    }
    const file = await this.#ctx.files.upload(stream(), {
      ...upload,
      mimeType: 'application/jsonl',
      displayName: `${displayName} input`.slice(0, 512),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
    if (!file.name) throw new InvalidArgumentError(`the upload of ${count} requests returned no file name`);
    return file.name;
  }
}
