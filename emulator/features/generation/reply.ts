/**
 * Building GenerateContentResponse bodies from a reply (scripted, or derived by auto.ts). Unary calls get one response; streaming calls get the
 * reply split into chunks (text across several chunks, other parts and `finishReason` on the last,
 * cumulative usageMetadata on every chunk).
 */
import { RpcError } from '../../errors.js';
import type { JsonObject, ScriptedError, ScriptedReply } from '../../control/replies.js';
import { countTextTokens, TokenCounter, type TokenCount } from './tokens.js';
import { isObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** Everything response building needs besides the reply. */
export interface ReplyContext {
  /** The validated request body. */
  readonly request: Obj;
  /** `models/x` of the call. */
  readonly model: string;
  /** Response id shared by every chunk of the response. */
  readonly responseId: string;
}

/** The text of the last user turn (text parts joined), or `undefined`. */
export function lastUserText(request: Obj): string | undefined {
  const contents = Array.isArray(request['contents']) ? request['contents'] : [];
  for (let i = contents.length - 1; i >= 0; i--) {
    const c: unknown = contents[i];
    if (!isObj(c) || (c['role'] !== undefined && c['role'] !== 'user')) continue;
    const parts = Array.isArray(c['parts']) ? c['parts'] : [];
    const texts = parts.flatMap((p: unknown) =>
      isObj(p) && typeof p['text'] === 'string' ? [p['text']] : [],
    );
    if (texts.length > 0) return texts.join('');
  }
  return undefined;
}

/** Turns a scripted error into the error the call answers with. */
export function scriptedError(e: ScriptedError): RpcError {
  return new RpcError(e.code, e.message, {
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.details ? { details: e.details } : {}),
    ...(e.headers ? { headers: { ...e.headers } } : {}),
  });
}

/** Function-call and extra parts (everything but thought and text). */
function otherParts(reply: ScriptedReply): JsonObject[] {
  const calls = (reply.functionCalls ?? []).map((fc) => ({
    functionCall: { ...(fc.id !== undefined ? { id: fc.id } : {}), name: fc.name, args: fc.args ?? {} },
  }));
  return [...calls, ...(reply.parts ?? [])];
}

/** The parts with the reply's signature on the first function call, else on the first answer part. */
function signed(parts: JsonObject[], sig: string | undefined): JsonObject[] {
  if (sig === undefined || parts.length === 0) return parts;
  let at = parts.findIndex((p) => p['functionCall'] !== undefined);
  if (at < 0) at = parts.findIndex((p) => p['thought'] !== true);
  if (at < 0) at = 0;
  return parts.map((p, i) => (i === at ? { ...p, thoughtSignature: sig } : p));
}

function contentParts(reply: ScriptedReply): JsonObject[] {
  const parts: JsonObject[] = [];
  if (reply.thought !== undefined) parts.push({ text: reply.thought, thought: true });
  if (reply.text !== undefined) parts.push({ text: reply.text });
  return signed([...parts, ...otherParts(reply)], reply.thoughtSignature);
}

