// CLI: `npm run generate` writes generated/; `npm run generate:check` regenerates in memory and
// fails with a summary when generated/ differs. Options: --spec <file> (instead of the pinned
// document), --out <dir>, --overrides <dir>.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscoveryDocument } from './discovery.js';
import { generate } from './generate.js';
import { checkDocument, parseDocument } from './load.js';
import { listFiles, loadOverrides } from './overrides-files.js';
import { GenerateError } from './problems.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The other versions pinned in spec/lock.json: the generated code is for `version`, these only say
 * which methods each of them serves (generated/versions.ts).
 */
async function loadSiblings(version: string): Promise<DiscoveryDocument[]> {
  const { loadPinnedDocument, readLock } = await import('../scripts/spec-lib.js');
  const others = Object.keys(readLock({ root: ROOT })).filter((v) => v !== version);
  return others.sort().map((v) => {
    const pinned = loadPinnedDocument(v, { root: ROOT });
    return checkDocument(pinned.doc, pinned.path);
  });
}

async function loadDocument(specFile: string | undefined): Promise<DiscoveryDocument> {
  if (specFile) {
    if (!existsSync(specFile)) throw new GenerateError('no such file', specFile);
    return parseDocument(readFileSync(specFile, 'utf8'), specFile);
  }
  const { loadPinnedDocument } = await import('../scripts/spec-lib.js');
  const pinned = loadPinnedDocument('v1beta');
  return checkDocument(pinned.doc, pinned.path);
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Writes the whole tree through a staging folder, so a crash never leaves it half written. */
function writeTree(out: string, files: Map<string, string>): void {
  const staging = `${out}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), text);
  }
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}

function diffTree(out: string, files: Map<string, string>): string[] {
  const problems: string[] = [];
  const existing = new Set(listFiles(out, '').map((f) => relative(out, f)));
  for (const [path, text] of files) {
    if (!existing.has(path)) problems.push(`missing  ${path}`);
    else if (readFileSync(join(out, path), 'utf8') !== text) problems.push(`changed  ${path}`);
    existing.delete(path);
  }
  for (const path of existing) problems.push(`extra    ${path}`);
  return problems;
}

async function main(args: string[]): Promise<number> {
  const out = resolve(arg(args, '--out') ?? join(ROOT, 'generated'));
  const doc = await loadDocument(arg(args, '--spec'));
  const result = await generate(
    doc,
    loadOverrides(resolve(arg(args, '--overrides') ?? join(ROOT, 'overrides')), ROOT),
    await loadSiblings(doc.version),
  );
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  const summary = `${result.methodCount} methods, ${result.schemaCount} schemas, ${result.files.size} files`;
  if (args.includes('--check')) {
    const problems = diffTree(out, result.files);
    if (problems.length) {
      console.error(
        `generated/ is out of date (${problems.length} files differ); run npm run generate:\n  ${problems.slice(0, 30).join('\n  ')}`,
      );
      return 1;
    }
    console.log(`generated/ is up to date (${summary})`);
    return 0;
  }
  writeTree(out, result.files);
  console.log(`generated ${summary} into ${relative(process.cwd(), out) || '.'}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof GenerateError || (e instanceof Error && /Spec/.test(e.name))) {
      console.error(`generate failed: ${e.message}`);
    } else console.error(e);
    process.exit(1);
  },
);
