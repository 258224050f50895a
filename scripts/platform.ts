// Which platform module (`#platform`) a build gets: the Node variant for Node, Deno and Bun, the web
// variant for browsers and workers. tsup, the bundle tests and the bench all resolve it through here.
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

/** An esbuild plugin that resolves `#platform` to `variant`. */
export function platformPlugin(variant: PlatformVariant): Plugin {
  return {
    name: `platform-${variant}`,
    setup(build) {
      build.onResolve({ filter: /^#platform$/ }, () => ({ path: PLATFORM_MODULES[variant] }));
    },
  };
}
