import { defineConfig } from 'tsup';

// ESM first with a CommonJS build and .d.ts for both. Each public entry is its own chunk graph so
// importing one area does not pull in the others; the emulator is never reachable from the client.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    emulator: 'emulator/index.ts',
    'emulator-cli': 'emulator/cli.ts',
    generated: 'generated/index.ts',
    demo: 'demo/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', emulator: 'emulator/index.ts', generated: 'generated/index.ts' } },
  target: 'node20',
  splitting: true,
  treeshake: true,
  clean: true,
  sourcemap: false,
  external: ['ws'],
});
