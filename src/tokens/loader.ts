// Loads a vocabulary on first use and keeps it for the process: it is immutable data, shared by every
// LocalTokenizer that needs it. The vocabularies ship with the SDK as binary files next to the code
// (src/tokens/vocab/<name>.bin, dist/vocab/<name>.bin) in a layout that needs no parsing (vocab-format.ts):
// Node reads the file; browsers and workers fetch it (bundlers that understand
// `new URL('…', import.meta.url)`, such as Vite and webpack, emit it as an asset).
import { readShippedFile } from '#platform';
import { GeminiError } from '../core/errors.js';
import { BpeEncoder } from './bpe.js';
import type { TokenizerName } from './support.js';
import { readVocab } from './vocab-format.js';

/** What LocalTokenizer uses of a vocabulary. */
export interface Vocabulary {
  /** Token ids of a text (no BOS/EOS). */
  encode(text: string): number[];
  /** The SentencePiece pieces of token ids (`▁` marks a space). */
  pieces(ids: readonly number[]): string[];
}

// Literal URLs, so that bundlers see the files. In the CommonJS build `import.meta.url` is empty and the
// file is found next to the built code instead (Node).
const FILES: Readonly<Record<TokenizerName, () => URL | string>> = {
  gemma3: () => (import.meta.url ? new URL('./vocab/gemma3.bin', import.meta.url) : 'vocab/gemma3.bin'),
  gemma: () => (import.meta.url ? new URL('./vocab/gemma.bin', import.meta.url) : 'vocab/gemma.bin'),
};

const loaded = new Map<TokenizerName, Promise<Vocabulary>>();

async function load(name: TokenizerName): Promise<Vocabulary> {
  let encoder: BpeEncoder;
  try {
    encoder = new BpeEncoder(readVocab(await readShippedFile(FILES[name]())));
  } catch (e) {
    throw new GeminiError(`LocalTokenizer could not load the ${name} vocabulary`, { cause: e });
  }
  return {
    encode: (text) => encoder.encode(text),
    pieces: (ids) => ids.map((id) => encoder.piece(id)),
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
