// Helpers on generateContent responses. The wire object is kept as is (own properties only), and
// the helpers live on a prototype so JSON.stringify and history round trips see exactly the wire data.
import type { Candidate } from '../../generated/types/Candidate.js';
import type { FunctionCall } from '../../generated/types/FunctionCall.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { SafetyRating } from '../../generated/types/SafetyRating.js';
import type { UsageMetadata } from '../../generated/types/UsageMetadata.js';
import { GeminiError } from '../core/errors.js';

/** The prompt or the answer was blocked; `.text` and friends throw this instead of returning undefined. */
export class BlockedError extends GeminiError {
  /** `promptFeedback.blockReason` (prompt blocked) or the candidate's `finishReason` (answer blocked). */
  readonly reason: string;
  /** Whether the prompt (not the answer) was blocked. */
  readonly promptBlocked: boolean;
  /** Safety ratings that explain the block. */
  readonly safetyRatings: readonly SafetyRating[];
  constructor(message: string, reason: string, promptBlocked: boolean, safetyRatings: readonly SafetyRating[]) {
    super(message);
    this.reason = reason;
    this.promptBlocked = promptBlocked;
    this.safetyRatings = safetyRatings;
  }

  override get name(): string {
    return 'BlockedError';
  }
}

/** Finish reasons that mean the answer was withheld rather than finished. */
const BLOCKING_FINISH = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/** Convenience accessors over a generateContent response (first candidate). */
export interface ResponseHelpers {
  /** Text of the first candidate, thought parts excluded; '' for a chunk without text. Throws BlockedError when blocked. */
  readonly text: string;
  /** Text of the first candidate's thought-summary parts. */
  readonly thoughts: string;
  /** Function calls the model asked for, in order. */
  readonly functionCalls: FunctionCall[];
  /** Inline data parts (e.g. generated images or audio) of the first candidate. */
  readonly data: Array<{ mimeType: string; data: string }>;
  /** The first candidate's finish reason, if any. */
  readonly finishReason: Candidate['finishReason'] | undefined;
  /** Token usage. */
  readonly usage: UsageMetadata | undefined;
}

/** A generateContent response with helpers. */
export type GenerateContentResult = GenerateContentResponse & ResponseHelpers;

function firstCandidate(r: GenerateContentResponse): Candidate | undefined {
  const feedback = r.promptFeedback;
  if (feedback?.blockReason && !r.candidates?.length) {
    const message = feedback.blockReasonMessage ? `: ${feedback.blockReasonMessage}` : '';
    throw new BlockedError(`the prompt was blocked (${feedback.blockReason})${message}`, feedback.blockReason, true, feedback.safetyRatings ?? []);
  }
  const c = r.candidates?.[0];
  if (c?.finishReason && BLOCKING_FINISH.has(c.finishReason) && !c.content?.parts?.length) {
    throw new BlockedError(`the answer was blocked (${c.finishReason})`, c.finishReason, false, c.safetyRatings ?? []);
  }
  return c;
}

// A class so the getters are non-enumerable prototype members (for…in and spreads see only wire data).
class Helpers {
  get text(): string {
    const parts = firstCandidate(this as unknown as GenerateContentResponse)?.content?.parts ?? [];
    return parts.map((p) => (p.thought || typeof p.text !== 'string' ? '' : p.text)).join('');
  }
  get thoughts(): string {
    const parts = firstCandidate(this as unknown as GenerateContentResponse)?.content?.parts ?? [];
    return parts.map((p) => (p.thought && typeof p.text === 'string' ? p.text : '')).join('');
  }
  get functionCalls(): FunctionCall[] {
    const parts = firstCandidate(this as unknown as GenerateContentResponse)?.content?.parts ?? [];
    return parts.flatMap((p) => (p.functionCall ? [p.functionCall] : []));
  }
  get data(): Array<{ mimeType: string; data: string }> {
    const parts = firstCandidate(this as unknown as GenerateContentResponse)?.content?.parts ?? [];
    return parts.flatMap((p) => (p.inlineData?.data !== undefined ? [{ mimeType: p.inlineData.mimeType ?? '', data: p.inlineData.data }] : []));
  }
  get finishReason(): Candidate['finishReason'] | undefined {
    return (this as unknown as GenerateContentResponse).candidates?.[0]?.finishReason;
  }
  get usage(): UsageMetadata | undefined {
    return (this as unknown as GenerateContentResponse).usageMetadata;
  }
}

/** Gives a parsed response its helpers without copying it. */
export function withHelpers(response: GenerateContentResponse): GenerateContentResult {
  Object.setPrototypeOf(response, Helpers.prototype);
  return response as GenerateContentResult;
}
