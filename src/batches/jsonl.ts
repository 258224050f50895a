// JSON Lines read from a byte stream one line at a time, never holding more than a chunk and a line.
import { AbortError, GeminiError } from '../core/errors.js';

/** One parsed line of a JSONL stream. */
export interface JsonLine {
  /** 1-based line number in the stream (blank lines count). */
  line: number;
  /** The parsed JSON value. */
  value: unknown;
}

/**
 * Parses a byte stream of JSON Lines lazily: each non-blank line is decoded and parsed when the
 * caller asks for it, so memory stays at one chunk plus one line whatever the size. Leaving the loop
 * early cancels the stream. A line that is not JSON fails with `GeminiError` naming its number.
 */
export async function* readJsonl(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<JsonLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let lineNo = 0;
  const parse = (text: string): JsonLine | undefined => {
    lineNo++;
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    try {
      return { line: lineNo, value: JSON.parse(trimmed) as unknown };
    } catch {
      throw new GeminiError(
        `line ${lineNo} of the JSONL stream is not JSON: ${JSON.stringify(trimmed.slice(0, 80))}`,
      );
    }
  };
  try {
    for (;;) {
      if (signal?.aborted) throw new AbortError(signal.reason);
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl = buffered.indexOf('\n');
      let start = 0;
      while (nl >= 0) {
        const item = parse(buffered.slice(start, nl));
        start = nl + 1;
        if (item) yield item;
        nl = buffered.indexOf('\n', start);
      }
      buffered = buffered.slice(start);
      if (done) break;
    }
    const last = parse(buffered);
    if (last) yield last;
  } catch (e) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    throw e;
  } finally {
    // Early exit (break, error, abort): stop the download; a finished stream is simply released.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
