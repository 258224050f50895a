// Chat history rules shared with the official SDKs: which turns are valid, and the curated history
// (what is sent) that leaves out a model answer that was empty or blocked together with the user
// turn that asked for it.
import type { Content } from '../../generated/types/Content.js';
import { InvalidArgumentError } from '../core/errors.js';

/** A model turn is valid when it has parts and none is empty (`{}` or a lone `text: ''`). */
export function isValidContent(content: Content): boolean {
  const parts = content.parts;
  if (!parts?.length) return false;
  for (const p of parts) {
    const keys = Object.keys(p);
    if (keys.length === 0 || (keys.length === 1 && p.text === '')) return false;
  }
  return true;
}

/**
 * The curated history: user turns are kept; each run of consecutive model turns is kept only if all
 * of them are valid, otherwise it is dropped together with the user turn before it.
 */
export function curateHistory(history: readonly Content[]): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < history.length;) {
    if (history[i]!.role !== 'model') {
      out.push(history[i++]!);
      continue;
    }
    const run: Content[] = [];
    let valid = true;
    while (i < history.length && history[i]!.role === 'model') {
      const c = history[i++]!;
      run.push(c);
      if (!isValidContent(c)) valid = false;
    }
    if (valid) out.push(...run);
    else out.pop();
  }
  return out;
}

/** Checks a history given by the user: every turn has a `user` or `model` role and a parts array. */
export function checkHistory(history: readonly Content[]): void {
  history.forEach((c, i) => {
    if (c.role !== 'user' && c.role !== 'model') {
      throw new InvalidArgumentError(
        `history[${i}].role: expected "user" or "model", got ${JSON.stringify(c.role)}`,
      );
    }
    if (!Array.isArray(c.parts)) throw new InvalidArgumentError(`history[${i}].parts: expected an array`);
  });
}
