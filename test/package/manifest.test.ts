// package.json as installers and TypeScript read it: every exported subpath has types under node10
// (typesVersions), the tarball ships the build and not the workshop, and git installs build themselves.
// The full proof (pack, git install, import by name, tsc under each moduleResolution) is CI's newcomer
// stage and `npm run check:package` (publint, arethetypeswrong); this catches the easy drifts in ms.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  types: string;
  exports: Record<string, unknown>;
  typesVersions: Record<string, Record<string, string[]>>;
  files: string[];
  scripts: Record<string, string>;
};

/** The `types` an export entry gives ESM importers, wherever conditions nest it. */
function importTypes(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (typeof e.import === 'object' && e.import !== null) {
    const types = (e.import as Record<string, unknown>).types;
    if (typeof types === 'string') return types;
  }
  if (typeof e.types === 'string') return e.types;
  for (const value of Object.values(e)) {
    const found = importTypes(value);
    if (found) return found;
  }
  return undefined;
}

describe('package.json', () => {
  it('maps every exported subpath to its types for moduleResolution node10 (typesVersions)', () => {
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.' && !k.endsWith('.json'));
    const mapped = pkg.typesVersions['*'] ?? {};
    expect(Object.keys(mapped).sort()).toEqual(subpaths.map((k) => k.slice(2)).sort());
    for (const subpath of subpaths) {
      expect(mapped[subpath.slice(2)], subpath).toEqual([importTypes(pkg.exports[subpath])]);
    }
    expect(importTypes(pkg.exports['.'])).toBe(pkg.types);
  });

  it('ships the build and the README only, not the demo or the build stamp', () => {
    expect(pkg.files).toEqual(['dist', '!dist/demo.js', '!dist/.build-inputs', 'README.md']);
  });

  it('builds on prepare (git installs, npm pack) but not under npm ci', () => {
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs --if-stale');
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: ROOT,
      env: { ...process.env, npm_command: 'ci', GEMINI_TS_BUILD: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('build: skipped under `npm ci`');
  });
});
