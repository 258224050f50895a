// `client.bulk`: run generateContent, embedContent or countTokens over many items, online under
// rate budgets or through the Batch API, with a journal that makes a killed run resumable.
import { FILE_SYSTEM, openScratchFolder } from '#platform';
import type { CountTokensResponse } from '../../generated/types/CountTokensResponse.js';
import type { EmbedContentResponse } from '../../generated/types/EmbedContentResponse.js';
import { Batches } from '../batches/batches.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { ClientTransport } from '../core/client-transport.js';
import { Files } from '../files/files.js';
import { Models, type CountTokensInput, type EmbedContentInput } from '../models/models.js';
import type { GenerateContentInput } from '../models/request.js';
import type { GenerateContentResult } from '../models/response.js';
import { UnsupportedRuntimeError } from '../platform/errors.js';
import { runBatches } from './batch-engine.js';
import { Journal } from './journal.js';
import { COUNT, EMBED, GENERATE, type BulkMethod } from './methods.js';
import { runOnline, type OnlineItem } from './online.js';
import { BulkRun } from './run.js';
import { openItems } from './source.js';
import { tokenCounter } from './tokens.js';
import type { BulkMode, BulkOptions, BulkSource } from './types.js';

/** An item of a bulk generateContent run: the request (its `model` optional when the run has one) and an optional `key`. */
export type BulkGenerateItem =
  | string
  | (Omit<GenerateContentInput, 'model'> & { model?: string; key?: string })
  | { key?: string; request: Record<string, unknown> };

/** An item of a bulk embedContent run. */
export type BulkEmbedItem =
  | string
  | (Omit<EmbedContentInput, 'model'> & { model?: string; key?: string })
  | { key?: string; request: Record<string, unknown> };

/** An item of a bulk countTokens run. */
export type BulkCountItem = string | (Omit<CountTokensInput, 'model'> & { model?: string; key?: string });

/** The Batch API's turnaround target: a deadline shorter than this runs online in `auto` mode. */
const BATCH_TURNAROUND_MS = 24 * 60 * 60 * 1000;

const positiveInt = (name: string, v: number | undefined, dflt: number | undefined): number | undefined => {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v <= 0)
    throw new InvalidArgumentError(`bulk: ${name} must be a positive integer, got ${v}`);
  return v;
};

/** Which engine `mode` means for this run. */
export function chooseMode(
  mode: BulkMode,
  batchable: boolean,
  total: number | undefined,
  o: BulkOptions,
): 'online' | 'batch' {
  if (mode === 'online') return 'online';
  if (mode === 'batch') {
    if (!batchable) throw new InvalidArgumentError('bulk: this method has no Batch API; use mode "online"');
    return 'batch';
  }
  if (!batchable || total === undefined) return 'online';
  if (o.deadline !== undefined && o.deadline < BATCH_TURNAROUND_MS) return 'online';
  return total >= (o.batchThreshold ?? 1000) ? 'batch' : 'online';
}

/**
 * Bulk runs over arrays, async iterables or JSONL files. Each call returns a `BulkRun` at once; the
 * work starts when you iterate it (or call `done()`).
 *
 * ```ts
 * const run = client.bulk.generateContent(prompts, { model: 'gemini-2.5-flash', concurrency: 16, journal: 'run.journal' });
 * for await (const r of run) console.log(r.index, r.ok ? r.response.text : r.error.message);
 * ```
 */
export class Bulk {
  readonly #models: Models;
  readonly #files: Files;
  readonly #batches: Batches;

  /** Usually reached as `client.bulk`. */
  constructor(transport: ClientTransport, models?: Models, files?: Files, batches?: Batches) {
    this.#models = models ?? new Models(transport);
    this.#files = files ?? new Files(transport);
    this.#batches = batches ?? new Batches(transport, this.#files);
  }

  /** generateContent for every item; results carry the `.text` helpers. */
  generateContent(
    source: BulkSource<BulkGenerateItem>,
    options: BulkOptions = {},
  ): BulkRun<GenerateContentResult> {
    return this.#run(GENERATE, source, options);
  }

