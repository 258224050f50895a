/**
 * The real Gemma SentencePiece vocabularies for `countTokens`, when the optional `@lenml/tokenizer-*`
 * package is installed: the emulator then counts text exactly as the SDK's `LocalTokenizer` does (same
 * model → vocabulary table and per-turn overhead, read from src/tokens/support.ts, a pure data module),
 * so the two agree. Without the package, or for models no installed vocabulary covers, counting falls
 * back to the deterministic word rule of tokens.ts. A vocabulary loads once per process on first use
 * (about two seconds) and is shared by every emulator in it.
 */
import {
  TOKENIZER_PACKAGES,
  tokenizerFor,
  turnOverhead,
  type TokenizerName,
} from '../../../src/tokens/support.js';

/** How the emulator counts text for one model. */
export interface TextTokens {
  /** Tokens of a text. */
  readonly count: (text: string) => number;
  /** Tokens added per turn that has a role. */
  readonly perTurn: number;
}

interface LenmlModule {
  fromPreTrained(): { encode(text: string, options: { add_special_tokens: boolean }): number[] };
}

const loaded = new Map<TokenizerName, Promise<((text: string) => number) | undefined>>();

function load(name: TokenizerName): Promise<((text: string) => number) | undefined> {
  let p = loaded.get(name);
  if (!p) {
    p = import(/* @vite-ignore */ TOKENIZER_PACKAGES[name]).then(
      (mod: LenmlModule) => {
        const tok = mod.fromPreTrained();
        return (text: string) => (text === '' ? 0 : tok.encode(text, { add_special_tokens: false }).length);
      },
      () => undefined, // not installed: the word rule counts
    );
    loaded.set(name, p);
  }
  return p;
}

/** The real vocabulary count for `model` (`models/x`), or `undefined` to use the word rule. */
export async function vocabularyFor(model: string): Promise<TextTokens | undefined> {
  const name = tokenizerFor(model);
  if (!name) return undefined;
  const count = await load(name);
  return count ? { count, perTurn: turnOverhead(model) } : undefined;
}
