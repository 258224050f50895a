// Token counts for a `tokensPerMinute` budget: the local tokenizer (its vocabularies ship with the SDK)
// when it knows the model, else ~4 characters a token. Counts only steer pacing: the real usage
// from each response replaces the estimate in the budget.
import { LocalTokenizer } from '../tokens/local-tokenizer.js';
import { textLength } from './methods.js';
import type { BulkOptions } from './types.js';

/** Tokens of an input, the cheap way: ~4 characters a token (at least 1). */
export function estimateTokens(input: unknown): number {
  return Math.max(1, Math.ceil(textLength(input) / 4));
}

/** A counter for the run's `tokenizer` option. */
export function tokenCounter(option: BulkOptions['tokenizer']): (input: unknown) => Promise<number> {
  if (typeof option === 'function') return async (input) => Number(await option(input)) || 0;
  if (option === 'estimate') return async (input) => estimateTokens(input);
  // `local`: one tokenizer per model; a model it does not know, or a vocabulary that fails to load, falls back for good.
  const byModel = new Map<string, Promise<LocalTokenizer | undefined>>();
  const tokenizerFor = (model: string): Promise<LocalTokenizer | undefined> => {
    let t = byModel.get(model);
    if (!t) {
      t = LocalTokenizer.supports(model)
        ? (async () => {
            const tok = new LocalTokenizer(model);
            await tok.load();
            return tok;
          })().catch(() => undefined)
        : Promise.resolve(undefined);
      byModel.set(model, t);
    }
    return t;
  };
  return async (input) => {
    const i = input as {
      model?: unknown;
      contents?: unknown;
      content?: unknown;
      systemInstruction?: unknown;
    };
    const tok = typeof i.model === 'string' ? await tokenizerFor(i.model) : undefined;
    if (!tok) return estimateTokens(input);
    try {
      const contents = (i.contents ?? i.content) as Parameters<LocalTokenizer['countTokens']>[0];
      const { totalTokens } = await tok.countTokens(
        i.systemInstruction === undefined
          ? contents
          : { contents: contents as never, systemInstruction: i.systemInstruction as never },
      );
      return Math.max(1, totalTokens);
    } catch {
      return estimateTokens(input); // media parts and other shapes the local count does not cover
    }
  };
}
