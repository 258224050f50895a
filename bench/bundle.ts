// Size of a browser bundle that only calls generateContent (esbuild, minified, then gzip -9).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Bundle sizes in bytes (minified, and minified + gzipped). */
export interface BundleResult {
  minBytes: number;
  gzipBytes: number;
}

async function size(contents: string, root: string, external: string[] = []): Promise<BundleResult> {
  const out = await build({
    external,
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

const CALL = `.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello' }).then((r) => console.log(r.text));`;

/** The compared bundles. */
export type BundleName =
  'gemini-ts' | 'gemini-ts (Models class)' | 'gemini-ts (full client)' | '@google/genai' | 'fetch';

const TRANSPORT = `new HttpTransport({ apiKey: 'k', baseUrl: DEFAULT_BASE_URL, apiVersion: 'v1beta' })`;

/**
 * gemini-ts via its lean `gemini-ts/models` entry: the standalone `generateContent` (the target), the
 * `Models` class (every model method comes along), the full client (reference); @google/genai; fetch.
 */
export async function benchBundle(root: string): Promise<Record<BundleName, BundleResult>> {
  return {
    'gemini-ts': await size(
      `import { generateContent, HttpTransport, DEFAULT_BASE_URL } from './src/models/index.ts';
generateContent(${TRANSPORT}, { model: 'gemini-2.5-flash', contents: 'Hello' }).then((r) => console.log(r.text));`,
      root,
    ),
    'gemini-ts (Models class)': await size(
      `import { Models, HttpTransport, DEFAULT_BASE_URL } from './src/models/index.ts';\nnew Models(${TRANSPORT})${CALL}`,
      root,
    ),
    // Other areas (uploads from paths, Live over ws) use Node modules; they are left out of this one.
    'gemini-ts (full client)': await size(
      `import { Gemini } from './src/index.ts';\nnew Gemini({ apiKey: 'k' }).models${CALL}`,
      root,
      ['node:*', 'ws'],
    ),
    '@google/genai': await size(
      `import { GoogleGenAI } from '@google/genai';\nnew GoogleGenAI({ apiKey: 'k' }).models${CALL}`,
      root,
    ),
    fetch: await size(
      `fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' }, body: JSON.stringify({ contents: [{ parts: [{ text: 'Hello' }] }] }) }).then((r) => r.json()).then((j) => console.log(j.candidates[0].content.parts[0].text));`,
      root,
    ),
  };
}
