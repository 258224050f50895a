// `npm run spec:pull [-- --from <dir>] [-- --version <v>]`: fetches each version's discovery document from
// spec/sources.json (or from a directory), verifies it, replaces the committed copy (spec/<file>), re-pins
// spec/lock.json and prints what changed. Nothing is written unless every requested document was read and
// verified. Commit spec/ and the regenerated generated/ together.
// Exit codes: 0 pulled, 1 invalid document or spec files, 2 source unreachable (or nothing to pull), 64 usage.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  SpecError,
  SpecMissingError,
  SpecUnreachableError,
  assertKnownVersions,
  describeDocument,
  diffDocuments,
  displayPath,
  fetchDocument,
  formatDrift,
  isEmptyDiff,
  loadPinnedDocument,
  parseDocument,
  readLock,
  readSources,
  rootOf,
  runCli,
  shortSha,
  specPath,
  writeFileAtomic,
  writeLock,
} from './spec-lib.js';
import type { DiscoveryDocument, FetchedDocument, Lock, SpecRunOptions } from './spec-lib.js';

/** Options of spec:pull; named `versions` must exist at the source. */
export interface PullOptions extends SpecRunOptions {
  /** The time recorded in the lock (default: now). */
  now?: Date | undefined;
}

export interface PullResult {
  pulled: string[];
  skipped: string[];
  lock: Lock;
}

/** The document to diff against: the pinned one if it verifies, else whatever spec/<file> holds. */
function previousDocument(
  version: string,
  root: string,
  path: string,
): { doc: DiscoveryDocument; sha256: string; label: string } | null {
  try {
    return { ...loadPinnedDocument(version, { root }), label: 'the pinned document' };
  } catch {
    try {
      const bytes = readFileSync(path);
      return { ...parseDocument(version, bytes, path, ''), label: 'the previous spec file' };
    } catch {
      return null;
    }
  }
}

export async function pullSpecs(opts: PullOptions = {}): Promise<PullResult> {
  const root = rootOf(opts);
  const log = opts.log ?? ((line: string) => console.log(line));
  const warn = opts.warn ?? ((line: string) => console.error(`spec:pull: ${line}`));
  const sources = readSources({ root });
  const versions = opts.versions ?? Object.keys(sources.versions);
  assertKnownVersions(sources, versions);
  const results = await Promise.allSettled(
    versions.map((v) => fetchDocument(v, { root, from: opts.from, fetch: opts.fetch })),
  );

  // First pass: read everything, so that one bad document leaves spec/ and the lock untouched.
  const fetched: FetchedDocument[] = [];
  const skipped: string[] = [];
  const skipNotes: string[] = [];
  let failure = 0;
  results.forEach((r, i) => {
    const version = versions[i] ?? '';
    if (r.status === 'fulfilled') fetched.push(r.value);
    else if (r.reason instanceof SpecMissingError && opts.versions === undefined) {
      skipped.push(version);
      skipNotes.push(`${version}: skipped, not available: ${r.reason.message}`);
    } else {
      const e: unknown = r.reason;
      warn(`${version}: ${e instanceof Error ? e.message : String(e)}`);
      failure = Math.max(failure, e instanceof SpecError ? e.exitCode : 1);
    }
  });
  if (failure) {
    const what = failure === 2 ? 'a source could not be read' : 'a document is invalid';
    throw new SpecError(`nothing written: ${what} (see the messages above)`, failure);
  }
  if (!fetched.length) throw new SpecUnreachableError('nothing pulled: no source had any of the documents');

  const lock = readLock({ root });
  const pulledAt = (opts.now ?? new Date()).toISOString();
  for (const f of fetched) {
    const path = specPath(f.version, { root });
    const before = previousDocument(f.version, root, path);
    writeFileAtomic(path, f.bytes);

    const old = lock[f.version];
    // Re-pulling identical bytes from the same place keeps the entry (and its pulledAt) byte-identical.
    if (!old || old.sha256 !== f.sha256 || old.from !== f.from) {
      lock[f.version] = { revision: f.doc.revision ?? null, sha256: f.sha256, pulledAt, from: f.from };
    }
    const revision = f.doc.revision ?? 'none';
    const to = displayPath(root, path);
    log(`${f.version}: pulled from ${f.from} → ${to} (sha256 ${shortSha(f.sha256)}, revision ${revision})`);
    if (!before) log(`  new: ${describeDocument(f.doc)}`);
    else if (before.sha256 === f.sha256) log('  unchanged');
    else {
      const diff = diffDocuments(before.doc, f.doc);
      const summary = isEmptyDiff(diff) ? 'descriptions or other details only' : formatDrift(diff);
      log(`  changes since ${before.label}:\n${summary.replace(/^/gm, '    ')}`);
    }
  }
  skipNotes.forEach((note) => log(note));
  writeLock(lock, { root });
  const pulled = fetched.map((f) => f.version);
  log(`spec/lock.json pins ${pulled.join(', ')}${skipped.length ? ` (skipped ${skipped.join(', ')})` : ''}`);
  return { pulled, skipped, lock };
}

const USAGE = 'usage: npm run spec:pull [-- --from <dir>] [-- --version <v> ...] [-- --root <project dir>]';

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        version: { type: 'string', multiple: true },
        root: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new SpecError(`${(e as Error).message}\n${USAGE}`, 64);
  }
  // Paths typed on the command line are relative to where the user ran npm, not to the package folder.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  await pullSpecs({
    root: values.root === undefined ? undefined : resolve(cwd, values.root),
    from: values.from === undefined ? undefined : resolve(cwd, values.from),
    versions: values.version,
  });
  return 0;
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? ''))
  runCli('spec:pull', () => main(process.argv.slice(2)));
