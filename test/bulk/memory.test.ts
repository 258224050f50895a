// Memory stays flat over a large JSONL input: 100,000 lines (~13 MB) whose results all sit in the
// journal of an earlier run are read, matched and replayed in input order without holding the input,
// the results or the journal (bench/bulk-memory.ts measures 1,000,000 lines, and live requests).
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { Gemini } from '../../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const LINES = 100_000;

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'bulk-memory-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function write(path: string, line: (i: number) => string, header?: string): Promise<void> {
  const out = createWriteStream(path);
  if (header) out.write(`${header}\n`);
  for (let i = 0; i < LINES; i++) if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

describe('bulk memory', () => {
  it(`replays ${LINES.toLocaleString()} journaled lines with a flat heap`, async () => {
    const input = join(dir, 'in.jsonl');
    const journal = join(dir, 'journal');
    await write(input, (i) =>
      JSON.stringify({
        key: `k${i}`,
        request: { contents: [{ parts: [{ text: `prompt ${i} `.repeat(8) }] }] },
      }),
    );
    await write(
      journal,
      (i) =>
        JSON.stringify({
          i,
          k: `k${i}`,
          r: { candidates: [{ content: { parts: [{ text: `answer ${i} `.repeat(8) }], role: 'model' } }] },
        }),
      JSON.stringify({ journal: 'gemini-ts bulk journal', method: 'generateContent', version: 1 }),
    );
    const bytes = statSync(input).size + statSync(journal).size;
    expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
    const client = new Gemini({ apiKey: 'test-key', baseUrl: emu.url });
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    for await (const r of client.bulk.generateContent(input, { model: 'gemini-2.5-flash', journal })) {
      if (r.index !== n || !r.resumed || !r.ok) throw new Error(`unexpected result at ${n}`);
      n++;
      if (n % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    expect(n).toBe(LINES);
    expect(emu.control.requests).toHaveLength(0);
    // The journal index is 12 bytes an item (1.2 MB here); everything else is a chunk and a line.
    expect(peak).toBeLessThan(12 * 1024 * 1024);
  }, 120_000);
});
