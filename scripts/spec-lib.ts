// The pinned discovery-document workflow, shared by scripts/spec-pull.ts, scripts/spec-check.ts and codegen/.
//
// spec/sources.json says where each API version's discovery document is published. The documents themselves
// are committed next to it (spec/generativelanguage.<v>.json: the generator's input is part of the
// product, so a fresh clone regenerates with no network), and spec/lock.json pins their exact bytes (sha256).
// Only `npm run spec:pull` replaces them. Every entry point takes an optional `root` (the folder holding
// package.json) so tests can run against a temporary project instead of this one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectMethods } from './spec-diff.js';

// ---------------------------------------------------------------------------------------------- errors

/** A problem with the spec files or a document. `exitCode` is what the CLIs exit with (1). */
export class SpecError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The source (URL or directory) cannot be read: no network, DNS failure, refused, timeout, HTTP error. */
export class SpecUnreachableError extends SpecError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The source is reachable but publishes no document for this version (HTTP 404, file absent from the dir). */
export class SpecMissingError extends SpecUnreachableError {}

// ----------------------------------------------------------------------------------------------- types

/** Where one API version's discovery document is published, and its file name under spec/ (and in --from dirs). */
export interface VersionSource {
  url: string;
  file: string;
}

/** spec/sources.json. */
export interface Sources {
  versions: Record<string, VersionSource>;
}

/**
 * One version's pin in spec/lock.json. `from` says where the bytes came from: the URL, a directory relative to
 * the project root, or `local directory <name>` for one outside it (the lock never records a path that leads
 * out of the repository).
 */
export interface LockEntry {
  revision: string | null;
  sha256: string;
  pulledAt: string;
  from: string;
}

/** spec/lock.json: version → pin; only versions actually pulled appear. */
export type Lock = Record<string, LockEntry>;

/** A document that passed verifyDiscovery. Nested parts stay `unknown`: codegen/load.ts checks them. */
export interface DiscoveryDocument {
  name: string;
  version: string;
  revision?: string;
  resources: Record<string, unknown>;
  schemas: Record<string, unknown>;
  [key: string]: unknown;
}

export interface RootOptions {
  /** Project root (folder with spec/); defaults to the one holding this package's package.json. */
  root?: string | undefined;
}

export interface FetchOptions extends RootOptions {
  /** Read `<from>/<file>` instead of the URL; relative to the project root. */
  from?: string | undefined;
  /** Injectable for tests; defaults to global fetch. */
  fetch?: typeof fetch | undefined;
  timeoutMs?: number | undefined;
}

/** What spec:pull and spec:check share: where to read, which versions, and where lines go. */
export interface SpecRunOptions extends RootOptions {
  /** Directory to read instead of the URLs (relative to the root). */
  from?: string | undefined;
  /** Versions to handle; default: every version (spec/sources.json for pull, the lock for check). */
  versions?: string[] | undefined;
  /** Injectable for tests; defaults to global fetch. */
  fetch?: typeof fetch | undefined;
  /** Progress lines; default stdout. */
  log?: ((line: string) => void) | undefined;
  /** Per-version failures; default stderr. */
  warn?: ((line: string) => void) | undefined;
}

/** A fetched and verified document; `bytes` are exactly what was read (the sha256 covers them). */
export interface FetchedDocument {
  version: string;
  doc: DiscoveryDocument;
  bytes: Uint8Array;
  text: string;
  sha256: string;
  /** What the lock records: the URL, or the directory relative to the root. */
  from: string;
  /** The full URL or file path that was read, for messages. */
  location: string;
}

/** The committed document the lock pins (spec/<file>). */
export interface PinnedDocument {
  doc: DiscoveryDocument;
  text: string;
  sha256: string;
  path: string;
}

// ------------------------------------------------------------------------------------- paths and files

/** The folder holding package.json, searched upwards from `start` (default: this file's folder). */
export function findProjectRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new SpecError(`no package.json found in ${start} or above`);
  }
}

/**
 * What the lock records for a directory source: its path relative to the root, or `local directory <name>`
 * when it lies outside the project (a path like `../x` would point out of the repository).
 */
export function sourceLabel(root: string, dir: string): string {
  const rel = displayPath(root, dir);
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel) ? `local directory ${basename(dir)}` : rel;
}

