// Helpers on generateContent responses. The wire object is kept as is (own enumerable properties are
// exactly the wire data), and the helpers live on a prototype, so JSON.stringify, spreads and history
// round trips see only what the server sent.
import type { Candidate } from '../../generated/types/Candidate.js';
import type { CodeExecutionResult } from '../../generated/types/CodeExecutionResult.js';
import type { Content } from '../../generated/types/Content.js';
import type { ExecutableCode } from '../../generated/types/ExecutableCode.js';
import type { FunctionCall } from '../../generated/types/FunctionCall.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { GroundingMetadata } from '../../generated/types/GroundingMetadata.js';
import type { Part } from '../../generated/types/Part.js';
import type { SafetyRating } from '../../generated/types/SafetyRating.js';
import type { ToolCall } from '../../generated/types/ToolCall.js';
import type { UsageMetadata } from '../../generated/types/UsageMetadata.js';
import { GeminiError } from '../core/errors.js';
import type { OutputParser } from './structured.js';

/**
 * Why the prompt or the answer was blocked: a response's `.blocked` (its helpers then read as empty).
 * Throw it when a block should stop your code: `if (r.blocked) throw r.blocked`.
 */
export class BlockedError extends GeminiError {
  /** `promptFeedback.blockReason` (prompt blocked) or the candidate's `finishReason` (answer blocked). */
  readonly reason: string;
  /** Whether the prompt (not the answer) was blocked. */
  readonly promptBlocked: boolean;
  /** Safety ratings that explain the block. */
  readonly safetyRatings: readonly SafetyRating[];
  /** The server's explanation, when it gave one (`blockReasonMessage` / `finishMessage`). */
  readonly detail: string | undefined;
  /** Creates the error. */
  constructor(
    message: string,
    reason: string,
    promptBlocked: boolean,
    safetyRatings: readonly SafetyRating[],
    detail?: string,
  ) {
    super(message);
    this.reason = reason;
    this.promptBlocked = promptBlocked;
    this.safetyRatings = safetyRatings;
    this.detail = detail;
  }

  override get name(): string {
    return 'BlockedError';
  }
}

/** Finish reasons that mean the answer was withheld rather than finished. */
const BLOCKING_FINISH = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/** Convenience accessors over a generateContent response (first candidate). */
export interface ResponseHelpers<T = unknown> {
  /** Text of the first candidate, thought parts excluded; '' without text (also when blocked: see `blocked`). */
  readonly text: string;
  /**
   * Why the prompt or the answer was blocked (`BlockedError`, not thrown), or `undefined`. A blocked
   * response reads as empty: `.text === ''`, no function calls; `throw r.blocked` to stop on it.
   */
  readonly blocked: BlockedError | undefined;
  /** Text of the first candidate's thought-summary parts. */
  readonly thoughts: string;
  /** Function calls the model asked for, in order. */
  readonly functionCalls: FunctionCall[];
  /** Inline data parts (generated images, audio…) of the first candidate, base64 as received. */
  readonly data: Array<{ mimeType: string; data: string }>;
  /** The first candidate's finish reason, if any. */
  readonly finishReason: Candidate['finishReason'] | undefined;
  /** Token usage. */
  readonly usage: UsageMetadata | undefined;
  /** The first candidate (`undefined` when the prompt was blocked). */
  readonly candidate: Candidate | undefined;
  /** Code the model ran with the code execution tool. */
  readonly executableCode: ExecutableCode[];
  /** Results of that code. */
  readonly codeExecutionResults: CodeExecutionResult[];
  /** Server-side tool invocations (google search, url context…) reported as `toolCall` parts. */
  readonly toolCalls: ToolCall[];
  /** Grounding (google search, maps, file search) of the first candidate. */
  readonly groundingMetadata: GroundingMetadata | undefined;
  /**
   * The structured output: the response text parsed as JSON and validated against the request's
   * schema (typed by a zod schema). Throws `OutputParseError` for invalid JSON, `OutputValidationError`
   * when it does not match. `undefined` when the request did not ask for JSON.
   */
  readonly parsed: T;
  /** Turns automatic function calling added before this response (model function calls, then function responses). */
  readonly automaticFunctionCallingHistory: Content[];
}

/** A generateContent response with helpers. */
export type GenerateContentResult<T = unknown> = GenerateContentResponse & ResponseHelpers<T>;

const PARSER = Symbol('parser');
const PARSED = Symbol('parsed');
const AFC = Symbol('afc');

type Carrier = GenerateContentResponse & {
  [PARSER]?: OutputParser;
  [PARSED]?: { value: unknown };
  [AFC]?: Content[];
};

