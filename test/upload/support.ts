// Shared setup of the upload, files and file-search tests: an emulator per test, a client on it,
// deterministic data and sha256 helpers.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { Gemini } from '../../src/client.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An emulator (closed after the test) and a client pointed at it. */
export async function setup(
  options: EmulatorOptions = {},
): Promise<{ emu: RunningEmulator; client: Gemini }> {
  const emu = await startEmulator(options);
  running.push(emu);
  return { emu, client: new Gemini({ apiKey: 'test-key', baseUrl: emu.url, maxRetries: 0 }) };
}

/** Fast backoff for recovery tests. */
export const FAST = { backoff: { baseDelay: 2, maxDelay: 10 } } as const;

/** `n` deterministic pseudo-random bytes. */
export function bytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 255;
  }
  return out;
}

/** Hex sha256. */
export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Writes `data` to a temp file (removed after the file's tests) and returns its path. */
export function tempFile(data: Uint8Array, name = 'data.bin'): string {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-upload-'));
  dirs.push(dir);
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** A temp directory removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-upload-'));
  dirs.push(dir);
  return dir;
}

/** A web ReadableStream yielding `data` in pieces of `piece` bytes. */
export function webStream(data: Uint8Array, piece = 1000): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (i >= data.length) return c.close();
      c.enqueue(data.slice(i, i + piece));
      i += piece;
    },
  });
}

/** An async generator yielding `data` in pieces of `piece` bytes. */
export async function* pieces(data: Uint8Array, piece = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += piece) yield data.subarray(i, i + piece);
}
