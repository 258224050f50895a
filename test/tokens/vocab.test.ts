// The committed vocabularies (src/tokens/vocab/*.bin) are exactly what scripts/build-vocab.ts builds from
// the reference packages' tokenizer.json (devDependencies, offline): the `generate:check` of the tokenizer.
import { describe, expect, it } from 'vitest';
import { run } from '../../scripts/build-vocab.js';

describe('tokenizer vocabularies', () => {
  it('match what scripts/build-vocab.ts builds from the reference packages', { timeout: 240_000 }, () => {
    expect(run(true)).toEqual([]);
  });
});