// A stream's last chunk is often the blocked one: helpers read it as empty instead of throwing, so
// `for await (c of stream) write(c.text)` ends normally and the reason is on `.blocked`.
function blockOf(r: GenerateContentResponse): BlockedError | undefined {
  const feedback = r.promptFeedback;
  if (feedback?.blockReason && !r.candidates?.length) {
    const detail = feedback.blockReasonMessage;
    const message = `the prompt was blocked (${feedback.blockReason})${detail ? `: ${detail}` : ''}`;
    return new BlockedError(message, feedback.blockReason, true, feedback.safetyRatings ?? [], detail);
  }
  const c = r.candidates?.[0];
  if (c?.finishReason && BLOCKING_FINISH.has(c.finishReason) && !c.content?.parts?.length) {
    const detail = c.finishMessage;
    const message = `the answer was blocked (${c.finishReason})${detail ? `: ${detail}` : ''}`;
    return new BlockedError(message, c.finishReason, false, c.safetyRatings ?? [], detail);
  }
  return undefined;
}

const firstCandidate = (r: unknown): Candidate | undefined => (r as GenerateContentResponse).candidates?.[0];

const partsOf = (r: unknown): Part[] => firstCandidate(r)?.content?.parts ?? [];

function pick<K extends keyof Part>(r: unknown, key: K): Array<NonNullable<Part[K]>> {
  return partsOf(r).flatMap((p) =>
    p[key] !== undefined && p[key] !== null ? [p[key] as NonNullable<Part[K]>] : [],
  );
}

// A class so the getters are non-enumerable prototype members (for…in and spreads see only wire data).
class Helpers {
  get text(): string {
    let out = '';
    for (const p of partsOf(this)) if (!p.thought && typeof p.text === 'string') out += p.text;
    return out;
  }
  get blocked(): BlockedError | undefined {
    return blockOf(this as unknown as GenerateContentResponse);
  }
  get thoughts(): string {
    let out = '';
    for (const p of partsOf(this)) if (p.thought && typeof p.text === 'string') out += p.text;
    return out;
  }
  get functionCalls(): FunctionCall[] {
    return pick(this, 'functionCall');
  }
  get data(): Array<{ mimeType: string; data: string }> {
    return pick(this, 'inlineData').flatMap((d) =>
      d.data !== undefined ? [{ mimeType: d.mimeType ?? '', data: d.data }] : [],
    );
  }
  get finishReason(): Candidate['finishReason'] | undefined {
    return (this as unknown as GenerateContentResponse).candidates?.[0]?.finishReason;
  }
  get usage(): UsageMetadata | undefined {
    return (this as unknown as GenerateContentResponse).usageMetadata;
  }
  get candidate(): Candidate | undefined {
    return firstCandidate(this);
  }
  get executableCode(): ExecutableCode[] {
    return pick(this, 'executableCode');
  }
  get codeExecutionResults(): CodeExecutionResult[] {
    return pick(this, 'codeExecutionResult');
  }
  get toolCalls(): ToolCall[] {
    return pick(this, 'toolCall');
  }
  get groundingMetadata(): GroundingMetadata | undefined {
    return firstCandidate(this)?.groundingMetadata;
  }
  get parsed(): unknown {
    const self = this as unknown as Carrier;
    const parser = self[PARSER];
    if (!parser) return undefined;
    const blocked = this.blocked; // a blocked answer has no JSON to parse: say why instead
    if (blocked) throw blocked;
    if (!self[PARSED]) Object.defineProperty(self, PARSED, { value: { value: parser(this.text) } });
    return self[PARSED]!.value;
  }
  get automaticFunctionCallingHistory(): Content[] {
    return (this as unknown as Carrier)[AFC] ?? [];
  }
}

/** Extra, non-wire facts a result carries (hidden from JSON and spreads). */
export interface ResultExtras {
  /** How `.parsed` reads the text. */
  parser?: OutputParser | undefined;
  /** Turns automatic function calling added. */
  afcHistory?: Content[] | undefined;
}

/** Gives a parsed response its helpers without copying it. */
export function withHelpers<T = unknown>(
  response: GenerateContentResponse,
  extras?: ResultExtras,
): GenerateContentResult<T> {
  Object.setPrototypeOf(response, Helpers.prototype);
  if (extras?.parser) Object.defineProperty(response, PARSER, { value: extras.parser });
  if (extras?.afcHistory?.length) Object.defineProperty(response, AFC, { value: extras.afcHistory });
  return response as GenerateContentResult<T>;
}
