/**
 * The real Gemma SentencePiece vocabularies for `countTokens`: the emulator counts text with the SDK's
 * own encoder and the vocabulary files it ships (src/tokens), with the same model → vocabulary table and
 * per-turn overhead as `LocalTokenizer`, so the two always agree. For models no vocabulary covers,
 * counting falls back to the deterministic word rule of tokens.ts. A vocabulary loads once per process
 * on first use (a few hundred milliseconds) and is shared by every emulator in it.
 */
import { vocabulary } from '../../../src/tokens/loader.js';
import { tokenizerFor, turnOverhead } from '../../../src/tokens/support.js';

/** How the emulator counts text for one model. */
export interface TextTokens {
  /** Tokens of a text. */
  readonly count: (text: string) => number;
  /** Tokens added per turn that has a role. */
  readonly perTurn: number;
}

/** The real vocabulary count for `model` (`models/x`), or `undefined` to use the word rule. */
export async function vocabularyFor(model: string): Promise<TextTokens | undefined> {
  const name = tokenizerFor(model);
  if (!name) return undefined;
  const vocab = await vocabulary(name).catch(() => undefined); // unreadable data: the word rule counts
  if (!vocab) return undefined;
  return { count: (text) => (text === '' ? 0 : vocab.encode(text).length), perTurn: turnOverhead(model) };
}