/** Resolves the root an options object names (or the default one). */
export function rootOf(opts: RootOptions = {}): string {
  return resolve(opts.root ?? findProjectRoot());
}

/** `p` relative to the root, with `/` separators, for messages and the lock. */
export function displayPath(root: string, p: string): string {
  return relative(root, p).split(sep).join('/') || '.';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The first 12 hex digits, enough to tell documents apart in messages. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function readJson(path: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecError(`cannot read ${label}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new SpecError(`${label} is not valid JSON (${(e as Error).message})`);
  }
}

/** Writes through a temporary file so a crash never leaves a half-written file behind. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Reads and checks spec/sources.json. */
export function readSources(opts: RootOptions = {}): Sources {
  const label = 'spec/sources.json';
  const raw = readJson(join(rootOf(opts), 'spec', 'sources.json'), label);
  if (!isRecord(raw)) throw new SpecError(`${label} must be a JSON object`);
  const { versions } = raw;
  if (!isRecord(versions)) throw new SpecError(`${label}: "versions" must be an object`);
  const out: Record<string, VersionSource> = {};
  for (const [version, src] of Object.entries(versions)) {
    if (!isRecord(src) || typeof src.url !== 'string' || typeof src.file !== 'string') {
      throw new SpecError(`${label}: versions.${version} must be { "url": string, "file": string }`);
    }
    out[version] = { url: src.url, file: src.file };
  }
  return { versions: out };
}

function isLockEntry(e: unknown): e is LockEntry {
  return (
    isRecord(e) &&
    (typeof e.revision === 'string' || e.revision === null) &&
    typeof e.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(e.sha256) &&
    typeof e.pulledAt === 'string' &&
    typeof e.from === 'string'
  );
}

/** Reads and checks spec/lock.json; an absent lock is an empty one. */
export function readLock(opts: RootOptions = {}): Lock {
  const path = join(rootOf(opts), 'spec', 'lock.json');
  if (!existsSync(path)) return {};
  const label = 'spec/lock.json';
  const raw = readJson(path, label);
  if (!isRecord(raw)) throw new SpecError(`${label} must be a JSON object`);
  const lock: Lock = {};
  for (const [version, e] of Object.entries(raw)) {
    if (!isLockEntry(e)) {
      throw new SpecError(
        `${label}: ${version} must be { revision: string | null, sha256: 64 hex digits, pulledAt: string, from: string }`,
      );
    }
    lock[version] = { revision: e.revision, sha256: e.sha256, pulledAt: e.pulledAt, from: e.from };
  }
  return lock;
}

/** Writes spec/lock.json with sorted versions and a fixed field order, so rewrites are byte-stable. */
export function writeLock(lock: Lock, opts: RootOptions = {}): void {
  const sorted: Lock = {};
  for (const version of Object.keys(lock).sort()) {
    const e = lock[version];
    if (e) sorted[version] = { revision: e.revision, sha256: e.sha256, pulledAt: e.pulledAt, from: e.from };
  }
  writeFileAtomic(join(rootOf(opts), 'spec', 'lock.json'), `${JSON.stringify(sorted, null, 2)}\n`);
}

// -------------------------------------------------------------------------------------------- verifying

/** Calls `visit` for every method in a resource tree; `key` is the method id or its resource path. */
export function walkMethods(
  resources: unknown,
  prefix: string,
  visit: (key: string, method: unknown) => void,
): void {
  if (!isRecord(resources)) return;
  for (const [name, resource] of Object.entries(resources)) {
    if (!isRecord(resource)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (isRecord(resource.methods)) {
      for (const [m, method] of Object.entries(resource.methods)) {
        const id = isRecord(method) && typeof method.id === 'string' ? method.id : `${path}.${m}`;
        visit(id, method);
      }
    }
    walkMethods(resource.resources, path, visit);
  }
}

/**
 * Checks that `doc` looks like a Google discovery document; throws a SpecError naming every problem found and
 * `where` (file or URL). Deeper checks (schema refs, parameters) belong to codegen/load.ts.
 */
export function verifyDiscovery(doc: unknown, where: string): asserts doc is DiscoveryDocument {
  if (!isRecord(doc)) {
    throw new SpecError(
      `${where}: not a discovery document: expected a JSON object, got ${describeValue(doc)}`,
    );
  }
  // Google APIs answer errors as {"error": {"code", "message"}}; say so rather than list missing keys.
  if (isRecord(doc.error) && doc.resources === undefined) {
    const msg = typeof doc.error.message === 'string' ? doc.error.message : JSON.stringify(doc.error);
    throw new SpecError(`${where}: not a discovery document: the server returned an error: ${msg}`);
  }
  const problems: string[] = [];
  if (doc.kind !== 'discovery#restDescription' && typeof doc.discoveryVersion !== 'string') {
    const kind = doc.kind === undefined ? '' : ` (kind is ${JSON.stringify(doc.kind)})`;
    problems.push(`neither kind "discovery#restDescription" nor "discoveryVersion" is present${kind}`);
  }
  for (const key of ['name', 'version']) {
    if (typeof doc[key] !== 'string' || doc[key] === '') problems.push(`"${key}" must be a non-empty string`);
  }
  for (const key of ['resources', 'schemas']) {
    const v = doc[key];
    if (!isRecord(v))
      problems.push(`"${key}" must be an object (${v === undefined ? 'missing' : describeValue(v)})`);
  }
  const badMethods: string[] = [];
  walkMethods(doc.resources, '', (key, method) => {
    const m = isRecord(method) ? method : {};
    const missing = ['id', 'httpMethod', 'path'].filter((f) => typeof m[f] !== 'string');
    if (missing.length) badMethods.push(`method ${key} lacks ${missing.map((f) => `"${f}"`).join(', ')}`);
  });
  problems.push(...badMethods.slice(0, 5));
  if (badMethods.length > 5) problems.push(`… ${badMethods.length - 5} more malformed methods`);
  if (problems.length)
    throw new SpecError(`${where}: not a valid discovery document: ${problems.join('; ')}`);
}

/** Parses and verifies document bytes; also checks the document is for the version asked for. */
export function parseDocument(
  version: string,
  bytes: Uint8Array,
  location: string,
  from: string,
): FetchedDocument {
  const text = new TextDecoder().decode(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (e) {
    throw new SpecError(`${location}: not valid JSON (${(e as Error).message})`);
  }
  verifyDiscovery(doc, location);
  if (doc.version !== version) {
    throw new SpecError(
      `${location}: expected the ${version} document, but its "version" is "${doc.version}"`,
    );
  }
  return { version, doc, bytes, text, sha256: sha256Hex(bytes), from, location };
}

// -------------------------------------------------------------------------------------------- fetching

/** Explains a failed fetch: Node's "fetch failed" hides the useful code (ENOTFOUND, ECONNREFUSED…) in `cause`. */
function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s (no network?)`;
  }
  const cause = err instanceof Error && isRecord(err.cause) ? err.cause : undefined;
  // Connecting to a host with several addresses fails with an AggregateError whose parts carry the code.
  const first: unknown = Array.isArray(cause?.errors) ? cause.errors[0] : undefined;
  const code = cause?.code ?? (isRecord(first) ? first.code : undefined);
  const hints: Record<string, string> = {
    ENOTFOUND: 'DNS lookup failed: no network?',
    EAI_AGAIN: 'DNS lookup failed: no network?',
    ECONNREFUSED: 'connection refused',
    ENETUNREACH: 'network unreachable: no network?',
    EHOSTUNREACH: 'host unreachable',
    ECONNRESET: 'connection reset',
    UND_ERR_CONNECT_TIMEOUT: 'connect timed out: no network?',
  };
  if (typeof code === 'string') {
    const detail = typeof cause?.message === 'string' && cause.message.includes(code) ? cause.message : code;
    return hints[code] ? `${detail} (${hints[code]})` : detail;
  }
  return err instanceof Error ? err.message : String(err);
}

async function download(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetchImpl(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    throw new SpecUnreachableError(`cannot reach ${url}: ${networkReason(e, timeoutMs)}`);
  }
  if (res.status === 404) {
    throw new SpecMissingError(`${url} answered 404 Not Found: no document is published for this version`);
  }
  if (!res.ok)
    throw new SpecUnreachableError(`${url} answered HTTP ${res.status} ${res.statusText}`.trimEnd());
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new SpecUnreachableError(`${url}: the download broke off: ${networkReason(e, timeoutMs)}`);
  }
}

