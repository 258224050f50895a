// Streaming: chunks/s and MB/s of streamed text, time to first chunk, and client CPU per chunk, over
// scripted streams of many ~256-byte chunks (about what the service sends; real SSE framing), 16 at a
// time so the emulator stays busy and the client's per-chunk cost decides.
import type { BenchClient, ClientName } from './clients.js';
import type { EmulatorProcess } from './emulator-process.js';
import { median, runPool } from './stats.js';

/** Streaming results of one client. */
export interface StreamResult {
  chunksPerSec: number;
  mbPerSec: number;
  ttfcMs: number;
  cpuUsPerChunk: number;
}

const MODEL = 'gemini-2.5-flash';
const CHUNKS = 200;
const PIECE = `${'lorem ipsum dolor sit amet consectetur '.repeat(7).slice(0, 255)} `;

function reply(): Record<string, unknown> {
  const chunks = Array.from({ length: CHUNKS }, () => PIECE);
  return { text: chunks.join(''), chunks };
}

/** Streams `streams` scripted replies per client per round, `concurrency` at a time; the median round counts. */
export async function benchStreaming(
  clients: readonly BenchClient[],
  emu: EmulatorProcess,
  opts = { rounds: 8, streams: 32, concurrency: 16, budgetMs: 30_000 },
): Promise<Record<ClientName, StreamResult>> {
  const bytesPerStream = Buffer.byteLength(PIECE) * CHUNKS;
  const samples = new Map<ClientName, StreamResult[]>();
  // Warm every client (and the emulator's streaming path) up at full concurrency before timing: with
  // only 2 warm-up streams the first timed rounds ran at half speed, measuring the optimiser.
  for (const c of clients) {
    await emu.script(MODEL, Array.from({ length: opts.streams }, reply));
    await runPool(opts.streams, opts.concurrency, () => c.stream(MODEL, 'warm up', () => undefined));
  }
  const start = performance.now();
  for (
    let round = 0;
    round < opts.rounds && !(round >= 2 && performance.now() - start > opts.budgetMs);
    round++
  ) {
    for (let k = 0; k < clients.length; k++) {
      const c = clients[(round + k) % clients.length]!; // rotate: no client always runs first
      await emu.clearLog();
      await emu.script(MODEL, Array.from({ length: opts.streams }, reply));
      let chunks = 0;
      const ttfc: number[] = [];
      const cpu0 = process.cpuUsage();
      const run = await runPool(opts.streams, opts.concurrency, async () => {
        const t0 = performance.now();
        let first = true;
        await c.stream(MODEL, 'stream please', () => {
          if (first) ttfc.push(performance.now() - t0);
          first = false;
          chunks++;
        });
      });
      const cpu = process.cpuUsage(cpu0);
      const secs = run.wallMs / 1000;
      const list = samples.get(c.name) ?? [];
      list.push({
        chunksPerSec: chunks / secs,
        mbPerSec: (bytesPerStream * opts.streams) / 1e6 / secs,
        ttfcMs: median(ttfc),
        cpuUsPerChunk: (cpu.user + cpu.system) / chunks,
      });
      samples.set(c.name, list);
    }
  }
  const out = {} as Record<ClientName, StreamResult>;
  for (const c of clients) {
    const list = samples.get(c.name)!;
    out[c.name] = {
      chunksPerSec: median(list.map((s) => s.chunksPerSec)),
      mbPerSec: median(list.map((s) => s.mbPerSec)),
      ttfcMs: median(list.map((s) => s.ttfcMs)),
      cpuUsPerChunk: median(list.map((s) => s.cpuUsPerChunk)),
    };
  }
  return out;
}
