// The generateContent-only bundle (gemini-ts/models' standalone function, measured exactly as
// bench/bundle.ts measures it for the browser) stays within 12 KB min+gz: the budget every change to the
// request path is measured against.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSize, GENERATE_CONTENT_ONLY } from '../../bench/bundle.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUDGET = 12 * 1024;

describe('bundle size', () => {
  it('a bundle that only calls generateContent fits 12 KB min+gz', async () => {
    const { gzipBytes } = await bundleSize(GENERATE_CONTENT_ONLY, ROOT);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET);
  });
});
