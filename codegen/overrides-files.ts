// Reading overrides/ from disk, kept apart from main.ts (which runs the CLI when imported).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NamedOverride, Override } from './overrides.js';
import { GenerateError } from './problems.js';

/** Files under `dir` (recursively) whose names end with `ext`, sorted. */
export function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, ext));
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

/** Reads overrides/**\/*.json in a stable order. */
export function loadOverrides(dir: string, root: string = dir): NamedOverride[] {
  return listFiles(dir, '.json').map((file) => {
    const name = relative(root, file);
    try {
      return { file: name, override: JSON.parse(readFileSync(file, 'utf8')) as Override };
    } catch (e) {
      throw new GenerateError(`not valid JSON (${(e as Error).message})`, name);
    }
  });
}
