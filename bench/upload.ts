// Upload benchmark: gemini-ts `files.upload(path)` (resumable, 8 MiB chunks) against a plain-fetch upload
// of the same file (one `upload, finalize` request streaming a file ReadStream), both to the emulator in its own process
// (keeping only size and hash). Each upload runs in a fresh Node process that reports its throughput
// and its peak RSS growth over the baseline after imports. Targets: ≥ 0.8× plain throughput, < 64 MB RSS growth.
//
// `runUploadBench()` returns the rows; `tsx bench/upload.ts [--mib 1024]` prints them (needs `npm run build`).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.js';

/** One measured upload. */
export interface UploadBenchRow {
  /** `gemini-ts files.upload` or `plain fetch`. */
  client: string;
  /** File size in MiB. */
  sizeMiB: number;
  /** Wall time in seconds. */
  seconds: number;
  /** Throughput in MB/s (10^6 bytes per second). */
  mbPerSec: number;
  /** Peak RSS growth over the process baseline after imports, in MB (10^6 bytes). */
  peakRssGrowthMB: number;
  /** Throughput relative to plain fetch (1 for plain fetch itself). */
  vsFetch: number;
  /** Whether the row meets its targets (gemini-ts: ≥ 0.8× fetch and < 64 MB growth). */
  ok: boolean;
}

/** Options of the upload benchmark. */
export interface UploadBenchOptions {
  /** File size in MiB (default 1024). */
  mib?: number;
  /** Project root (default: the parent of bench/). */
  root?: string;
  /** Interleaved repetitions per client; the best time (and the worst RSS growth) is kept (default 3). */
  runs?: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Writes a `mib` MiB file of repeated pseudo-random 1 MiB blocks. */
function makeFile(dir: string, mib: number): string {
  const path = join(dir, 'upload.bin');
  const block = Buffer.alloc(1024 * 1024);
  let s = 12345;
  for (let i = 0; i < block.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    block[i] = s & 255;
  }
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < mib; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return path;
}

// Runs in a child process: ARGS = { mode, url, path, index }. Prints one JSON line { seconds, bytes, baseRss, maxRss }.
const WORKER = `
const a = JSON.parse(process.env.UPLOAD_BENCH_ARGS);
const fs = await import('node:fs');
const mod = a.mode === 'sdk' ? await import(a.index) : undefined;
const size = fs.statSync(a.path).size;
// Warm fetch up first (Node loads its HTTP client lazily): the baseline then holds it.
await (await fetch(a.url + '/__emulator/health')).arrayBuffer();
globalThis.gc?.();
const baseRss = process.memoryUsage().rss;
let peak = baseRss;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
const t0 = performance.now();
if (a.mode === 'sdk') {
  const client = new mod.Gemini({ apiKey: 'bench-key', baseUrl: a.url });
  const file = await client.files.upload(a.path, { mimeType: 'application/octet-stream' });
  if (file.sizeBytes !== String(size)) throw new Error('size mismatch ' + file.sizeBytes);
} else {
  const h = { 'x-goog-api-key': 'bench-key' };
  const start = await fetch(a.url + '/upload/v1beta/files', { method: 'POST', headers: { ...h, 'content-type': 'application/json',
    'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'x-goog-upload-header-content-length': String(size),
    'x-goog-upload-header-content-type': 'application/octet-stream' }, body: JSON.stringify({ file: { mimeType: 'application/octet-stream' } }) });
  await start.arrayBuffer();
  const res = await fetch(start.headers.get('x-goog-upload-url'), { method: 'POST', duplex: 'half',
    headers: { ...h, 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0', 'content-length': String(size) },
    body: fs.createReadStream(a.path, { highWaterMark: 1024 * 1024 }) });
  const json = await res.json();
  if (json.file?.sizeBytes !== String(size)) throw new Error('plain upload failed ' + JSON.stringify(json));
}
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ seconds, bytes: size, baseRss, maxRss: Math.max(peak, process.resourceUsage().maxRSS * 1024) }));
`;

interface WorkerResult {
  seconds: number;
  bytes: number;
  baseRss: number;
  maxRss: number;
}

function runWorker(args: Record<string, string>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', WORKER], {
      env: { ...process.env, UPLOAD_BENCH_ARGS: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`upload worker exited with ${code}: ${line}`));
      resolve(JSON.parse(line) as WorkerResult);
    });
  });
}

/** Runs the upload benchmark and returns one row per client. */
export async function runUploadBench(options: UploadBenchOptions = {}): Promise<UploadBenchRow[]> {
  const mib = options.mib ?? 1024;
  const root = options.root ?? join(here, '..');
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'gemini-upload-bench-'));
  const emu = await startEmulatorProcess(root);
  try {
    const configure = await fetch(`${emu.url}/__emulator/files/configure`, {
      method: 'POST',
      body: JSON.stringify({ keepBytes: false }),
    });
    if (!configure.ok) throw new Error(`emulator files/configure: ${configure.status}`);
    const path = makeFile(dir, mib);
    const index = pathToFileURL(join(root, 'dist/index.js')).href;
    const once = async (mode: 'sdk' | 'fetch'): Promise<WorkerResult> => {
      const r = await runWorker({ mode, url: emu.url, path, index });
      await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' }).then((x) => x.arrayBuffer());
      await fetch(`${emu.url}/__emulator/files/configure`, {
        method: 'POST',
        body: JSON.stringify({ keepBytes: false }),
      }).then((x) => x.arrayBuffer());
      return r;
    };
    // Interleaved runs, best of each: the machine's background load hits both clients alike.
    let plain: WorkerResult | undefined;
    let sdk: WorkerResult | undefined;
    let worstGrowth = 0;
    for (let i = 0; i < runs; i++) {
      const p = await once('fetch');
      if (!plain || p.seconds < plain.seconds) plain = p;
      const g = await once('sdk');
      worstGrowth = Math.max(worstGrowth, g.maxRss - g.baseRss);
      if (!sdk || g.seconds < sdk.seconds) sdk = g;
    }
    if (!plain || !sdk) throw new Error('no runs');
    const row = (client: string, r: WorkerResult, base: number): UploadBenchRow => {
      const mbPerSec = r.bytes / 1e6 / r.seconds;
      const growth = (r.maxRss - r.baseRss) / 1e6;
      const vsFetch = mbPerSec / base;
      return {
        client,
        sizeMiB: mib,
        seconds: Number(r.seconds.toFixed(2)),
        mbPerSec: Number(mbPerSec.toFixed(1)),
        peakRssGrowthMB: Number(growth.toFixed(1)),
        vsFetch: Number(vsFetch.toFixed(2)),
        ok: client === 'plain fetch' || (vsFetch >= 0.8 && growth < 64),
      };
    };
    const plainRate = plain.bytes / 1e6 / plain.seconds;
    return [
      row('plain fetch', plain, plainRate),
      row('gemini-ts files.upload', { ...sdk, maxRss: sdk.baseRss + worstGrowth }, plainRate),
    ];
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--mib');
  const mib = i > 0 ? Number(process.argv[i + 1]) : 1024;
  const rows = await runUploadBench({ mib });
  console.table(rows);
  if (rows.some((r) => !r.ok)) process.exitCode = 1;
}