/** Usage as the service reports it: thoughts apart from candidates, both in the total. */
function usage(
  prompt: TokenCount,
  candidates: number,
  override: JsonObject | undefined,
  thoughts = 0,
): JsonObject {
  if (override) return override;
  return {
    promptTokenCount: prompt.total,
    ...(candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: prompt.total + candidates + thoughts,
    promptTokensDetails: prompt.details,
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
}

const thoughtTokens = (reply: ScriptedReply): number =>
  reply.thought === undefined ? 0 : countTextTokens(reply.thought);

function partTokens(parts: readonly JsonObject[]): number {
  const counter = new TokenCounter();
  for (const p of parts) counter.part(p);
  return counter.result().total;
}

function promptCount(request: Obj): TokenCount {
  const counter = new TokenCounter();
  counter.request(request);
  return counter.result();
}

const isBlocked = (reply: ScriptedReply): boolean =>
  isObj(reply.promptFeedback) && 'blockReason' in reply.promptFeedback;

function candidateCount(request: Obj): number {
  const config = request['generationConfig'];
  const n = isObj(config) && typeof config['candidateCount'] === 'number' ? config['candidateCount'] : 1;
  return Math.max(1, Math.min(n, 8));
}

function candidate(
  reply: ScriptedReply,
  parts: readonly JsonObject[],
  index: number,
  final: boolean,
): JsonObject {
  return {
    ...(parts.length > 0 ? { content: { parts, role: 'model' } } : {}),
    ...(final ? { finishReason: reply.finishReason ?? 'STOP' } : {}),
    ...(final && reply.safetyRatings ? { safetyRatings: reply.safetyRatings } : {}),
    ...(final ? reply.candidateFields : {}),
    index,
  };
}

function envelope(ctx: ReplyContext, body: JsonObject): JsonObject {
  return { ...body, modelVersion: ctx.model.replace(/^[^/]+\//, ''), responseId: ctx.responseId };
}

/** The unary response for a reply (throws the scripted error, if any). */
export function unaryResponse(reply: ScriptedReply, ctx: ReplyContext): JsonObject {
  if (reply.error) throw scriptedError(reply.error);
  const prompt = promptCount(ctx.request);
  const feedback = reply.promptFeedback ? { promptFeedback: reply.promptFeedback } : {};
  if (isBlocked(reply))
    return envelope(ctx, { ...feedback, usageMetadata: usage(prompt, 0, reply.usageMetadata) });
  const parts = contentParts(reply);
  const candidates =
    reply.candidates ??
    [...Array(candidateCount(ctx.request)).keys()].map((i) => candidate(reply, parts, i, true));
  const n = reply.candidates ? 1 : candidates.length;
  const thoughts = thoughtTokens(reply) * n;
  const out = partTokens(parts) * n - thoughts;
  return envelope(ctx, {
    candidates,
    ...feedback,
    usageMetadata: usage(prompt, out, reply.usageMetadata, thoughts),
  });
}

/** Splits text into `n` pieces at word boundaries; the pieces concatenate back to the text. */
export function splitText(text: string, n: number): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const count = Math.max(1, Math.min(n, words.length));
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) {
    pieces.push(
      words
        .slice(Math.floor((i * words.length) / count), Math.floor(((i + 1) * words.length) / count))
        .join(''),
    );
  }
  return pieces.length > 0 ? pieces : [text];
}

/** The stream chunks for a reply (throws the scripted error, if any, before streaming). */
export function streamChunks(reply: ScriptedReply, ctx: ReplyContext): JsonObject[] {
  if (reply.error) throw scriptedError(reply.error);
  const prompt = promptCount(ctx.request);
  if (isBlocked(reply) || reply.candidates) return [unaryResponse(reply, ctx)];
  const texts =
    reply.text === undefined
      ? []
      : Array.isArray(reply.chunks)
        ? [...reply.chunks]
        : splitText(reply.text, typeof reply.chunks === 'number' ? reply.chunks : 3);
  // Chunk plan: thought first, then the text pieces, then the other parts with the last piece.
  const plan: JsonObject[][] = [];
  if (reply.thought !== undefined) plan.push([{ text: reply.thought, thought: true }]);
  for (const t of texts) plan.push([{ text: t }]);
  let rest = otherParts(reply);
  const sig = reply.thoughtSignature;
  if (sig !== undefined) {
    // Gemini 3 streams: the signature on the first function call, else in a final empty text part.
    rest = rest.some((p) => p['functionCall'] !== undefined)
      ? signed(rest, sig)
      : [...rest, { text: '', thoughtSignature: sig }];
  }
  if (rest.length > 0 || plan.length === 0) plan.push(rest);
  let produced = 0;
  const thoughts = thoughtTokens(reply);
  const chunks: JsonObject[] = plan.map((parts, i) => {
    const final = i === plan.length - 1;
    produced += parts.reduce(
      (s, p) =>
        s +
        (p['thought'] === true
          ? 0
          : typeof p['text'] === 'string'
            ? countTextTokens(p['text'])
            : partTokens([p])),
      0,
    );
    const feedback = i === 0 && reply.promptFeedback ? { promptFeedback: reply.promptFeedback } : {};
    const usageMetadata = final
      ? usage(prompt, produced, reply.usageMetadata, thoughts)
      : usage(prompt, produced, undefined, thoughts);
    return envelope(ctx, { candidates: [candidate(reply, parts, 0, final)], ...feedback, usageMetadata });
  });
  const se = reply.streamError;
  if (se) {
    const err = scriptedError(se.error).toBody();
    return [...chunks.slice(0, Math.max(0, se.afterChunks)), err as unknown as JsonObject];
  }
  return chunks;
}
