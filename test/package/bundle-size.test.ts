// The generateContent-only bundle (gemini-ts/models' standalone function, as bench/bundle.ts builds it)
// stays within 12 KB min+gz: the budget every change to the request path is measured against.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BUDGET = 12 * 1024;

describe('bundle size', () => {
  it('a bundle that only calls generateContent fits 12 KB min+gz', async () => {
    const out = await build({
      stdin: {
        contents: `import { generateContent, HttpTransport, DEFAULT_BASE_URL } from './src/models/index.ts';
generateContent(new HttpTransport({ apiKey: 'k', baseUrl: DEFAULT_BASE_URL, apiVersion: 'v1beta' }), { model: 'gemini-2.5-flash', contents: 'Hello' }).then((r) => console.log(r.text));`,
        resolveDir: ROOT,
        loader: 'ts',
        sourcefile: 'entry.ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const size = gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(BUDGET);
  });
});
