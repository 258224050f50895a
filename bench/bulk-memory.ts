// Memory of a bulk run over a large JSONL file: `npx tsx bench/bulk-memory.ts [lines] [--journal|--replay]`
// (default 1,000,000 lines; needs `npm run build`). Writes the file, runs client.bulk.generateContent
// over it (streamed, concurrency 64, completion order) against an emulator in its own process, and
// samples this process's heap and RSS as it goes: flat means the input is never held. `--replay` first
// writes a journal in which every item has finished (a response like the emulator's), so the run reads
// the whole input and every result back from disk without a request: the runner's own memory over a
// million lines in about a minute, where a million requests to the emulator take far longer.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lines = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const replay = process.argv.includes('--replay');
const withJournal = replay || process.argv.includes('--journal');
const dir = mkdtempSync(join(tmpdir(), 'bulk-memory-'));
const input = join(dir, 'in.jsonl');
const out = createWriteStream(input);
for (let i = 0; i < lines; i++) {
  const line = `${JSON.stringify({ key: `k${i}`, request: { contents: [{ role: 'user', parts: [{ text: `Prompt number ${i}: write one sentence.` }] }] } })}\n`;
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
if (replay) {
  const j = createWriteStream(join(dir, 'journal'));
  j.write(
    `${JSON.stringify({ journal: 'gemini-ts bulk journal', method: 'generateContent', version: 1 })}\n`,
  );
  for (let i = 0; i < lines; i++) {
    const response = {
      candidates: [
        {
          content: { parts: [{ text: `Echo: Prompt number ${i}: write one sentence.` }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 11, totalTokenCount: 20 },
      modelVersion: 'gemini-2.5-flash',
    };
    if (!j.write(`${JSON.stringify({ i, k: `k${i}`, r: response })}\n`)) await once(j, 'drain');
  }
  j.end();
  await once(j, 'finish');
}

const emu = await startEmulatorProcess(root);
const mb = (n: number): number => Math.round((n / 1024 / 1024) * 10) / 10;
try {
  const { Gemini } = (await import(
    pathToFileURL(join(root, 'dist/index.js')).href
  )) as typeof import('../src/index.js');
  const client = new Gemini({ apiKey: 'bench-key', baseUrl: emu.url });
  global.gc?.();
  const base = process.memoryUsage();
  const samples: Array<{ done: number; heapMb: number; rssMb: number }> = [];
  let peakHeap = 0;
  let peakRss = 0;
  const t0 = performance.now();
  const run = client.bulk.generateContent(input, {
    model: 'gemini-2.5-flash',
    concurrency: 64,
    ordered: false,
    ...(withJournal ? { journal: join(dir, 'journal') } : {}),
  });
  let done = 0;
  let failed = 0;
  let next = 0;
  for await (const r of run) {
    done++;
    if (!r.ok) failed++;
    if (done % 10_000 === 0) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
      if (done >= next) {
        samples.push({ done, heapMb: mb(m.heapUsed), rssMb: mb(m.rss) });
        process.stderr.write(`${JSON.stringify(samples.at(-1))}\n`);
        next = done * 2;
      }
      if (done % 100_000 === 0)
        process.stderr.write(`${done} items, heap ${mb(m.heapUsed)} MB, rss ${mb(m.rss)} MB\n`);
      if (done % 5000 === 0) await emuClear();
    }
  }
  const end = process.memoryUsage();
  console.log(
    JSON.stringify(
      {
        lines,
        journal: withJournal,
        done,
        failed,
        seconds: Math.round((performance.now() - t0) / 100) / 10,
        baseline: { heapMb: mb(base.heapUsed), rssMb: mb(base.rss) },
        peak: { heapMb: mb(peakHeap), rssMb: mb(peakRss) },
        end: { heapMb: mb(end.heapUsed), rssMb: mb(end.rss) },
        samples,
      },
      null,
      2,
    ),
  );
} finally {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function emuClear(): Promise<void> {
  await emu.clearLog();
}
