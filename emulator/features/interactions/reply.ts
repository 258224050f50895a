/**
 * What the emulated model answers in an interaction: a scripted reply (the shared `control.script`
 * queue, keyed by model or agent) or the deterministic echo (`Echo: <last user text>`; after function
 * results, `Echo: name: result`). Structured output gives a JSON instance of the schema; reaching
 * `max_output_tokens` cuts the text and ends `incomplete`; scripted function calls end `requires_action`.
 * Every reply starts with a `thought` step carrying a signature, as recorded.
 */
import { createHash } from 'node:crypto';
import type { ScriptedError, ScriptedReply } from '../../control/replies.js';
import { statusNameFor } from '../../errors.js';
import { instanceOf } from '../generation/json-instance.js';
import { countTextTokens } from '../generation/tokens.js';
import { isObj } from '../../json.js';
import { countTokens, lastUserText, type Obj } from './input.js';

/** The outcome of one interaction, before it is framed as a response or as events. */
export interface ReplyPlan {
  /** Output steps, in order. */
  readonly steps: Obj[];
  /** Final status. */
  readonly status: 'completed' | 'requires_action' | 'incomplete' | 'failed';
  /** Token usage (snake_case, as recorded). */
  readonly usage: Obj;
  /** How streaming splits the text (from the script), default 2 pieces. */
  readonly chunks: number | readonly string[] | undefined;
  /** Streaming only: after this many deltas, an `error` event ends the stream. */
  readonly streamError?: { readonly afterChunks: number; readonly error: ScriptedError };
  /** Interaction-level errors (a failed background run). */
  readonly errors?: Obj[];
}

/** What a reply is computed from. */
export interface ReplyInput {
  /** The validated create body. */
  readonly request: Obj;
  /** This turn's input as steps. */
  readonly input: readonly Obj[];
  /** Steps of the earlier turns (via previous_interaction_id). */
  readonly history: readonly Obj[];
  /** Current emulated time (RFC 3339), for generated values. */
  readonly now: string;
  /** Seed for deterministic ids and signatures. */
  readonly seed: string;
}

const TOKEN = /[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;

/** `text` cut after `max` tokens, or `undefined` when it fits. */
function truncate(text: string, max: number): string | undefined {
  let n = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (++n > max) return text.slice(0, m.index).trimEnd();
  }
  return undefined;
}

/** The JSON schema a `response_format` asks for, if it asks for JSON. */
function jsonSchemaOf(format: unknown): unknown {
  for (const f of Array.isArray(format) ? format : [format]) {
    if (isObj(f) && (f['mime_type'] === 'application/json' || f['schema'] !== undefined))
      return f['schema'] ?? {};
  }
  return undefined;
}

const hash = (s: string, n: number): string => createHash('sha256').update(s).digest('base64url').slice(0, n);

/** A short call id like the recorded `zggxzq8r`. */
const callId = (seed: string, i: number): string =>
  hash(`${seed}:call:${i}`, 16)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);

/** Usage in the recorded key order; `total_tokens` adds up the parts. */
function usageOf(input: Map<string, number>, output: number, thought: number): Obj {
  const totalInput = [...input.values()].reduce((a, b) => a + b, 0);
  return {
    total_tokens: totalInput + output + thought,
    total_input_tokens: totalInput,
    input_tokens_by_modality: [...input].map(([modality, tokens]) => ({ modality, tokens })),
    total_cached_tokens: 0,
    total_output_tokens: output,
    total_tool_use_tokens: 0,
    total_thought_tokens: thought,
  };
}

/** Computes the reply to `ctx` (a scripted one when given). A scripted `error` gives a failed plan. */
export function planReply(ctx: ReplyInput, scripted: ScriptedReply | undefined): ReplyPlan {
  const config = isObj(ctx.request['generation_config']) ? ctx.request['generation_config'] : {};
  const steps: Obj[] = [];
  const thoughtText = scripted?.thought;
  const thought: Obj = {
    type: 'thought',
    signature: Buffer.from(`emulator-thought:${ctx.seed}`).toString('base64'),
  };
  if (thoughtText !== undefined && config['thinking_summaries'] !== 'none')
    thought['summary'] = [{ type: 'text', text: thoughtText }];
  steps.push(thought);
  const thoughtTokens = thoughtText !== undefined ? countTextTokens(thoughtText) : 12;
  const inputTokens = countTokens(ctx.input);
  if (scripted?.error) {
    const e = scripted.error;
    return {
      steps: [],
      status: 'failed',
      usage: usageOf(inputTokens, 0, 0),
      chunks: undefined,
      errors: [{ code: e.status ?? statusNameFor(e.code), message: e.message }],
    };
  }
  const schema = jsonSchemaOf(ctx.request['response_format']);
  const calls = scripted?.functionCalls ?? [];
  let text =
    scripted?.text ??
    (calls.length > 0
      ? undefined
      : schema !== undefined
        ? JSON.stringify(instanceOf(schema, ctx.now))
        : `Echo: ${lastUserText([...ctx.history, ...ctx.input]) ?? '(no text)'}`);
  let status: ReplyPlan['status'] = calls.length > 0 ? 'requires_action' : 'completed';
  const max = config['max_output_tokens'];
  if (text !== undefined && typeof max === 'number' && max >= 0) {
    const cut = truncate(text, max);
    if (cut !== undefined) {
      text = cut;
      status = 'incomplete';
    }
  }
  if (text !== undefined) steps.push({ type: 'model_output', content: [{ type: 'text', text }] });
  if (status !== 'incomplete') {
    calls.forEach((c, i) => {
      steps.push({
        type: 'function_call',
        id: c.id ?? callId(ctx.seed, i),
        name: c.name,
        arguments: c.args ?? {},
      });
    });
  }
  const output = [...countTokens(steps).values()].reduce((a, b) => a + b, 0);
  const plan: ReplyPlan = {
    steps,
    status,
    usage: usageOf(inputTokens, output, thoughtTokens),
    chunks: scripted?.chunks,
  };
  return scripted?.streamError ? { ...plan, streamError: scripted.streamError } : plan;
}

/** Id of a new interaction: `v1_` + base64url of a protobuf holding the conversation and turn ids, as recorded. */
export function interactionId(conversation: string, turn: string): string {
  const field = (tag: number, s: string): Buffer =>
    Buffer.concat([Buffer.from([tag, s.length]), Buffer.from(s)]);
  return `v1_${Buffer.concat([field(0x0a, conversation), field(0x12, turn)]).toString('base64url')}`;
}

/** The conversation part of an id made by `interactionId` (a fresh one for other ids). */
export function conversationOf(id: string): string | undefined {
  const bytes = Buffer.from(id.replace(/^v1_/, ''), 'base64url');
  if (bytes[0] !== 0x0a) return undefined;
  const len = bytes[1] ?? 0;
  return bytes.subarray(2, 2 + len).toString();
}
