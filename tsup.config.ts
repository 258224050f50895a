import { defineConfig } from 'tsup';

// Library entries: ESM first with a CommonJS build and .d.ts for both. Each public entry is its own
// chunk graph so importing one area does not pull in the others; the emulator is never reachable from
// the client. Programs (demo, emulator CLI) are ESM only: they use top-level await.
const library = {
  index: 'src/index.ts',
  emulator: 'emulator/index.ts',
  generated: 'generated/index.ts',
};

export default defineConfig([
  {
    entry: library,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
    external: ['ws'],
  },
  {
    entry: { demo: 'demo/main.ts', 'emulator-cli': 'emulator/cli.ts' },
    format: ['esm'],
    target: 'node20',
    splitting: true,
    treeshake: true,
    external: ['ws'],
  },
]);
