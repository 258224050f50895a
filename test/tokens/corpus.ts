// A deterministic, seeded corpus of varied text for the tokenizer exactness tests: prose in several
// scripts (Latin, CJK, Arabic, Devanagari, Cyrillic, Thai), code, JSON, emoji and ZWJ sequences,
// control characters, very long runs without spaces, whitespace runs, lone surrogates, empty documents,
// strings that contain added tokens (`<start_of_turn>`, `<b>`, "\n\n", "▁▁"), and random code points of
// every plane. The same seed always gives the same documents (scripts/tokenizer-digests.ts records the
// reference tokenizer's ids for them; test/tokens/corpus.test.ts compares).

import { createHash } from 'node:crypto';

/** `count:sha256-prefix` of a document's ids (64 bits of digest are plenty to tell lists apart). */
export function digest(ids: readonly number[]): string {
  return `${ids.length}:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;
}

/** A small fast PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const range = (r: Rand, lo: number, hi: number): string => String.fromCodePoint(int(r, lo, hi));

const LATIN = (
  'the of and to in is that it was for on are with as his they be at one have this from or had by word but ' +
  'what some we can out other were all there when up use your how said an each she which do their time if ' +
  'will way about many then them write would like so these her long make thing see him two has look more ' +
  'naïve café résumé façade Straße über Ålesund señor niño żółw čeština Ärger œuvre déjà-vu coöperate'
).split(' ');
const CYRILLIC = 'привет мир как дела это просто текст для проверки токенизатора Москва'.split(' ');
const ARABIC = 'مرحبا بالعالم هذا نص عربي للاختبار الكتاب المدرسة السلام عليكم شكرا'.split(' ');
const DEVANAGARI = 'नमस्ते दुनिया यह एक परीक्षण है हिन्दी भाषा में लिखा गया पाठ क्षत्रिय'.split(' ');
const THAI = 'สวัสดีครับ ภาษาไทย ทดสอบ การตัดคำ'.split(' ');
const CJK_WORDS =
  '東京 大阪 日本語 中文 汉字 漢字 学生 先生 今日は 晴れ です ありがとう 한국어 안녕하세요 서울'.split(' ');
const EMOJI = ['🙂', '😀', '🚀', '👍🏽', '🇯🇵', '🏳️‍🌈', '👩‍👩‍👧‍👦', '👨🏻‍💻', '❤️', '🧑‍🤝‍🧑', '🐈‍⬛', '1️⃣', '🫠', '🤌🏿'];
const CODE = [
  'function f(x) { return x * 2; }',
  'const xs = [1, 2, 3].map((n) => n ** 2);',
  'if (a !== b && c >= d) {\n\tconsole.log(`${a}:${b}`);\n}',
  'def main():\n    print("hello")\n    return 0\n',
  '#include <stdio.h>\nint main(void) { printf("%d\\n", 42); }',
  'SELECT id, name FROM users WHERE age > 21 ORDER BY name;',
  '<div class="x"><b>bold</b> <i>it</i></div>',
  'fn main() -> Result<(), Box<dyn Error>> { Ok(()) }',
  '    indented    with    spaces\t\tand\ttabs',
  '$ npm install --save-dev typescript@5.9.3 && npx tsc --noEmit',
];
const SPECIAL = [
  '<start_of_turn>',
  '<end_of_turn>',
  '<bos>',
  '<eos>',
  '<pad>',
  '<unk>',
  '<mask>',
  '<b>',
  '</b>',
  '<table>',
  '<unused17>',
  '<start_of_image>',
  '<image_soft_token>',
  '[multimodal]',
  '▁▁',
  '▁',
  '\n\n',
  '\n\n\n\n',
  '\t\t',
  '<',
  '>',
  '</',
  '> </',
  '<start_of',
  '<0x41>',
  '[@BOS@]',
  '<2mass>',
];

function words(r: Rand, list: readonly string[], n: number, sep = ' '): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = pick(r, list);
    if (r() < 0.1) w = w[0]!.toUpperCase() + w.slice(1);
    out.push(w);
    if (r() < 0.08) out.push(pick(r, ['.', ',', '!', '?', ';', ':', ' —', '\n', '\n\n', '...']));
  }
  return out.join(sep);
}

function json(r: Rand, depth = 0): unknown {
  const k = r();
  if (depth > 3 || k < 0.3)
    return pick(r, [null, true, false, int(r, -1e6, 1e6), r() * 1000, pick(r, LATIN)]);
  if (k < 0.6) return Array.from({ length: int(r, 0, 5) }, () => json(r, depth + 1));
  return Object.fromEntries(
    Array.from({ length: int(r, 0, 5) }, () => [pick(r, LATIN) + int(r, 0, 99), json(r, depth + 1)]),
  );
}

/** Random code points: mostly assigned planes, some astral, some lone surrogates and controls. */
function codePoints(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.3) s += range(r, 0x20, 0x7e);
    else if (k < 0.45) s += range(r, 0xa0, 0x24f);
    else if (k < 0.6) s += range(r, 0x4e00, 0x9fff);
    else if (k < 0.7) s += range(r, 0x1f300, 0x1faff);
    else if (k < 0.78) s += range(r, 0x10000, 0x10ffff);
    else if (k < 0.84) s += range(r, 0, 0x1f);
    else if (k < 0.88)
      s += String.fromCharCode(int(r, 0xd800, 0xdfff)); // lone surrogate
    else if (k < 0.94)
      s += range(r, 0x300, 0x36f); // combining marks
    else s += range(r, 0x2000, 0x2bff);
  }
  return s;
}

const KINDS: ReadonlyArray<(r: Rand) => string> = [
  (r: Rand) => words(r, LATIN, int(r, 20, 400)),
  (r: Rand) => words(r, CJK_WORDS, int(r, 20, 300), ''),
  (r: Rand) => words(r, ARABIC, int(r, 20, 300)),
  (r: Rand) => words(r, DEVANAGARI, int(r, 20, 300)),
  (r: Rand) => words(r, [...CYRILLIC, ...THAI], int(r, 20, 300)),
  (r: Rand) => Array.from({ length: int(r, 2, 30) }, () => pick(r, CODE)).join(pick(r, ['\n', '\n\n', ' '])),
  (r: Rand) => JSON.stringify(json(r), null, pick(r, [0, 2, '\t'])),
  (r: Rand) => Array.from({ length: int(r, 5, 200) }, () => pick(r, EMOJI)).join(pick(r, ['', ' ', '‍'])),
  (r: Rand) => codePoints(r, int(r, 10, 2000)),
  // very long runs without spaces
  (r: Rand) =>
    pick(r, ['a', 'ab', 'x', '東', '=', '-', '0', '🙂', '▁', '\n', '\t', '.']).repeat(int(r, 100, 20000)),
  (r: Rand) => words(r, [...LATIN, ...CJK_WORDS, ...ARABIC], int(r, 50, 3000), ''),
  (r: Rand) =>
    Array.from({ length: int(r, 1, 40) }, () => ' '.repeat(int(r, 1, 40)) + pick(r, LATIN)).join(''),
  (r: Rand) =>
    Array.from({ length: int(r, 5, 200) }, () => (r() < 0.5 ? pick(r, SPECIAL) : pick(r, LATIN))).join(
      pick(r, ['', ' ']),
    ),
  () => '',
  // everything mixed
  (r: Rand) =>
    Array.from({ length: int(r, 3, 12) }, () => pick(r, KINDS.slice(0, 13))(r)).join(
      pick(r, ['\n', ' ', '']),
    ),
];

/** The documents of the corpus for `seed`, until their UTF-8 size reaches `bytes`. */
export function* corpus(seed: number, bytes: number): Generator<string> {
  const r = prng(seed);
  const enc = new TextEncoder();
  let total = 0;
  while (total < bytes) {
    const doc = pick(r, KINDS)(r);
    total += enc.encode(doc).length;
    yield doc;
  }
}

/** The corpus the committed digests were made from: seed and size. */
export const CORPUS = { seed: 20260, bytes: 10.5 * 2 ** 20 } as const;
