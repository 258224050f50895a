// Shared helpers for the codegen tests: fixtures, temp dirs inside the project, tree hashing,
// the TypeScript compiler API, and spawning the CLI.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ts from 'typescript';
import type { DiscoveryDocument } from '../../codegen/discovery.js';
import { generate, type Generated } from '../../codegen/generate.js';
import { parseDocument } from '../../codegen/load.js';
import type { NamedOverride } from '../../codegen/overrides.js';
import { loadOverrides } from '../../codegen/overrides-files.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'test/codegen/fixtures');
export const GENERATED = join(ROOT, 'generated');
export const V1BETA_SPEC = join(ROOT, 'spec/generativelanguage.v1beta.json');
export const V1_SPEC = join(ROOT, 'spec/generativelanguage.v1.json');

/** Reads and checks a discovery document (the same path the CLI takes). */
export function readDocument(file: string): DiscoveryDocument {
  return parseDocument(readFileSync(file, 'utf8'), relative(ROOT, file));
}

/** A fixture document from test/codegen/fixtures/<name>.json. */
export function fixture(name: string): DiscoveryDocument {
  return readDocument(join(FIXTURES, `${name}.json`));
}

/** The raw JSON of a fixture, for tests that break it on purpose. */
export function fixtureJson(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, any>;
}

/** The JSON files under overrides/, exactly as the CLI reads them. */
export function projectOverrides(): NamedOverride[] {
  return loadOverrides(join(ROOT, 'overrides'), ROOT);
}

/** Generates a fixture without overrides. */
export function generateFixture(name: string, overrides: readonly NamedOverride[] = []): Promise<Generated> {
  return generate(fixture(name), overrides);
}

/** A fresh temp dir inside the project (so package.json `type: module` and node_modules apply). */
export function makeTmpDir(): string {
  return mkdtempSync(join(ROOT, 'test/codegen/.tmp-'));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Writes a generated file map under `dir`. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file under `dir` as relative path → text, sorted by path. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A hash over every path and byte under `dir`. */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  for (const [path, text] of readTree(dir)) h.update(`${path}\0${text}\0`);
  return h.digest('hex');
}

/** Compiler options as strict as tsconfig.json, plus unused-code checks for generated output. */
const STRICT = (tsc: typeof ts): ts.CompilerOptions => ({
  target: tsc.ScriptTarget.ES2022,
  module: tsc.ModuleKind.NodeNext,
  moduleResolution: tsc.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
});

/**
 * Typechecks every .ts file under `dir` with the compiler API; returns formatted diagnostics (empty
 * when clean). `typescript` is required here, natively: an ESM import of it costs seconds under vitest.
 */
export function typecheck(dir: string): string[] {
  const tsc = createRequire(import.meta.url)('typescript') as typeof ts;
  const roots = [...readTree(dir).keys()].filter((p) => p.endsWith('.ts')).map((p) => join(dir, p));
  const program = tsc.createProgram(roots, STRICT(tsc));
  return tsc.getPreEmitDiagnostics(program).map((d) => {
    const text = tsc.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(dir, d.file.fileName)}(${line + 1},${character + 1}): TS${d.code}: ${text}`;
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tsx codegen/main.ts <args>` from the project root. */
export function runCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'codegen/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Walks a discovery document's resources and returns every method id without the service prefix. */
export function documentMethodIds(doc: DiscoveryDocument): string[] {
  const ids: string[] = [];
  const walk = (resources: DiscoveryDocument['resources']): void => {
    for (const r of Object.values(resources)) {
      for (const m of Object.values(r.methods ?? {})) ids.push(m.id.replace(`${doc.name}.`, ''));
      if (r.resources) walk(r.resources);
    }
  };
  walk(doc.resources);
  return ids.sort();
}
