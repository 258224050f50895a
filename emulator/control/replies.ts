/**
 * Scripted model replies: per-model queues that generateContent / streamGenerateContent consume
 * before falling back to the deterministic echo reply.
 */
import type { RpcDetail } from '../errors.js';

/** A JSON object as it appears on the wire. */
export type JsonObject = { readonly [key: string]: unknown };

/** A function call the scripted model makes. */
export interface ScriptedFunctionCall {
  readonly name: string;
  readonly args?: JsonObject;
  readonly id?: string;
}

/** An error the scripted call answers with (before any streaming starts). */
export interface ScriptedError {
  /** HTTP status, e.g. 429. */
  readonly code: number;
  readonly message: string;
  /** google.rpc status name (default: the one paired with `code`). */
  readonly status?: string;
  readonly details?: readonly RpcDetail[];
  /** Extra response headers, e.g. `{ 'retry-after': '2' }`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One scripted reply. Content fields combine into `candidates[0].content.parts` in this order:
 * `thought`, `text`, `functionCalls`, `parts`. `candidates` (raw) replaces all of them.
 */
export interface ScriptedReply {
  /** Reply text. */
  readonly text?: string;
  /** A thought summary part (`thought: true`) before the answer. */
  readonly thought?: string;
  /** Function calls the model makes. */
  readonly functionCalls?: readonly ScriptedFunctionCall[];
  /** Arbitrary extra parts (inlineData, executableCode, …). */
  readonly parts?: readonly JsonObject[];
  /** Candidate finish reason (default `STOP`). */
  readonly finishReason?: string;
  /** Candidate safety ratings. */
  readonly safetyRatings?: readonly JsonObject[];
  /** Extra candidate fields (citationMetadata, groundingMetadata, finishMessage, …). */
  readonly candidateFields?: JsonObject;
  /** Replaces the computed usage metadata. */
  readonly usageMetadata?: JsonObject;
  /** Prompt feedback; with a `blockReason` the reply has no candidates (a blocked prompt). */
  readonly promptFeedback?: JsonObject;
  /** Raw candidates, used as they are. */
  readonly candidates?: readonly JsonObject[];
  /** How streaming splits the text: a chunk count, or the exact text pieces. */
  readonly chunks?: number | readonly string[];
  /** Answer with this error instead. */
  readonly error?: ScriptedError;
  /** Streaming only: after `afterChunks` chunks, send this error as an event and end the stream. */
  readonly streamError?: { readonly afterChunks: number; readonly error: ScriptedError };
}

/** The public scripting API (`control.replies`). */
export interface ReplyControl {
  /** Queues replies for a model (`gemini-2.5-flash`, `models/…`, `tunedModels/…`, or `*` for any). */
  enqueue(model: string, ...replies: ScriptedReply[]): void;
  /** How many replies are still queued for a model (`*` counts the wildcard queue). */
  pending(model: string): number;
  /** Drops every queued reply. */
  clear(): void;
}

const key = (model: string): string => (model === '*' || model.includes('/') ? model : `models/${model}`);

/** Reply queues of one emulator instance. */
export class ReplyQueue implements ReplyControl {
  private readonly queues = new Map<string, ScriptedReply[]>();

  enqueue(model: string, ...replies: ScriptedReply[]): void {
    const k = key(model);
    this.queues.set(k, [...(this.queues.get(k) ?? []), ...replies]);
  }

  pending(model: string): number {
    return this.queues.get(key(model))?.length ?? 0;
  }

  clear(): void {
    this.queues.clear();
  }

  /** Takes the next reply for a model: its own queue first, then the wildcard queue. */
  take(model: string): ScriptedReply | undefined {
    for (const k of [key(model), '*']) {
      const q = this.queues.get(k);
      const next = q?.shift();
      if (next) return next;
    }
    return undefined;
  }
}
