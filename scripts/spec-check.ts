// `npm run spec:check [-- --from <dir>] [-- --version <v>] [-- --strict]`: compares what spec/lock.json pins
// with the published documents (or the documents in a directory). Read-only.
// Exit codes: 0 in sync, 1 drift (or a published document that no longer verifies), 2 a source cannot be
// reached, 64 usage. Without --strict, documents that differ only in formatting, key order or `revision` count
// as in sync: Google bumps the revision on deployments that change nothing, which would open a PR daily.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  SpecError,
  SpecUnreachableError,
  assertKnownVersions,
  diffDocuments,
  fetchDocument,
  formatDrift,
  isEmptyDiff,
  loadPinnedDocument,
  readLock,
  readSources,
  rootOf,
  runCli,
  sameApiContent,
  shortSha,
} from './spec-lib.js';
import type { FetchedDocument, LockEntry, PinnedDocument, SpecRunOptions } from './spec-lib.js';

export interface CheckOptions extends SpecRunOptions {
  /** Any byte difference is drift. */
  strict?: boolean | undefined;
}

export interface CheckResult {
  exitCode: 0 | 1 | 2;
  inSync: string[];
  drifted: string[];
  unreachable: string[];
}

const indent = (text: string): string => text.replace(/^/gm, '    ');

/** Describes how `f` differs from the pin, or returns null when it counts as in sync. */
function driftOf(f: FetchedDocument, entry: LockEntry, root: string, strict: boolean): string | null {
  if (f.sha256 === entry.sha256) return null;
  let pinned: PinnedDocument | null = null;
  try {
    pinned = loadPinnedDocument(f.version, { root });
  } catch {
    // Without the pinned bytes (spec/<file> absent or edited by hand) only the hashes can be compared.
  }
  if (!pinned) {
    const revision = `revision ${entry.revision ?? 'none'} → ${f.doc.revision ?? 'none'}`;
    return `sha256 ${shortSha(entry.sha256)} → ${shortSha(f.sha256)}, ${revision} (pinned document not available locally: only hashes compared)`;
  }
  if (!strict && sameApiContent(pinned.doc, f.doc)) return null;
  const diff = diffDocuments(pinned.doc, f.doc);
  return isEmptyDiff(diff) ? 'descriptions or other details changed' : formatDrift(diff);
}

export async function checkSpecs(opts: CheckOptions = {}): Promise<CheckResult> {
  const root = rootOf(opts);
  const log = opts.log ?? ((line: string) => console.log(line));
  const warn = opts.warn ?? ((line: string) => console.error(line));
  const lock = readLock({ root });
  const sources = readSources({ root });
  const order = Object.keys(sources.versions);
  const rank = (v: string): number => (order.includes(v) ? order.indexOf(v) : order.length);
  const versions = opts.versions ?? Object.keys(lock).sort((a, b) => rank(a) - rank(b));
  assertKnownVersions(sources, versions);
  const result: CheckResult = { exitCode: 0, inSync: [], drifted: [], unreachable: [] };
  if (!versions.length) {
    log('nothing is pinned in spec/lock.json: run `npm run spec:pull`');
    return { ...result, exitCode: 1 };
  }

  const fetched = await Promise.allSettled(
    versions.map((v) => fetchDocument(v, { root, from: opts.from, fetch: opts.fetch })),
  );
  fetched.forEach((r, i) => {
    const version = versions[i] ?? '';
    const entry = lock[version];
    if (r.status === 'rejected') {
      const e: unknown = r.reason;
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof SpecUnreachableError) {
        result.unreachable.push(version);
        warn(`spec:check: ${version}: ${message}`);
      } else if (e instanceof SpecError) {
        result.drifted.push(version);
        log(`${version}: drift: the published document does not verify: ${message}`);
      } else throw e;
    } else if (!entry) {
      result.drifted.push(version);
      log(
        `${version}: drift: published (sha256 ${shortSha(r.value.sha256)}) but not pinned in spec/lock.json`,
      );
    } else {
      const drift = driftOf(r.value, entry, root, opts.strict ?? false);
      const where = `sha256 ${shortSha(r.value.sha256)}, revision ${r.value.doc.revision ?? 'none'}`;
      if (drift === null) {
        result.inSync.push(version);
        const note = r.value.sha256 === entry.sha256 ? '' : '; bytes differ only in formatting or revision';
        log(`${version}: in sync (${where}${note})`);
      } else {
        result.drifted.push(version);
        log(`${version}: drift (now ${where}):\n${indent(drift)}`);
      }
    }
  });

  if (result.unreachable.length) {
    warn(`spec:check: could not check ${result.unreachable.join(', ')}: source unreachable`);
    return { ...result, exitCode: 2 };
  }
  if (result.drifted.length) {
    log(
      `drift in ${result.drifted.join(', ')}: run \`npm run spec:pull\` to re-pin, then \`npm run generate\``,
    );
    return { ...result, exitCode: 1 };
  }
  log(`in sync (${result.inSync.join(', ')})`);
  return result;
}

const USAGE =
  'usage: npm run spec:check [-- --from <dir>] [-- --version <v> ...] [-- --strict] [-- --root <project dir>]';

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        version: { type: 'string', multiple: true },
        root: { type: 'string' },
        strict: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new SpecError(`${(e as Error).message}\n${USAGE}`, 64);
  }
  // Paths typed on the command line are relative to where the user ran npm, not to the package folder.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const { exitCode } = await checkSpecs({
    root: values.root === undefined ? undefined : resolve(cwd, values.root),
    from: values.from === undefined ? undefined : resolve(cwd, values.from),
    versions: values.version,
    strict: values.strict,
  });
  return exitCode;
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? ''))
  runCli('spec:check', () => main(process.argv.slice(2)));
