// The bulk runner's overhead per item: `client.bulk.generateContent` (ordered results, adaptive
// concurrency, budgets, progress) against a plain concurrency-limited loop over the same client, at the
// same concurrency, against the same emulator. Rounds alternate the two so machine load hits both.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmulatorProcess } from './emulator-process.js';
import { median, runPool } from './stats.js';

/** The runner's figures. */
export interface BulkBenchResult {
  /** Items per round. */
  items: number;
  /** Concurrency of both. */
  concurrency: number;
  /** Median wall time per item of the plain loop (µs). */
  loopUsPerItem: number;
  /** Median wall time per item of the runner (µs). */
  bulkUsPerItem: number;
  /** bulk / loop. */
  ratio: number;
  /** Median of the per-round differences, per item (µs). */
  overheadUsPerItem: number;
  rounds: number;
}

/** Runs the comparison; `root` holds the built package (dist/). */
export async function benchBulk(
  root: string,
  emu: EmulatorProcess,
  opts = { items: 2000, concurrency: 16, rounds: 8, budgetMs: 60_000 },
): Promise<BulkBenchResult> {
  const mod = (await import(
    pathToFileURL(join(root, 'dist/index.js')).href
  )) as typeof import('../src/index.js');
  const client = new mod.Gemini({ apiKey: 'bench-key', baseUrl: emu.url, maxRetries: 0 });
  const items = Array.from({ length: opts.items }, (_, i) => ({
    model: 'gemini-2.5-flash',
    contents: `Write one sentence about item ${i}.`,
  }));
  const loop = async (): Promise<number> => {
    const out = new Array<unknown>(items.length);
    const t0 = performance.now();
    await runPool(items.length, opts.concurrency, async (i) => {
      try {
        out[i] = await client.models.generateContent(items[i]!);
      } catch (e) {
        out[i] = e;
      }
    });
    return performance.now() - t0;
  };
  const bulk = async (): Promise<number> => {
    const t0 = performance.now();
    let n = 0;
    for await (const r of client.bulk.generateContent(items, { concurrency: opts.concurrency }))
      if (r.ok) n++;
    if (n !== items.length) throw new Error(`bulk bench: ${n}/${items.length} items succeeded`);
    return performance.now() - t0;
  };
  await loop(); // warm-up: JIT, connection pool
  await bulk();
  const start = performance.now();
  const loops: number[] = [];
  const bulks: number[] = [];
  const diffs: number[] = [];
  for (let r = 0; r < opts.rounds && !(r >= 2 && performance.now() - start > opts.budgetMs); r++) {
    await emu.clearLog();
    const [a, b] =
      r % 2 === 0 ? [await loop(), await bulk()] : (([y, x]) => [x, y])([await bulk(), await loop()]);
    loops.push(a!);
    bulks.push(b!);
    diffs.push(b! - a!);
  }
  const us = (ms: number): number => (ms * 1000) / opts.items;
  return {
    items: opts.items,
    concurrency: opts.concurrency,
    loopUsPerItem: us(median(loops)),
    bulkUsPerItem: us(median(bulks)),
    ratio: median(bulks) / median(loops),
    overheadUsPerItem: us(median(diffs)),
    rounds: loops.length,
  };
}
