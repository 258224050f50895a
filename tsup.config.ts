import { defineConfig } from 'tsup';

// Library entries: ESM first with a CommonJS build and .d.ts for both. Each public entry is its own
// chunk graph so importing one area does not pull in the others; the emulator is never reachable from
// the client. Programs (demo, emulator CLI) are ESM only: they use top-level await.
const library = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  models: 'src/models/index.ts',
  chats: 'src/chats/index.ts',
  tools: 'src/tools/index.ts',
  tokens: 'src/tokens/index.ts',
  files: 'src/files/index.ts',
  'file-search': 'src/file-search/index.ts',
  operations: 'src/operations/index.ts',
  caches: 'src/caches/index.ts',
  batches: 'src/batches/index.ts',
  videos: 'src/videos/index.ts',
  interactions: 'src/interactions/index.ts',
  live: 'src/live/index.ts',
  music: 'src/music/index.ts',
  'auth-tokens': 'src/auth-tokens/index.ts',
  bulk: 'src/bulk/index.ts',
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
    entry: { demo: 'demo/main.ts', 'emulator-cli': 'emulator/cli.ts', cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    splitting: true,
    treeshake: true,
    external: ['ws'],
  },
]);
