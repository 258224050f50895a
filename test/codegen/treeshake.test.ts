// Tree shaking: each stub carries its own MethodSpec, so a bundle that imports one stub contains no
// other method. Bundled with esbuild (bundle, esm, minify, platform neutral) from entries in a temp dir.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { GENERATED, makeTmpDir, removeDir } from './helpers.js';

const ALL_IDS = manifest.map((m) => m.id);

let tmp: string;
let n = 0;

/** Bundles `source` (an entry module) and returns the minified output. */
async function bundle(source: string): Promise<string> {
  const entry = join(tmp, `entry-${n++}.ts`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    platform: 'neutral',
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  return result.outputFiles[0]!.text;
}

/** Method ids whose MethodSpec made it into the bundle. */
function idsIn(code: string): string[] {
  return ALL_IDS.filter((id) => code.includes(`"${id}"`));
}

const gen = (path: string): string => JSON.stringify(join(GENERATED, path));

beforeAll(() => {
  tmp = makeTmpDir();
});
afterAll(() => removeDir(tmp));

describe('bundles keep only the stubs they use', () => {
  it('a named import of one stub: only that method, under 1 KB', async () => {
    const code = await bundle(
      `import { generateContent } from ${gen('methods/models.js')};\nexport default generateContent;\n`,
    );
    expect(code).toContain('models.generateContent');
    expect(code).not.toContain('models.countTokens');
    expect(code).not.toContain('files.list');
    expect(idsIn(code)).toEqual(['models.generateContent']);
    expect(code.length).toBeLessThan(1024);
  });

  it.each([
    ['methods/models.js', 'streamGenerateContent', 'models.streamGenerateContent'],
    ['methods/files.js', 'download', 'files.download'],
    ['methods/files.js', 'delete', 'files.delete'],
    ['methods/media.js', 'upload', 'media.upload'],
    ['methods/authTokens.js', 'create', 'authTokens.create'],
  ])('%s { %s }: only %s', async (file, name, id) => {
    const code = await bundle(`import { ${name} as stub } from ${gen(file)};\nexport default stub;\n`);
    expect(idsIn(code)).toEqual([id]);
    expect(code.length).toBeLessThan(1024);
  });

  it('a namespace import of a resource file, using models.get only', async () => {
    const code = await bundle(
      `import * as models from ${gen('methods/models.js')};\nexport default models.get;\n`,
    );
    expect(idsIn(code)).toEqual(['models.get']);
    expect(code.length).toBeLessThan(1024);
  });

  it('the index namespaces, using models.get: no other resource is bundled', async () => {
    const code = await bundle(`import { models } from ${gen('index.js')};\nexport default models.get;\n`);
    expect(code).toContain('"models.get"');
    expect(idsIn(code).filter((id) => !id.startsWith('models.'))).toEqual([]);
  });

  // esbuild materialises a namespace that index.ts re-exports (`export * as models from …`), so the
  // sibling stubs of models.get stay (one resource, ~5 KB) while every other resource is dropped.
  // Per-stub shaking needs a direct import of generated/methods/<resource>.js, which is what src/ does.
  it('the index namespaces, using models.get: only the models resource is bundled', async () => {
    const code = await bundle(`import * as api from ${gen('index.js')};\nexport default api.models.get;\n`);
    expect(idsIn(code).every((id) => id.startsWith('models.'))).toBe(true);
    expect(idsIn(code)).toContain('models.get');
    expect(code.length).toBeLessThan(8_000);
  });

  it('type-only imports from the index bundle no method at all', async () => {
    const code = await bundle(
      `import type { GenerateContentRequest, Transport } from ${gen('index.js')};\n` +
        `export const f = (t: Transport, r: GenerateContentRequest) => [t, r];\n`,
    );
    expect(idsIn(code)).toEqual([]);
    expect(code.length).toBeLessThan(200);
  });
});
