/**
 * Gemini GenerateContentResponse → OpenAI `chat.completion` / `chat.completion.chunk`, as the
 * compatibility layer answers (recorded): tool calls with the Gemini call id (`""` when the model gave
 * none), the thought signature under `extra_content.google`, usage totals that include thinking tokens.
 */
import { isObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;
type Out = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** What every completion object of one call shares. */
export interface CompletionHead {
  readonly id: string;
  readonly created: number;
  /** The model as the client named it. */
  readonly model: string;
}

/** Gemini finishReason → OpenAI finish_reason. */
function finishReason(reason: unknown, calls: boolean): string | null {
  if (reason === undefined || reason === null) return null;
  if (calls) return 'tool_calls';
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  return 'content_filter';
}

/** The answer text, tool calls and signature of a candidate's parts. */
function readParts(candidate: Obj): {
  text: string | undefined;
  calls: Out[];
  signature: string | undefined;
} {
  const content = isObj(candidate['content']) ? candidate['content'] : {};
  let text: string | undefined;
  const calls: Out[] = [];
  let signature: string | undefined;
  for (const p of list(content['parts']).filter(isObj)) {
    if (signature === undefined && typeof p['thoughtSignature'] === 'string')
      signature = p['thoughtSignature'];
    if (p['thought'] === true) continue;
    if (typeof p['text'] === 'string') text = (text ?? '') + p['text'];
    if (isObj(p['functionCall'])) {
      const fc = p['functionCall'];
      calls.push({
        function: { arguments: JSON.stringify(fc['args'] ?? {}), name: String(fc['name']) },
        id: typeof fc['id'] === 'string' ? fc['id'] : '',
        type: 'function',
      });
    }
  }
  return { text, calls, signature };
}

const signed = (signature: string | undefined): Out =>
  signature === undefined ? {} : { extra_content: { google: { thought_signature: signature } } };

/** OpenAI usage from usageMetadata (total as the service counts it: thinking included). */
function usage(response: Obj): Out {
  const u = isObj(response['usageMetadata']) ? response['usageMetadata'] : {};
  const prompt = typeof u['promptTokenCount'] === 'number' ? u['promptTokenCount'] : 0;
  const completion = typeof u['candidatesTokenCount'] === 'number' ? u['candidatesTokenCount'] : 0;
  const total = typeof u['totalTokenCount'] === 'number' ? u['totalTokenCount'] : prompt + completion;
  return { completion_tokens: completion, prompt_tokens: prompt, total_tokens: total };
}

/** A unary response as a `chat.completion`. */
export function completion(response: Obj, head: CompletionHead): Out {
  const choices = list(response['candidates'])
    .filter(isObj)
    .map((c, i) => {
      const { text, calls, signature } = readParts(c);
      return {
        finish_reason: finishReason(c['finishReason'] ?? 'STOP', calls.length > 0),
        index: typeof c['index'] === 'number' ? c['index'] : i,
        message: {
          content: text ?? null,
          role: 'assistant',
          ...signed(signature),
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
        },
      };
    });
  return {
    choices,
    created: head.created,
    id: head.id,
    model: head.model,
    object: 'chat.completion',
    usage: usage(response),
  };
}

/** One stream chunk as a `chat.completion.chunk` (the role on the first; usage on the last). */
export function completionChunk(response: Obj, head: CompletionHead, first: boolean): Out {
  let last = false;
  const choices = list(response['candidates'])
    .filter(isObj)
    .map((c, i) => {
      const { text, calls, signature } = readParts(c);
      const reason = finishReason(c['finishReason'], calls.length > 0);
      if (reason !== null) last = true;
      return {
        delta: {
          ...(text !== undefined ? { content: text } : {}),
          ...(first ? { role: 'assistant' } : {}),
          ...signed(signature),
          ...(calls.length > 0 ? { tool_calls: calls.map((call, index) => ({ index, ...call })) } : {}),
        },
        finish_reason: reason,
        index: typeof c['index'] === 'number' ? c['index'] : i,
      };
    });
  return {
    choices,
    created: head.created,
    id: head.id,
    model: head.model,
    object: 'chat.completion.chunk',
    ...(last ? { usage: usage(response) } : {}),
  };
}
