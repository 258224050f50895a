/**
 * Thought signatures. Gemini 3 models attach an opaque `thoughtSignature` to their answer (the first
 * function call of a step, else the answer text) and reject a request whose current turn carries a
 * function call without its signature; the emulator does both, so tests can prove an SDK returns
 * signatures untouched. Scripts can set a signature for any model with `thoughtSignature`.
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../../errors.js';
import { isObj } from '../../json.js';

declare module '../../control/replies.js' {
  interface ScriptedReply {
    /**
     * A thought signature: on the first function call part, else on the answer (streaming: in a final
     * `{ text: '', thoughtSignature }` part, as Gemini 3 streams it).
     */
    readonly thoughtSignature?: string;
  }
}

type Obj = Readonly<Record<string, unknown>>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A deterministic signature for a reply of `model` (base64, like the service's). */
export function signature(model: string, reply: unknown): string {
  const digest = createHash('sha256')
    .update(`emulator-thought:${model}:${JSON.stringify(reply)}`)
    .digest();
  return Buffer.concat([Buffer.from('emu1'), digest]).toString('base64');
}

/** Whether the model validates signatures (Gemini 3 family). */
export const requiresSignatures = (model: string): boolean => /^models\/gemini-3/.test(model);

/**
 * Rejects a Gemini 3 request whose current turn (the turns after the last user text) has a model step
 * whose first function call lacks a thoughtSignature. Wording from the service's public answers.
 */
export function checkSignatures(request: Obj, model: string): void {
  if (!requiresSignatures(model)) return;
  const contents = list(request['contents']);
  let start = 0;
  contents.forEach((c, i) => {
    if (
      isObj(c) &&
      c['role'] !== 'model' &&
      list(c['parts']).some((p) => isObj(p) && typeof p['text'] === 'string')
    )
      start = i + 1;
  });
  for (let i = start; i < contents.length; i++) {
    const c = contents[i];
    if (!isObj(c) || c['role'] !== 'model') continue;
    const parts = list(c['parts']);
    const at = parts.findIndex((p) => isObj(p) && isObj(p['functionCall']));
    const first = parts[at];
    if (at >= 0 && isObj(first) && typeof first['thoughtSignature'] !== 'string') {
      const name = isObj(first['functionCall']) ? String(first['functionCall']['name']) : '';
      throw invalidArgument(
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${i + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    }
  }
}
