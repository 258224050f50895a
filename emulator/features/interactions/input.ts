/**
 * Interaction input: a string, one content, a list of contents (one user turn) or a list of steps,
 * normalized to steps for history; the checks the service makes on it (content/step types, function
 * results answering pending calls); and what the deterministic reply reads from it.
 */
import { invalidArgument } from '../../errors.js';
import { countTextTokens, MEDIA_TOKENS } from '../generation/tokens.js';
import { isObj } from '../../json.js';

/** A wire object (snake_case keys). */
export type Obj = Record<string, unknown>;

const CONTENT_TYPES = new Set(['text', 'image', 'audio', 'video', 'document']);
const STEP_TYPES = new Set([
  'user_input',
  'model_output',
  'thought',
  'function_call',
  'function_result',
  ...[
    'google_search',
    'url_context',
    'code_execution',
    'google_maps',
    'file_search',
    'mcp_server_tool',
    'retrieval',
  ].flatMap((t) => [`${t}_call`, `${t}_result`]),
]);

/** The input as steps: a string or contents become one `user_input` step; steps stay as sent. */
export function inputSteps(input: unknown): Obj[] {
  if (typeof input === 'string') return [{ type: 'user_input', content: [{ type: 'text', text: input }] }];
  const items = Array.isArray(input) ? input : [input];
  if (items.length === 0) throw invalidArgument('* CreateInteractionRequest.input: input is not specified\n');
  const kinds = items.map((item, i) => {
    const type = isObj(item) ? item['type'] : undefined;
    if (typeof type !== 'string') throw invalidArgument(`input[${i}]: every content or step needs a "type".`);
    if (CONTENT_TYPES.has(type)) return 'content';
    if (STEP_TYPES.has(type)) return 'step';
    throw invalidArgument(`input[${i}]: unknown content or step type "${type}".`);
  });
  if (kinds.every((k) => k === 'content')) return [{ type: 'user_input', content: items }];
  if (kinds.some((k) => k === 'content')) {
    throw invalidArgument('input: a list holds either contents (one user turn) or steps, not both.');
  }
  return items as Obj[];
}

/** `function_call` steps that no later `function_result` in `steps` answers. */
export function pendingCalls(steps: readonly Obj[]): Obj[] {
  const answered = new Set(steps.filter((s) => s['type'] === 'function_result').map((s) => s['call_id']));
  return steps.filter((s) => s['type'] === 'function_call' && !answered.has(s['id']));
}

/**
 * Checks that function results answer calls that exist, and that every call left pending by the
 * previous interaction (`requires_action`) is answered now.
 */
export function checkFunctionResults(history: readonly Obj[], input: readonly Obj[]): void {
  const calls = new Set(
    [...history, ...input].filter((s) => s['type'] === 'function_call').map((s) => s['id']),
  );
  for (const [i, step] of input.entries()) {
    if (step['type'] !== 'function_result') continue;
    const id = step['call_id'];
    if (typeof id !== 'string' || id === '')
      throw invalidArgument(`input[${i}].call_id: call_id is not specified.`);
    if (!calls.has(id)) throw invalidArgument(`input[${i}].call_id: no function call with id "${id}".`);
  }
  const missing = pendingCalls([...history, ...input]).map((s) => String(s['id']));
  if (missing.length > 0) {
    throw invalidArgument(
      `The previous interaction is waiting for function results: call_id ${missing.join(', ')}.`,
    );
  }
}

/** The text the echo reply repeats: the last user text, or the last function results (`name: result`). */
export function lastUserText(steps: readonly Obj[]): string | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step['type'] === 'function_result') {
      const results: string[] = [];
      for (let j = i; j >= 0 && steps[j]!['type'] === 'function_result'; j--) {
        const r = steps[j]!;
        results.unshift(`${String(r['name'] ?? r['call_id'])}: ${JSON.stringify(r['result'] ?? null)}`);
      }
      return results.join('; ');
    }
    if (step['type'] !== 'user_input') continue;
    const texts = (Array.isArray(step['content']) ? step['content'] : []).flatMap((c: unknown) =>
      isObj(c) && c['type'] === 'text' && typeof c['text'] === 'string' ? [c['text']] : [],
    );
    if (texts.length > 0) return texts.join('');
  }
  return undefined;
}

/** Tokens of steps by lowercase modality: text by words, media at the fixed per-item cost. */
export function countTokens(steps: readonly Obj[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (modality: string, n: number): void => void out.set(modality, (out.get(modality) ?? 0) + n);
  const content = (c: unknown): void => {
    if (!isObj(c)) return;
    if (c['type'] === 'text') add('text', countTextTokens(String(c['text'] ?? '')));
    else if (typeof c['type'] === 'string') add(c['type'], MEDIA_TOKENS[c['type'].toUpperCase()] ?? 0);
  };
  for (const step of steps) {
    switch (step['type']) {
      case 'user_input':
      case 'model_output':
        for (const c of Array.isArray(step['content']) ? step['content'] : []) content(c);
        break;
      case 'thought':
        break; // signatures are opaque and free
      case 'function_call':
        add(
          'text',
          countTextTokens(`${String(step['name'] ?? '')} ${JSON.stringify(step['arguments'] ?? {})}`),
        );
        break;
      default:
        add('text', countTextTokens(JSON.stringify(step['result'] ?? step['arguments'] ?? '')));
    }
  }
  return out;
}
