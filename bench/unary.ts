// Unary generateContent: latency per call at concurrency 1 (p50/p99) and throughput at 1 and 64.
// The machine may be shared, so clients are interleaved finely: latency samples alternate client by
// client, call by call; throughput batches rotate between clients, and the median batch counts.
import type { BenchClient, ClientName } from './clients.js';
import type { EmulatorProcess } from './emulator-process.js';
import { median, percentile, runPool } from './stats.js';

/** Unary results of one client. */
export interface UnaryResult {
  p50Ms: number;
  p99Ms: number;
  rpsC1: number;
  rpsC64: number;
  /** Median of (this client's latency − plain fetch's) over back-to-back pairs: robust to load drift. */
  pairedOverheadMs: number;
}

const MODEL = 'gemini-2.5-flash';
const PROMPT = 'Write one sentence about the sea, please.';

/** Runs the unary measurements. */
export async function benchUnary(
  clients: readonly BenchClient[],
  emu: EmulatorProcess,
  opts = { serial: 800, batches: 24, batch: 256, budgetMs: 45_000 },
): Promise<Record<ClientName, UnaryResult>> {
  // Time budgets keep the run bounded on a busy machine: fewer samples rather than a longer run.
  const start = performance.now();
  const over = (share: number): boolean => performance.now() - start > opts.budgetMs * share;
  const call = (c: BenchClient): Promise<void> => c.unary(MODEL, PROMPT).then(() => undefined);
  // Warm every client up (JIT, connection pool) at both concurrencies before anything is timed: a short
  // warm-up left the first c=64 batches measuring the optimiser, not the client.
  for (const c of clients) await runPool(1000, 64, () => call(c));
  const lat = new Map<ClientName, number[]>(clients.map((c) => [c.name, []]));
  for (let i = 0; i < opts.serial && !(i >= 100 && over(0.4)); i++) {
    if (i % 500 === 0) await emu.clearLog();
    for (let k = 0; k < clients.length; k++) {
      const c = clients[(i + k) % clients.length]!;
      const t0 = performance.now();
      await call(c);
      lat.get(c.name)!.push(performance.now() - t0);
    }
  }
  const rates = new Map<ClientName, number[]>(clients.map((c) => [c.name, []]));
  for (let b = 0; b < opts.batches && !(b >= 2 && over(1)); b++) {
    await emu.clearLog();
    for (let k = 0; k < clients.length; k++) {
      const c = clients[(b + k) % clients.length]!;
      const run = await runPool(opts.batch, 64, () => call(c));
      rates.get(c.name)!.push((opts.batch / run.wallMs) * 1000);
    }
  }
  const out = {} as Record<ClientName, UnaryResult>;
  const base = lat.get('fetch') ?? [];
  for (const c of clients) {
    const l = lat.get(c.name)!;
    out[c.name] = {
      p50Ms: percentile(l, 50),
      p99Ms: percentile(l, 99),
      rpsC1: 1000 / (l.reduce((s, x) => s + x, 0) / l.length),
      rpsC64: median(rates.get(c.name)!),
      pairedOverheadMs: median(l.map((x, i) => x - (base[i] ?? x))),
    };
  }
  return out;
}
