/**
 * A tiny baseline JPEG encoder for solid-colour images (JFIF, YCbCr 4:4:4, quantisation 1). A flat
 * 8×8 block has only a DC coefficient, so the scan is: the first block's DC per component, then
 * "no change + end of block" for every other block, with Huffman tables holding just the symbols
 * used. Any decoder reads it back as the exact colour (up to YCbCr rounding).
 */
import type { Rgb } from './png.js';

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

/** JFIF RGB → YCbCr. */
function toYCbCr([r, g, b]: Rgb): [number, number, number] {
  return [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
    clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
  ];
}

/** Bits needed for |v| (the JPEG "category"). */
const category = (v: number): number => (v === 0 ? 0 : Math.floor(Math.log2(Math.abs(v))) + 1);

/** Huffman code of each symbol, canonical, lengths 1, 2, 3… in symbol order (never all ones). */
function codes(symbols: readonly number[]): Map<number, { code: number; length: number }> {
  const out = new Map<number, { code: number; length: number }>();
  let code = 0;
  symbols.forEach((s, i) => {
    out.set(s, { code, length: i + 1 });
    code = (code + 1) << 1;
  });
  return out;
}

/** A DHT segment body for one table. */
function dht(tableClass: number, symbols: readonly number[]): number[] {
  const counts = new Array<number>(16).fill(0);
  symbols.forEach((_, i) => (counts[i] = 1));
  return [tableClass << 4, ...counts, ...symbols];
}

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((code >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  /** `count` zero bits, bytewise once aligned. */
  zeros(count: number): void {
    let left = count;
    while (left > 0 && this.n !== 0) {
      this.write(0, 1);
      left--;
    }
    for (; left >= 8; left -= 8) this.bytes.push(0);
    this.write(0, left);
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }

  /** Pads the last byte with 1 bits. */
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1);
    return this.bytes;
  }
}

const segment = (marker: number, body: readonly number[]): number[] => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];

/** A `width`×`height` baseline JPEG filled with `rgb`. */
export function solidJpeg(width: number, height: number, rgb: Rgb): Buffer {
  // With an all-ones quantisation table the DC coefficient of a flat block is 8·(sample − 128).
  const dc = toYCbCr(rgb).map((s) => 8 * (s - 128));
  const dcSymbols = [...new Set([0, ...dc.map(category)])].sort((a, b) => a - b);
  const dcCodes = codes(dcSymbols);
  const eob = { code: 0, length: 1 }; // the AC table holds only EOB (0x00)
  const bits = new BitWriter();
  for (const diff of dc) {
    const cat = category(diff);
    const h = dcCodes.get(cat) ?? eob;
    bits.write(h.code, h.length);
    if (cat > 0) bits.write(diff >= 0 ? diff : diff + (1 << cat) - 1, cat);
    bits.write(eob.code, eob.length);
  }
  // Every later block repeats the DC (difference 0, code "0") then EOB ("0"): 2 zero bits per block.
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  bits.zeros((blocks - 1) * dc.length * 2);
  const dims = [height >> 8, height & 0xff, width >> 8, width & 0xff];
  return Buffer.from([
    0xff,
    0xd8, // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // APP0 JFIF 1.01
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]), // DQT 0: all ones
    ...segment(0xc0, [8, ...dims, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]), // SOF0, 3 components
    ...segment(0xc4, [...dht(0, dcSymbols), ...dht(1, [0])]), // DHT: DC 0, AC 0
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]), // SOS
    ...bits.finish(),
    0xff,
    0xd9, // EOI
  ]);
}
