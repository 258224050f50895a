// `npm run build` builds dist/ with tsup and records a hash of everything the build reads in
// dist/.build-inputs. `node scripts/build.mjs --if-stale` (the `prepare` and `start` scripts) builds only
// when that hash no longer matches, so an unchanged tree is never built twice.
//
// npm runs `prepare` after `npm install` in this folder, for git dependencies (`npm i github:…` clones,
// installs the dev dependencies and runs it: that is how a git install gets a dist/), and before
// `npm pack`/`npm publish`. Under `npm ci` it skips the build: `npm ci` is the reproducible install of
// CI and of the quick start, which build on their own (`npm start`, the build stage of .ci/run), and a
// build costs 30–90 s on a loaded 2-core machine. Set GEMINI_TS_BUILD=1 to build under `npm ci` anyway.
// Plain JavaScript so that it runs before any TypeScript tooling is set up.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-inputs');
/** What tsup reads: the bundled sources, its config, and what decides the toolchain and externals. */
const INPUT_DIRS = ['src', 'generated', 'emulator', 'demo'];
const INPUT_FILES = ['tsup.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** sha256 over every input path and its bytes, in a fixed order. */
function inputsHash() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) files.push(full);
    }
  };
  for (const d of INPUT_DIRS) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  for (const f of INPUT_FILES) if (existsSync(join(ROOT, f))) files.push(join(ROOT, f));
  const hash = createHash('sha256');
  for (const f of files.map((p) => relative(ROOT, p).split('\\').join('/')).sort()) {
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(ROOT, f)))
      .update('\0');
  }
  return hash.digest('hex');
}

function build(hash) {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  let pkg;
  try {
    pkg = createRequire(import.meta.url).resolve('tsup/package.json');
  } catch {
    console.error('build: tsup is not installed: run `npm ci` (or `npm install`) first');
    process.exit(1);
  }
  const cli = join(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin.tsup);
  // Progress goes to stderr, so that `npm pack --json` (which runs prepare) keeps a clean stdout.
  const r = spawnSync(process.execPath, [cli], { cwd: ROOT, stdio: [0, 2, 2] });
  if (r.status !== 0) {
    console.error(`build: tsup failed (${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  writeFileSync(STAMP, `${hash}\n`);
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && process.env.npm_command === 'ci' && process.env.GEMINI_TS_BUILD !== '1') {
  console.error('build: skipped under `npm ci` (`npm start` and `npm run build` build dist/)');
} else {
  const hash = inputsHash();
  const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (ifStale && built === hash) console.error('build: dist/ is up to date');
  else build(hash);
}
