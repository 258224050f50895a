// Which platform module (`#platform`) a build gets: the Node variant for Node, Deno and Bun, the web
// variant for browsers and workers. tsup, the bundle tests and the bench all resolve it through here.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** The two variants of `src/platform/`. */
export type PlatformVariant = 'node' | 'web';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The source file of each variant. */
export const PLATFORM_MODULES: Readonly<Record<PlatformVariant, string>> = {
  node: join(ROOT, 'src/platform/node.ts'),
  web: join(ROOT, 'src/platform/web.ts'),
};

/** Export conditions served by the web build, most specific first (Cloudflare's order). */
export const WEB_CONDITIONS = ['workerd', 'worker', 'browser'] as const;

/**
 * An esbuild plugin that resolves `#platform` to `variant`. The web build lives in dist/web/ while the
 * tokenizer vocabularies ship once, in dist/vocab/: its copy of src/tokens/loader.ts points one folder up
 * (still a literal `new URL(…, import.meta.url)`, so users' bundlers see the files).
 */
export function platformPlugin(variant: PlatformVariant): Plugin {
  return {
    name: `platform-${variant}`,
    setup(build) {
      build.onResolve({ filter: /^#platform$/ }, () => ({ path: PLATFORM_MODULES[variant] }));
      if (variant !== 'web') return;
      build.onLoad({ filter: /[\\/]src[\\/]tokens[\\/]loader\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const contents = source.replaceAll("new URL('./vocab/", "new URL('../vocab/");
        if (contents === source) throw new Error('src/tokens/loader.ts no longer names ./vocab/ files');
        return { contents, loader: 'ts' };
      });
    },
  };
}
