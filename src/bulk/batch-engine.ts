// The batch engine: items go into JSONL shards (within the item and byte limits), each shard is
// written to a local file, uploaded with the resumable uploader and run as one Batch API job; results
// stream back into the run. The journal records every job, so a restart re-attaches instead of
// submitting again. Failed items are re-run online (or in a follow-up batch) from the local shard file.
import { openSyncFile } from '#platform';
import type { Batches } from '../batches/batches.js';
import type { Batch } from '../batches/batch.js';
import { prepareEmbed, prepareGenerate, jsonlLine } from '../batches/inputs.js';
import { AbortError, GeminiError } from '../core/errors.js';
import type { File } from '../../generated/types/File.js';
import type { Files } from '../files/files.js';
import type { ScratchFolder } from '../platform/types.js';
import { UploadError } from '../upload/errors.js';
import type { Journal } from './journal.js';
import { storedError } from './journal.js';
import { fromJournal, type OnlineItem } from './online.js';
import type { BulkMethod } from './methods.js';
import { prepareItem } from './methods.js';
import type { Sink } from './run.js';
import type { BulkBatchOptions } from './types.js';

/** The Files API's 2 GB limit, with room to spare. */
const DEFAULT_MAX_BYTES = 1_900_000_000;
const DEFAULT_MAX_ITEMS = 50_000;

/** What the batch engine needs. */
export interface BatchEngineContext<I, R> {
  batches: Batches;
  files: Files;
  method: BulkMethod<I, R>;
  model: string | undefined;
  journal: Journal | undefined;
  /** Where shard files go (next to the journal, or a temporary folder). */
  folder: ScratchFolder;
  options: BulkBatchOptions;
  /** Runs items online (failed items of a batch). */
  online: (items: AsyncIterator<OnlineItem>) => Promise<void>;
}

/** The key of a shard line: the item's index, then its own key (`17` or `17:my-key`). */
const lineKey = (index: number, key: string | undefined): string =>
  key === undefined ? String(index) : `${index}:${key}`;

function parseKey(k: string | undefined): { index: number; key: string | undefined } | undefined {
  const m = /^(\d+)(?::([\s\S]*))?$/.exec(k ?? '');
  return m ? { index: Number(m[1]), key: m[2] } : undefined;
}

/** One shard as written locally: where each line is, by item index. */
interface Shard {
  number: number;
  path: string;
  first: number;
  count: number;
  lines: Map<number, { at: number; length: number }>;
}

