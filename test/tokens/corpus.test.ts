// Exactness on ≥ 10 MB of varied text: LocalTokenizer's ids for every document of the seeded corpus
// (test/tokens/corpus.ts) against the digests of the reference tokenizer's ids, recorded by
// scripts/tokenizer-digests.ts. reference.test.ts runs the reference itself on a random sample.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vocabulary } from '../../src/tokens/loader.js';
import type { TokenizerName } from '../../src/tokens/support.js';
import { CORPUS, corpus, digest } from './corpus.js';

interface Digests {
  corpus: { seed: number; bytes: number };
  gemma3: { reference: string; digests: string[] };
  gemma: { reference: string; digests: string[] };
}
const FIXTURE = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/reference-digests.json'), 'utf8'),
) as Digests;

describe('LocalTokenizer on the 10 MB corpus', () => {
  it('is the corpus the digests were recorded for', () => {
    expect(FIXTURE.corpus).toEqual(CORPUS);
    expect(CORPUS.bytes).toBeGreaterThanOrEqual(10 * 2 ** 20);
  });

  it.each(['gemma3', 'gemma'] as TokenizerName[])(
    'gives the reference ids for every document (%s)',
    { timeout: 180_000 },
    async (name) => {
      const vocab = await vocabulary(name);
      const want = FIXTURE[name].digests;
      const wrong: Array<{ doc: number; want: string; got: string; text: string }> = [];
      let docs = 0;
      let bytes = 0;
      const enc = new TextEncoder();
      for (const doc of corpus(CORPUS.seed, CORPUS.bytes)) {
        const got = digest(vocab.encode(doc));
        if (got !== want[docs]) wrong.push({ doc: docs, want: want[docs]!, got, text: doc.slice(0, 60) });
        bytes += enc.encode(doc).length;
        docs++;
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(docs).toBe(want.length);
      expect(bytes).toBeGreaterThanOrEqual(10 * 2 ** 20);
    },
  );
});
