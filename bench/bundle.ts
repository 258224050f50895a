// Browser bundle sizes (esbuild --platform=browser, minified, then gzip -9): a bundle that only calls
// generateContent (the ≤ 12 KB target), and the whole client next to @google/genai's browser build.
// gemini-ts gets its web platform module, as its `browser` export condition serves (dist/web/).
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { platformPlugin } from '../scripts/platform.js';

/** Bundle sizes in bytes (minified, and minified + gzipped). */
export interface BundleResult {
  minBytes: number;
  gzipBytes: number;
}

/** Bundles `contents` for the browser (the web platform module) and measures it. */
export async function bundleSize(contents: string, root: string): Promise<BundleResult> {
  const out = await build({
    plugins: [platformPlugin('web')],
    external: ['zod', '@lenml/*'], // optional peers: the user's own import, never bundled by gemini-ts
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
  | 'gemini-ts'
  | 'gemini-ts (Models class)'
  | 'gemini-ts (full client)'
  | 'gemini-ts (whole API)'
  | '@google/genai'
  | '@google/genai (whole API)'
  | 'fetch';

const TRANSPORT = `new HttpTransport({ apiKey: 'k', baseUrl: DEFAULT_BASE_URL, apiVersion: 'v1beta' })`;

/** The budgeted bundle: only the standalone `generateContent` of `gemini-ts/models` (≤ 12 KB min+gz). */
export const GENERATE_CONTENT_ONLY = `import { generateContent, HttpTransport, DEFAULT_BASE_URL } from './src/models/index.ts';
generateContent(${TRANSPORT}, { model: 'gemini-2.5-flash', contents: 'Hello' }).then((r) => console.log(r.text));`;

/**
 * gemini-ts via its lean `gemini-ts/models` entry: the standalone `generateContent` (the target), the
 * `Models` class (every model method comes along), the full client (`new Gemini()`: every area, Live
 * and uploads included); every export of each package (`import *`); @google/genai's client; fetch.
 */
export async function benchBundle(root: string): Promise<Record<BundleName, BundleResult>> {
  return {
    'gemini-ts': await bundleSize(GENERATE_CONTENT_ONLY, root),
    'gemini-ts (Models class)': await bundleSize(
      `import { Models, HttpTransport, DEFAULT_BASE_URL } from './src/models/index.ts';\nnew Models(${TRANSPORT})${CALL}`,
      root,
    ),
    'gemini-ts (full client)': await bundleSize(
      `import { Gemini } from './src/index.ts';\nnew Gemini({ apiKey: 'k' }).models${CALL}`,
      root,
    ),
    'gemini-ts (whole API)': await bundleSize(
      `import * as sdk from './src/index.ts';\nconsole.log(sdk);`,
      root,
    ),
    '@google/genai': await bundleSize(
      `import { GoogleGenAI } from '@google/genai';\nnew GoogleGenAI({ apiKey: 'k' }).models${CALL}`,
      root,
    ),
    '@google/genai (whole API)': await bundleSize(
      `import * as sdk from '@google/genai';\nconsole.log(sdk);`,
      root,
    ),
    fetch: await bundleSize(
      `fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent', { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' }, body: JSON.stringify({ contents: [{ parts: [{ text: 'Hello' }] }] }) }).then((r) => r.json()).then((j) => console.log(j.candidates[0].content.parts[0].text));`,
      root,
    ),
  };
}