  /** embedContent for every item. */
  embedContent(source: BulkSource<BulkEmbedItem>, options: BulkOptions = {}): BulkRun<EmbedContentResponse> {
    return this.#run(EMBED, source, options);
  }

  /** countTokens for every item (online only: the Batch API has no token counting). */
  countTokens(source: BulkSource<BulkCountItem>, options: BulkOptions = {}): BulkRun<CountTokensResponse> {
    return this.#run(COUNT, source, options);
  }

  #run<I, R>(method: BulkMethod<I, R>, source: BulkSource<unknown>, o: BulkOptions): BulkRun<R> {
    if (typeof o !== 'object' || o === null)
      throw new InvalidArgumentError('bulk: options must be an object');
    const concurrency = positiveInt('concurrency', o.concurrency, 8)!;
    const requestsPerMinute = positiveInt('requestsPerMinute', o.requestsPerMinute, undefined);
    const tokensPerMinute = positiveInt('tokensPerMinute', o.tokensPerMinute, undefined);
    const maxRetries = o.maxRetries ?? 10;
    if (!Number.isInteger(maxRetries) || maxRetries < 0)
      throw new InvalidArgumentError(`bulk: maxRetries must be a non-negative integer, got ${maxRetries}`);
    const mode = o.mode ?? 'online';
    if (!['online', 'batch', 'auto'].includes(mode))
      throw new InvalidArgumentError(`bulk: unknown mode ${String(mode)}`);
    if (mode === 'batch' && !method.batchKind)
      throw new InvalidArgumentError(`bulk: ${method.name} has no Batch API; use mode "online"`);
    if (typeof source !== 'string' && (typeof source !== 'object' || source === null))
      throw new InvalidArgumentError('bulk: expected an array, an (async) iterable or a JSONL file path');
    if (!FILE_SYSTEM) {
      // Browsers and workers: arrays and (async) iterables, online; no file is ever needed.
      if (typeof source === 'string') throw new UnsupportedRuntimeError('a JSONL file path as a bulk source');
      if (o.journal) throw new UnsupportedRuntimeError('a bulk journal file');
      if (mode === 'batch') throw new UnsupportedRuntimeError('bulk batch mode (JSONL shard files)');
    }
    const ordered = o.ordered ?? true;
    const count = tokenCounter(o.tokenizer);

    return new BulkRun<R>(
      async (sink) => {
        const { items, total, fingerprint } = await openItems(source, sink.signal);
        sink.total = o.total ?? total;
        const journal = o.journal ? await Journal.open(o.journal, method.name, fingerprint) : undefined;
        try {
          let index = 0;
          async function* indexed(): AsyncGenerator<OnlineItem> {
            for await (const raw of items) yield { index: index++, raw };
          }
          const online = (list: AsyncIterator<OnlineItem>): Promise<void> =>
            runOnline(
              {
                models: this.#models,
                method,
                model: o.model,
                concurrency,
                requestsPerMinute,
                tokensPerMinute,
                maxRetries,
                journal,
                count,
              },
              list,
              sink,
            );
          // A journal with batch jobs in it re-attaches to them whatever the mode says.
          const batchable = FILE_SYSTEM && method.batchKind !== undefined;
          const engine = journal?.batches.size ? 'batch' : chooseMode(mode, batchable, sink.total, o);
          if (engine === 'online') return await online(indexed());
          // Shard files go to `<journal>.shards/` (kept for a restart), or a temporary folder.
          const folder = await openScratchFolder(o.journal ? `${o.journal}.shards` : undefined);
          try {
            await runBatches(
              {
                batches: this.#batches,
                files: this.#files,
                method,
                model: o.model,
                journal,
                folder,
                options: o.batch ?? {},
                online,
              },
              indexed(),
              sink,
            );
          } finally {
            await folder.dispose();
          }
        } finally {
          journal?.close();
        }
      },
      {
        ordered,
        window: ordered ? Math.max(256, concurrency * 8) : Math.max(64, concurrency * 4),
        signal: o.signal,
        onProgress: o.onProgress,
        progressInterval: o.progressInterval ?? 200,
      },
    );
  }
}
