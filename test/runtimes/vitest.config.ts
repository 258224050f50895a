import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:runtimes`: the built package (dist/) in Chromium, Bun, Deno and workerd, and through a
// proxy. Runs after `npm run build` (CI does); the main suite runs from source and excludes this folder.
export default defineConfig({
  // The emulator runs from source here: its tokenizer loader gets the Node platform module, as in the main suite.
  resolve: { alias: { '#platform': fileURLToPath(new URL('../../src/platform/node.ts', import.meta.url)) } },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/runtimes/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
