// Loads a vocabulary on first use and keeps it for the process: it is immutable data, shared by every
// LocalTokenizer that needs it. The vocabularies ship with the SDK as binary files next to the code
// (src/tokens/vocab/<name>.bin, dist/vocab/<name>.bin) in a layout that needs no parsing (vocab-format.ts):
// Node reads the file; browsers and workers fetch it (bundlers that understand
// `new URL('…', import.meta.url)`, such as Vite and webpack, emit it as an asset).
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
// file is found from `__dirname` instead.
const FILES: Readonly<Record<TokenizerName, () => URL | string>> = {
  gemma3: () => (import.meta.url ? new URL('./vocab/gemma3.bin', import.meta.url) : 'gemma3.bin'),
  gemma: () => (import.meta.url ? new URL('./vocab/gemma.bin', import.meta.url) : 'gemma.bin'),
};

const loaded = new Map<TokenizerName, Promise<Vocabulary>>();

async function load(name: TokenizerName): Promise<Vocabulary> {
  let encoder: BpeEncoder;
  try {
    encoder = new BpeEncoder(readVocab(await read(FILES[name]())));
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

// Hidden from bundlers: only the Node branch imports them.
const NODE_FS = 'node:fs/promises';
const NODE_URL = 'node:url';
const NODE_PATH = 'node:path';

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
}

async function read(file: URL | string): Promise<Uint8Array> {
  if (typeof file === 'string' || file.protocol === 'file:') {
    const fs = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS)) as NodeFs;
    let path: string;
    if (typeof file === 'string') {
      const { join } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_PATH)) as {
        join(...p: string[]): string;
      };
      path = join(__dirname, 'vocab', file);
    } else {
      const { fileURLToPath } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_URL)) as {
        fileURLToPath(u: URL): string;
      };
      path = fileURLToPath(file);
    }
    return fs.readFile(path);
  }
  const res = await fetch(file);
  if (!res.ok) throw new Error(`${file.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