function readFromDir(dir: string, file: string): Uint8Array {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SpecUnreachableError(`cannot read ${dir}: no such directory`);
  }
  const path = join(dir, file);
  if (!existsSync(path)) throw new SpecMissingError(`${dir} has no ${file}`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new SpecUnreachableError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/**
 * Fetches one version's document from its URL (global fetch, ~20 s timeout) or from `opts.from`, a directory
 * holding `generativelanguage.<v>.json`. Throws SpecUnreachableError (SpecMissingError when the source has no
 * such document) or SpecError when what was read is not a valid discovery document.
 */
export async function fetchDocument(version: string, opts: FetchOptions = {}): Promise<FetchedDocument> {
  const root = rootOf(opts);
  const src = sourceFor(readSources({ root }), version);
  if (opts.from !== undefined) {
    const dir = resolve(root, opts.from);
    const bytes = readFromDir(dir, src.file);
    return parseDocument(version, bytes, join(dir, src.file), sourceLabel(root, dir));
  }
  const bytes = await download(src.url, opts.fetch ?? fetch, opts.timeoutMs ?? 20_000);
  return parseDocument(version, bytes, src.url, src.url);
}

/** Throws a usage error (exit 64) for versions spec/sources.json does not list. */
export function assertKnownVersions(sources: Sources, versions: readonly string[]): void {
  for (const v of versions) if (!sources.versions[v]) sourceFor(sources, v, 64);
}

function sourceFor(sources: Sources, version: string, exitCode = 1): VersionSource {
  const src = sources.versions[version];
  if (!src) {
    const known = Object.keys(sources.versions).join(', ');
    throw new SpecError(`unknown version "${version}": spec/sources.json lists ${known}`, exitCode);
  }
  return src;
}

// ---------------------------------------------------------------------------------------- the pinned doc

/** Where a version's committed document lives: spec/<file> (named by spec/sources.json). */
export function specPath(version: string, opts: RootOptions = {}): string {
  const root = rootOf(opts);
  return join(root, 'spec', sourceFor(readSources({ root }), version).file);
}

/**
 * The committed document spec/lock.json pins (spec/<file>), checked against the locked sha256. Throws a
 * SpecError saying what is wrong (not pinned, absent, edited by hand) and how to re-pin.
 */
export function loadPinnedDocument(version: string, opts: RootOptions = {}): PinnedDocument {
  const root = rootOf(opts);
  const path = specPath(version, { root });
  const shown = displayPath(root, path);
  const pullHint = 'run `npm run spec:pull` (or `npm run spec:pull -- --from <dir>` without network)';
  const entry = readLock({ root })[version];
  if (!entry) throw new SpecError(`${version} is not pinned in spec/lock.json: ${pullHint}`);
  if (!existsSync(path)) {
    throw new SpecError(
      `${shown}, pinned by spec/lock.json, is absent (restore it with git, or ${pullHint})`,
    );
  }
  const bytes = readFileSync(path);
  const sha = sha256Hex(bytes);
  if (sha !== entry.sha256) {
    throw new SpecError(
      `${shown} (sha256 ${shortSha(sha)}) is not the document spec/lock.json pins (sha256 ` +
        `${shortSha(entry.sha256)}); the documents change only through spec:pull, which re-pins: ${pullHint}, ` +
        'or restore the file with git',
    );
  }
  const { doc, text } = parseDocument(version, bytes, path, 'spec');
  return { doc, text, sha256: sha, path };
}

// ----------------------------------------------------------------------------------------------- CLIs

/** Counts for messages: `79 methods, 172 schemas`. */
export function describeDocument(doc: DiscoveryDocument): string {
  return `${collectMethods(doc).size} methods, ${Object.keys(doc.schemas).length} schemas`;
}

/**
 * Runs a CLI body and exits with its code; errors become one line on stderr, never a stack trace (set
 * SPEC_DEBUG=1 to see it). SpecErrors carry their exit code; anything unexpected exits 1.
 */
export function runCli(name: string, body: () => Promise<number>): void {
  body().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const known = e instanceof SpecError;
      const message = e instanceof Error ? e.message : String(e);
      console.error(`${name}: ${known ? '' : 'unexpected error: '}${message}`);
      if (process.env.SPEC_DEBUG && e instanceof Error) console.error(e.stack);
      process.exitCode = known ? e.exitCode : 1;
    },
  );
}

export * from './spec-diff.js';
