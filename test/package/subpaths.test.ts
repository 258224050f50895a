// The package's subpath exports: every area has an entry, and importing one area does not pull in
// the others (the point of `gemini-ts/files`, `gemini-ts/live`, … next to the all-in-one `gemini-ts`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  sideEffects: boolean;
};
const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');

/** `'file-search': 'src/file-search/index.ts'` pairs from tsup.config.ts. */
const entries = Object.fromEntries(
  [...tsup.matchAll(/^\s*'?([\w-]+)'?: '((?:src|emulator|generated)\/[\w/-]+\.ts)',$/gm)].map((m) => [
    m[1]!,
    m[2]!,
  ]),
);

/** Markers that only one area's code contains. */
const MARKERS: Record<string, string> = {
  live: 'BidiGenerateContent',
  music: 'BidiGenerateMusic',
  interactions: 'interactions.create',
  files: 'waitUntilActive',
  batches: 'updateGenerateContentBatch',
  bulk: 'gemini-ts bulk journal',
};

async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: ['ws', 'node:*', 'zod', '@lenml/*'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

describe('package exports', () => {
  it('is ESM first with CJS and types for every subpath, and side-effect free', () => {
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.dependencies)).toEqual(['ws']);
    for (const [name, source] of Object.entries(entries)) {
      const key = name === 'index' ? '.' : `./${name}`;
      const node = {
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      };
      // Client entries: browsers and workers get dist/web/ (docs/runtimes.md); Deno and Bun the Node build.
      const web = {
        import: { types: `./dist/${name}.d.ts`, default: `./dist/web/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/web/${name}.cjs` },
      };
      const client = source.startsWith('src/');
      expect(pkg.exports[key], key).toEqual(
        client ? { workerd: web, worker: web, browser: web, deno: node, bun: node, ...node } : node,
      );
      if (client)
        expect(Object.keys(pkg.exports[key] as object)).toEqual([
          'workerd',
          'worker',
          'browser',
          'deno',
          'bun',
          'import',
          'require',
        ]);
      expect(existsSync(join(ROOT, source)), source).toBe(true);
    }
    const exported = Object.keys(pkg.exports).filter((k) => k !== './package.json');
    expect(exported.sort()).toEqual(
      Object.keys(entries)
        .map((n) => (n === 'index' ? '.' : `./${n}`))
        .sort(),
    );
  });

  // Real dependencies: Live Music hangs off the Live area (`client.live.music`) and shares its engine;
  // batches upload JSONL input and download results through the files area; bulk runs drive batches.
  const ALLOWED = new Set(['live>music', 'music>live', 'batches>files', 'bulk>batches', 'bulk>files']);
  const together = (a: string, b: string): boolean => ALLOWED.has(`${a}>${b}`);
  it.each(Object.keys(MARKERS))('gemini-ts/%s carries no other area', async (area) => {
    const code = await bundle(entries[area]!);
    expect(code.includes(MARKERS[area]!)).toBe(true);
    const others = Object.entries(MARKERS)
      .filter(([other, marker]) => other !== area && !together(area, other) && code.includes(marker))
      .map(([other]) => other);
    expect(others).toEqual([]);
  });

  it('the client never bundles the emulator', async () => {
    const code = await bundle('src/index.ts');
    expect(code.includes('startEmulator')).toBe(false);
    // node:http is there (the Node build's proxy support), but no server is.
    expect(code.includes('createServer')).toBe(false);
  });
});
