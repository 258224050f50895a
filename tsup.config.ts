import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { platformPlugin } from './scripts/platform.js';

// Library entries: ESM first with a CommonJS build and .d.ts for both. Each public entry is its own
// chunk graph so importing one area does not pull in the others; the emulator is never reachable from
// the client. Programs (demo, emulator CLI) are ESM only: they use top-level await. The tokenizer
// vocabularies (src/tokens/vocab/*.bin) are copied to dist/vocab/, where src/tokens/loader.ts finds them.
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

// The browser/worker build (export conditions `browser`, `worker`, `workerd`) of every client entry:
// the web platform module, no Node module and no `ws` anywhere; the .d.ts files are shared.
const { emulator: _node, generated: _data, ...client } = library;

export default defineConfig([
  {
    entry: library,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
    external: ['ws'],
    esbuildPlugins: [platformPlugin('node')],
    onSuccess: async () => cpSync('src/tokens/vocab', 'dist/vocab', { recursive: true }),
  },
  {
    entry: client,
    outDir: 'dist/web',
    format: ['esm', 'cjs'],
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    treeshake: true,
    esbuildPlugins: [platformPlugin('web')], // its tokenizer loader reads ../vocab/ (dist/vocab/)
  },
  {
    entry: { demo: 'demo/main.ts', 'emulator-cli': 'emulator/cli.ts', cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    splitting: true,
    treeshake: true,
    external: ['ws'],
    esbuildPlugins: [platformPlugin('node')],
  },
]);
