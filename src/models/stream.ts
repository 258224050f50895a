// A generateContent stream: chunks as they arrive, plus the aggregated final response.
import type { Candidate } from '../../generated/types/Candidate.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { Part } from '../../generated/types/Part.js';
import { StreamError } from '../core/errors.js';
import { withHelpers, type GenerateContentResult } from './response.js';

/** Merges streamed chunks into one response: parts concatenated per candidate, last metadata wins. */
export class ResponseAccumulator {
  #last: GenerateContentResponse | undefined;
  readonly #candidates = new Map<number, Candidate & { content: { parts: Part[] } }>();

  /** Adds one chunk. */
  add(chunk: GenerateContentResponse): void {
    this.#last = chunk;
    for (const c of chunk.candidates ?? []) {
      const index = c.index ?? 0;
      let acc = this.#candidates.get(index);
      if (!acc) {
        acc = { ...c, content: { ...c.content, parts: [] } };
        this.#candidates.set(index, acc);
      }
      const { content, ...rest } = c;
      Object.assign(acc, rest);
      if (content?.role) acc.content.role = content.role;
      for (const part of content?.parts ?? []) appendPart(acc.content.parts, part);
    }
  }

  /** The merged response so far (with helpers). */
  result(): GenerateContentResult {
    if (!this.#last) throw new StreamError('the stream ended before any chunk arrived');
    const { candidates: _ignored, ...meta } = this.#last;
    const candidates = [...this.#candidates.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
    return withHelpers(candidates.length ? { ...meta, candidates } : { ...meta });
  }
}

// Adjacent plain-text chunks of the same kind (thought or not) are joined, so the final response
// holds the text as one part; any other part (function call, inline data, unknown kinds) is kept as is.
function appendPart(parts: Part[], part: Part): void {
  const prev = parts[parts.length - 1];
  const plain = (p: Part): boolean =>
    typeof p.text === 'string' && Object.keys(p).every((k) => k === 'text' || k === 'thought');
  if (prev && plain(prev) && plain(part) && !!prev.thought === !!part.thought) {
    parts[parts.length - 1] = { ...prev, text: `${prev.text}${part.text}` };
  } else parts.push({ ...part });
}

/**
 * The value of `models.generateContentStream()`: iterate it for chunks (each with `.text`), then
 * `await stream.finalResponse()` for the aggregated response. Leaving the loop early aborts the request.
 */
export class GenerateContentStream implements AsyncIterable<GenerateContentResult> {
  readonly #source: AsyncIterable<GenerateContentResponse>;
  readonly #acc = new ResponseAccumulator();
  #consumed: Promise<void> | undefined;

  /** Wraps the transport's chunk stream. */
  constructor(source: AsyncIterable<GenerateContentResponse>) {
    this.#source = source;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<GenerateContentResult, void, undefined> {
    if (this.#consumed) throw new StreamError('a stream can be iterated only once');
    let done!: () => void;
    let failed!: (e: unknown) => void;
    this.#consumed = new Promise<void>((res, rej) => ((done = res), (failed = rej)));
    this.#consumed.catch(() => undefined);
    try {
      for await (const chunk of this.#source) {
        this.#acc.add(chunk);
        yield withHelpers(chunk);
      }
      done();
    } catch (e) {
      failed(e);
      throw e;
    } finally {
      failed(new StreamError('the stream was left before it ended'));
    }
  }

  /** Reads the rest of the stream (if not iterated yet) and resolves with the aggregated response. */
  async finalResponse(): Promise<GenerateContentResult> {
    if (!this.#consumed) for await (const _ of this) void _;
    await this.#consumed;
    return this.#acc.result();
  }
}
