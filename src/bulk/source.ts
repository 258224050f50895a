// The items of a bulk run, read lazily: arrays and iterables as given, JSONL files line by line (Node),
// so a million-line input never sits in memory.
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
    const fs = await import('node:fs');
    const { Readable } = await import('node:stream');
    if (!fs.existsSync(source)) throw new InvalidArgumentError(`bulk: no such JSONL file: ${source}`);
    const total = await countLines(source);
    async function* lines(): AsyncGenerator<unknown> {
      const body = Readable.toWeb(fs.createReadStream(source as string)) as ReadableStream<Uint8Array>;
      for await (const { value } of readJsonl(body, signal)) yield value;
    }
    const st = fs.statSync(source);
    return { items: lines(), total, fingerprint: `file ${st.size} ${Math.floor(st.mtimeMs)}` };
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
async function countLines(path: string): Promise<number> {
  const fs = await import('node:fs');
  let lines = 0;
  let blank = true;
  for await (const chunk of fs.createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 10) {
        if (!blank) lines++;
        blank = true;
      } else if (b !== 13 && b !== 32 && b !== 9) blank = false;
    }
  }
  return blank ? lines : lines + 1;
}