/** Runs `items` through the Batch API into `sink`. */
export async function runBatches<I, R>(
  ctx: BatchEngineContext<I, R>,
  items: AsyncIterator<OnlineItem>,
  sink: Sink<R>,
): Promise<void> {
  sink.live.mode = 'batch';
  const kind = ctx.method.batchKind;
  if (!kind) throw new GeminiError(`${ctx.method.name} has no Batch API`);
  const maxItems = ctx.options.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxBytes = ctx.options.maxBytes ?? DEFAULT_MAX_BYTES;
  let model = ctx.model;
  let carried: OnlineItem | undefined;
  let exhausted = false;
  const next = async (): Promise<OnlineItem | undefined> => {
    if (carried) {
      const c = carried;
      carried = undefined;
      return c;
    }
    if (exhausted) return undefined;
    const n = await items.next();
    if (n.done) exhausted = true;
    return n.done ? undefined : n.value;
  };

  for (let number = 0; ; number++) {
    if (sink.signal.aborted) throw new AbortError(sink.signal.reason);
    const name = `shard-${number}.jsonl`;
    const path = ctx.folder.file(name);
    const recorded = ctx.journal?.batches.get(number);
    let shard: Shard | undefined;
    let batch: Batch;
    if (recorded) {
      // Re-attach: skip the shard's items in the source; its local file has their requests.
      shard = { number, path, first: recorded.first, count: recorded.count, lines: new Map() };
      for (let i = 0; i < recorded.count; i++) if (!(await next())) break;
      if (ctx.folder.has(name)) await indexShard(shard);
      batch = await ctx.batches.get(recorded.batch, { signal: sink.signal });
    } else {
      const written = await writeShard(number);
      if (!written) break;
      shard = written;
      if (shard.count === 0) continue; // every item of this stretch was already in the journal
      batch = await submit(path, String(number), number);
      ctx.journal?.batch({ batch: batch.name, shard: number, first: shard.first, count: shard.count });
    }
    sink.batches.push(batch.name);
    sink.live.inFlight += shard.count;
    await batch.wait(waitOptions());
    sink.live.inFlight -= shard.count;
    const failed = await collect(batch, shard, ctx.options.retryFailed ?? 'online');
    if (ctx.options.retryFailed === 'batch' && failed.length > 0) {
      // One follow-up batch of the failures; what fails again keeps its error.
      const retryName = `shard-${number}-retry.jsonl`;
      const retryShard = await copyLines(shard, failed, ctx.folder.file(retryName));
      const again = await submit(retryShard.path, `${number} retry`);
      sink.batches.push(again.name);
      await again.wait(waitOptions());
      await collect(again, retryShard, 'none');
      if (!ctx.journal) ctx.folder.remove(retryName);
    } else await rerun(failed, shard);
    if (!ctx.journal) ctx.folder.remove(name);
    if (exhausted && !carried) break;
  }

  function waitOptions(): { signal: AbortSignal; pollInterval?: number } {
    const { pollInterval } = ctx.options;
    return pollInterval !== undefined ? { signal: sink.signal, pollInterval } : { signal: sink.signal };
  }

  /** Uploads a shard file (resumable upload) and creates its batch job. */
  async function submit(path: string, label: string, shard?: number): Promise<Batch> {
    const name = `${ctx.options.displayName ?? 'gemini-ts bulk'} ${label}`.slice(0, 500);
    // Stopping the run stops the upload without cancelling its session; the journal keeps the session
    // so the next run resumes the upload (the shard file is rewritten with the same bytes).
    const saved = shard === undefined ? undefined : ctx.journal?.uploads.get(shard);
    let file: File | undefined;
    if (saved) {
      try {
        file = await ctx.files.resumeUpload(saved, path, { stopSignal: sink.signal });
      } catch (e) {
        if (sink.signal.aborted || !(e instanceof UploadError)) throw e; // else: expired; upload again
      }
    }
    file ??= await ctx.files.upload(path, {
      mimeType: 'application/jsonl',
      displayName: name,
      stopSignal: sink.signal,
      onSession: (url) => {
        if (shard !== undefined) ctx.journal?.upload({ upload: url, shard });
      },
    });
    if (!file.name) throw new GeminiError(`the upload of shard ${label} returned no file name`);
    const input = { model: model!, file: file.name, displayName: name };
    return kind === 'embed'
      ? await ctx.batches.createEmbeddings(input, { signal: sink.signal })
      : await ctx.batches.create(input, { signal: sink.signal });
  }

  /** A new shard file holding some lines of another. */
  async function copyLines(from: Shard, indexes: number[], path: string): Promise<Shard> {
    const src = await openSyncFile(from.path, 'read');
    const out = await openSyncFile(path, 'create').catch((e: unknown) => {
      src.close();
      throw e;
    });
    const shard: Shard = { number: from.number, path, first: indexes[0]!, count: 0, lines: new Map() };
    let bytes = 0;
    try {
      for (const index of indexes) {
        const at = from.lines.get(index)!;
        const buf = Buffer.allocUnsafe(at.length + 1);
        src.read(buf, 0, at.length, at.at);
        buf[at.length] = 10;
        out.write(buf);
        shard.lines.set(index, { at: bytes, length: at.length });
        bytes += buf.length;
        shard.count++;
      }
    } finally {
      src.close();
      out.close();
    }
    return shard;
  }

  /** Reads items into the next shard file until a limit; undefined when the source is exhausted. */
  async function writeShard(number: number): Promise<Shard | undefined> {
    const first = await next();
    if (!first) return undefined;
    carried = first;
    const path = ctx.folder.file(`shard-${number}.jsonl`);
    const file = await openSyncFile(path, 'create');
    const shard: Shard = { number, path, first: first.index, count: 0, lines: new Map() };
    let bytes = 0;
    try {
      for (;;) {
        const item = await next();
        if (!item) break;
        if (ctx.journal?.has(item.index)) {
          sink.emit(fromJournal(ctx.journal, item.index, ctx.method as BulkMethod<unknown, R>));
          continue;
        }
        let line: string;
        try {
          const { input, key } = prepareItem(ctx.method, item.raw, model, item.index);
          const m = (input as { model: string }).model;
          model ??= m;
          if (m !== model && `models/${m}` !== model && m !== `models/${model}`)
            throw new GeminiError(`item ${item.index}: a batch runs one model (${model}), not ${m}`);
          const { model: _m, ...request } = input as Record<string, unknown>;
          const prepared =
            kind === 'embed'
              ? await prepareEmbed(request as never, 'x', `item ${item.index}`)
              : await prepareGenerate(request as never, 'x', `item ${item.index}`);
          const { model: _x, ...wire } = prepared.request as Record<string, unknown>;
          line = `${JSON.stringify(jsonlLine({ ...prepared, request: wire, key: lineKey(item.index, key) }, item.index))}\n`;
        } catch (e) {
          const error = e instanceof GeminiError ? e : new GeminiError(String(e));
          ctx.journal?.result({ i: item.index, e: storedError(error) });
          sink.emit({ index: item.index, attempts: 0, ok: false, error });
          continue;
        }
        const encoded = Buffer.from(line);
        const size = encoded.length;
        if (shard.count > 0 && (shard.count >= maxItems || bytes + size > maxBytes)) {
          carried = item;
          break;
        }
        file.write(encoded);
        shard.lines.set(item.index, { at: bytes, length: size - 1 });
        bytes += size;
        shard.count++;
      }
    } finally {
      file.close();
    }
    return shard;
  }

  /** Streams a finished batch's results into the run; returns the indexes that failed. */
  async function collect(batch: Batch, shard: Shard, retry: 'online' | 'batch' | 'none'): Promise<number[]> {
    const failed: number[] = [];
    let results: AsyncIterable<{
      key?: string | undefined;
      ok: boolean;
      response?: unknown;
      error?: GeminiError;
    }>;
    try {
      results = batch.results({ signal: sink.signal }) as AsyncIterable<never>;
      for await (const r of results) {
        const at = parseKey(r.key);
        if (!at) continue;
        // Keep the results waiting for the reader bounded (unless the reader waits for an earlier item).
        while (!sink.room(at.index) && !sink.stalled() && !sink.signal.aborted) await sink.changed();
        if (ctx.journal?.has(at.index)) {
          sink.emit(fromJournal(ctx.journal, at.index, ctx.method as BulkMethod<unknown, R>));
          continue;
        }
        if (!r.ok && retry !== 'none' && shard.lines.has(at.index)) {
          failed.push(at.index);
          continue;
        }
        finishOne(
          at.index,
          at.key,
          r.ok,
          r.ok ? ctx.method.revive(JSON.parse(JSON.stringify(r.response))) : undefined,
          r.error,
        );
      }
    } catch (e) {
      if (sink.signal.aborted) throw e;
      // The whole batch failed (FAILED, CANCELLED, EXPIRED without results): its items run again.
      if (retry === 'none') throw e;
      for (const index of shard.lines.keys()) if (!ctx.journal?.has(index)) failed.push(index);
    }
    return failed;
  }

  function finishOne(
    index: number,
    key: string | undefined,
    ok: boolean,
    response: R | undefined,
    error: GeminiError | undefined,
  ): void {
    if (ok) {
      ctx.journal?.result({ i: index, ...(key !== undefined ? { k: key } : {}), r: response });
      sink.emit(
        { index, key, attempts: 0, ok: true, response: response as R },
        ctx.method.usage(response as R) ?? 0,
      );
    } else {
      const e = error ?? new GeminiError(`item ${index} failed in the batch`);
      ctx.journal?.result({ i: index, ...(key !== undefined ? { k: key } : {}), e: storedError(e) });
      sink.emit({ index, key, attempts: 0, ok: false, error: e });
    }
  }

  /** Runs a batch's failed items again, online (from the local shard file). */
  async function rerun(failed: number[], shard: Shard): Promise<void> {
    if (failed.length === 0) return;
    const file = await openSyncFile(shard.path, 'read');
    try {
      async function* again(): AsyncGenerator<OnlineItem> {
        for (const index of failed) {
          const at = shard.lines.get(index)!;
          const buf = Buffer.allocUnsafe(at.length);
          file.read(buf, 0, at.length, at.at);
          const line = JSON.parse(buf.toString('utf8')) as { key: string; request: Record<string, unknown> };
          const key = parseKey(line.key)?.key;
          yield {
            index,
            raw: { ...(key !== undefined ? { key } : {}), request: { ...line.request, model } },
          };
        }
      }
      await ctx.online(again());
    } finally {
      file.close();
    }
  }
}

/** Rebuilds the line index of a shard file written by an earlier run (read in 1 MiB pieces). */
async function indexShard(shard: Shard): Promise<void> {
  const file = await openSyncFile(shard.path, 'read');
  const buf = Buffer.allocUnsafe(1 << 20);
  let pos = 0;
  let lineStart = 0;
  let head = '';
  try {
    for (;;) {
      const n = file.read(buf, 0, buf.length, pos);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i]!;
        if (b === 10) {
          const key = /^\{"key":"(\d+)/.exec(head);
          if (key) shard.lines.set(Number(key[1]), { at: lineStart, length: pos + i - lineStart });
          lineStart = pos + i + 1;
          head = '';
        } else if (head.length < 32) head += String.fromCharCode(b);
      }
      pos += n;
    }
  } finally {
    file.close();
  }
}
