// The items of a bulk run, read lazily: arrays and iterables as given, JSONL files line by line (Node),
// so a million-line input never sits in memory.
import { openFileStream } from '#platform';
import { InvalidArgumentError } from '../core/errors.js';
import { readJsonl } from '../batches/jsonl.js';
import type { BulkSource } from './types.js';

const isAsync = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
const isIterable = (v: unknown): v is Iterable<unknown> =>
  typeof v === 'object' && v !== null && Symbol.iterator in v;

/** The source as an async iterable of raw items, with its size when it is cheap to know. */
export async function openItems<I>(
  source: BulkSource<I>,
  signal: AbortSignal | undefined,
): Promise<{ items: AsyncIterable<unknown>; total: number | undefined; fingerprint?: string }> {
  if (typeof source === 'string') {
    const file = await openFileStream(source);
    if (!file) throw new InvalidArgumentError(`bulk: no such JSONL file: ${source}`);
    const total = await countLines(file.stream());
    async function* lines(): AsyncGenerator<unknown> {
      for await (const { value } of readJsonl(file!.stream(), signal)) yield value;
    }
    return { items: lines(), total, fingerprint: `file ${file.size} ${Math.floor(file.modifiedMs)}` };
  }
  if (Array.isArray(source)) return { items: fromIterable(source), total: source.length };
  if (isAsync(source)) return { items: source, total: undefined };
  if (isIterable(source)) return { items: fromIterable(source), total: undefined };
  throw new InvalidArgumentError('bulk: expected an array, an (async) iterable or a JSONL file path');
}

async function* fromIterable(items: Iterable<unknown>): AsyncGenerator<unknown> {
  yield* items;
}

/** Non-blank lines of a file, counted from a stream of its bytes (a quick pass; nothing is kept). */
async function countLines(body: ReadableStream<Uint8Array>): Promise<number> {
  const reader = body.getReader();
  let lines = 0;
  let blank = true;
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 10) {
          if (!blank) lines++;
          blank = true;
        } else if (b !== 13 && b !== 32 && b !== 9) blank = false;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return blank ? lines : lines + 1;
}
