// A generateContent stream: chunks as they arrive, plus the aggregated final response. With runnable
// tools, the stream continues across automatic function calls (one request per leg).
import type { Candidate } from '../../generated/types/Candidate.js';
import type { Content } from '../../generated/types/Content.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { Part } from '../../generated/types/Part.js';
import type { CallStream } from '../../generated/transport.js';
import { IncompleteStreamError, StreamError } from '../core/errors.js';
import { answerCalls, plannedCalls, type AutomaticFunctionCallingConfig } from '../tools/afc.js';
import type { ToolRunner } from '../tools/runner.js';
import { withHelpers, type GenerateContentResult } from './response.js';
import type { OutputParser } from './structured.js';

type AccCandidate = Candidate & { content: Content & { parts: Part[] } };

/** Merges streamed chunks into one response: parts concatenated per candidate, later metadata wins. */
export class ResponseAccumulator {
  #chunks = 0;
  readonly #meta: Record<string, unknown> = {};
  readonly #candidates = new Map<number, AccCandidate>();

  /** Adds one chunk. */
  add(chunk: GenerateContentResponse): void {
    this.#chunks++;
    const { candidates, ...meta } = chunk;
    Object.assign(this.#meta, meta); // promptFeedback (first chunk) and usage (last) both survive
    for (const c of candidates ?? []) {
      const index = c.index ?? 0;
      let acc = this.#candidates.get(index);
      if (!acc) {
        acc = { content: { parts: [] } };
        this.#candidates.set(index, acc);
      }
      const { content, citationMetadata, ...rest } = c;
      Object.assign(acc, rest);
      if (citationMetadata) {
        const sources = [
          ...(acc.citationMetadata?.citationSources ?? []),
          ...(citationMetadata.citationSources ?? []),
        ];
        (acc as { citationMetadata?: unknown }).citationMetadata = {
          ...citationMetadata,
          citationSources: sources,
        };
      }
      if (content) {
        const { parts, ...contentRest } = content; // role and any field the SDK does not know
        Object.assign(acc.content, contentRest);
        for (const part of parts ?? []) appendPart(acc.content.parts, part);
      }
    }
  }

  /**
   * Whether the stream said it was over: every candidate carries a `finishReason`, or (no candidates)
   * the prompt was blocked. A stream that ends without this was cut short.
   */
  finished(): boolean {
    const candidates = [...this.#candidates.values()];
    const blocked = (this.#meta['promptFeedback'] as { blockReason?: unknown } | undefined)?.blockReason;
    return candidates.length ? candidates.every((c) => c.finishReason !== undefined) : blocked !== undefined;
  }

  /** The merged response so far (with helpers). */
  result(parser?: OutputParser, afcHistory?: Content[]): GenerateContentResult {
    if (this.#chunks === 0) throw new StreamError('the stream ended before any chunk arrived');
    const candidates = [...this.#candidates.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
    const response = (
      candidates.length ? { candidates, ...this.#meta } : { ...this.#meta }
    ) as GenerateContentResponse;
    return withHelpers(response, { parser, afcHistory });
  }
}

const plain = (p: Part): boolean => {
  for (const k in p) if (k !== 'text' && k !== 'thought') return false;
  return typeof p.text === 'string';
};

// Adjacent plain-text chunks of the same kind (thought or not) are joined, so the final response holds
// the text as one part; any other part (function call, inline data, a part carrying a thoughtSignature,
// unknown kinds) is kept exactly as received.
function appendPart(parts: Part[], part: Part): void {
  const prev = parts[parts.length - 1];
  if (prev && plain(prev) && plain(part) && !!prev.thought === !!part.thought) {
    parts[parts.length - 1] = { ...prev, text: `${prev.text}${part.text}` };
  } else parts.push(part);
}

/** What a stream needs to run: the first request's contents and how to send one request. */
export interface StreamSetup {
  /** The conversation sent with the first request. */
  contents: Content[];
  /** Sends one streaming request with these contents. */
  request(contents: Content[]): CallStream<GenerateContentResponse>;
  /** Functions to run automatically, if any. */
  runner?: ToolRunner | undefined;
  /** Automatic function calling settings. */
  afc?: AutomaticFunctionCallingConfig | undefined;
  /** Structured output parser for the final response. */
  parser?: OutputParser | undefined;
  /** The caller's signal (also handed to running functions). */
  signal?: AbortSignal | undefined;
}

/** How a stream ended: its final response, or the error (an early `break` is an error too). */
export type StreamOutcome<T = unknown> =
  { ok: true; result: GenerateContentResult<T> } | { ok: false; error: unknown };

/**
 * The value of `models.generateContentStream()` and `chat.sendMessageStream()`: iterate it for chunks
 * (each with `.text`), then `await stream.finalResponse()` for the aggregated response. Leaving the loop
 * early aborts the request. It is not a promise: iterate it directly.
 */
export class GenerateContentStream<T = unknown> implements AsyncIterable<GenerateContentResult<T>> {
  readonly #open: () => Promise<StreamSetup>;
  readonly #onEnd: ((outcome: StreamOutcome<T>) => void) | undefined;
  #acc = new ResponseAccumulator();
  #setup: StreamSetup | undefined;
  #history: Content[] = [];
  #current: CallStream<GenerateContentResponse> | undefined;
  #aborted: { reason: unknown } | undefined;
  #consumed: Promise<void> | undefined;

  /** `open` prepares the request when iteration starts; `onEnd` hears how the stream ended, once. */
  constructor(open: () => Promise<StreamSetup>, onEnd?: (outcome: StreamOutcome<T>) => void) {
    this.#open = open;
    this.#onEnd = onEnd;
  }

  /** Aborts the request in flight (iteration ends with an `AbortError`). */
  abort(reason?: unknown): void {
    this.#aborted ??= { reason };
    this.#current?.abort(reason);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<GenerateContentResult<T>, void, undefined> {
    if (this.#consumed) throw new StreamError('a stream can be iterated only once');
    let done!: () => void;
    let failed!: (e: unknown) => void;
    this.#consumed = new Promise<void>((res, rej) => ((done = res), (failed = rej)));
    this.#consumed.catch(() => undefined);
    let outcome: StreamOutcome<T> | undefined;
    try {
      const setup = (this.#setup = await this.#open());
      let contents = setup.contents;
      for (let requests = 1; ; requests++) {
        const source = setup.request(contents);
        this.#current = source;
        if (this.#aborted) source.abort(this.#aborted.reason);
        for await (const chunk of source) {
          this.#acc.add(chunk);
          yield withHelpers<T>(chunk);
        }
        const final = this.#acc.result();
        if (!this.#acc.finished()) {
          throw new IncompleteStreamError(
            'the stream ended without a finishReason: the answer was probably cut short (the connection closed between events); error.partial holds what arrived',
            this.#acc.result(setup.parser, this.#history),
          );
        }
        const calls = plannedCalls(final, setup.runner, setup.afc, requests);
        if (!calls) break;
        const turns = await answerCalls(final, calls, setup.runner!, setup.signal);
        this.#history.push(...turns);
        contents = [...contents, ...turns];
        this.#acc = new ResponseAccumulator();
      }
      outcome = {
        ok: true,
        result: this.#acc.result(setup.parser, this.#history) as GenerateContentResult<T>,
      };
      done();
    } catch (e) {
      outcome = { ok: false, error: e };
      failed(e);
      throw e;
    } finally {
      if (!outcome) {
        const error = new StreamError('the stream was left before it ended');
        outcome = { ok: false, error };
        failed(error);
      }
      this.#onEnd?.(outcome);
    }
  }

  /** Reads the rest of the stream (if not iterated yet) and resolves with the aggregated response. */
  async finalResponse(): Promise<GenerateContentResult<T>> {
    if (!this.#consumed) for await (const _ of this) void _;
    await this.#consumed;
    return this.#acc.result(this.#setup?.parser, this.#history) as GenerateContentResult<T>;
  }
}
