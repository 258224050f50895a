// The pinned-spec workflow (scripts/spec-lib.ts, spec-pull.ts, spec-check.ts), run against temporary projects:
// the real spec/ is only read, never written. Network sources are loopback only.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSpecs } from '../../scripts/spec-check.js';
import {
  SpecError,
  SpecMissingError,
  SpecUnreachableError,
  diffDocuments,
  fetchDocument,
  formatDrift,
  isEmptyDiff,
  loadPinnedDocument,
  readLock,
  sameApiContent,
  sha256Hex,
  verifyDiscovery,
} from '../../scripts/spec-lib.js';
import type { DiscoveryDocument } from '../../scripts/spec-lib.js';
import { pullSpecs } from '../../scripts/spec-pull.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const NOW = new Date('2025-01-02T03:04:05.000Z');

/** A small but complete discovery document; tests mutate copies of it. */
function fixture(version: string): DiscoveryDocument {
  return {
    kind: 'discovery#restDescription',
    discoveryVersion: 'v1',
    name: 'generativelanguage',
    version,
    revision: '20250101',
    resources: {
      models: {
        methods: {
          get: {
            id: 'generativelanguage.models.get',
            httpMethod: 'GET',
            path: `${version}/{+name}`,
            parameters: { name: { type: 'string', location: 'path', required: true } },
            response: { $ref: 'Model' },
          },
          list: {
            id: 'generativelanguage.models.list',
            httpMethod: 'GET',
            path: `${version}/models`,
            parameters: { pageToken: { type: 'string', location: 'query' } },
            response: { $ref: 'ListModelsResponse' },
          },
        },
        resources: {
          operations: {
            methods: {
              get: {
                id: 'generativelanguage.models.operations.get',
                httpMethod: 'GET',
                path: `${version}/{+name}`,
              },
            },
          },
        },
      },
    },
    schemas: {
      Model: {
        id: 'Model',
        type: 'object',
        description: 'A model.',
        properties: {
          name: { type: 'string' },
          state: { type: 'string', enum: ['STATE_UNSPECIFIED', 'ACTIVE'] },
          tokens: { type: 'string', format: 'int64' },
          methods: { type: 'array', items: { type: 'string', enum: ['GET', 'LIST'] } },
        },
      },
      ListModelsResponse: {
        id: 'ListModelsResponse',
        type: 'object',
        properties: {
          models: { type: 'array', items: { $ref: 'Model' } },
          nextPageToken: { type: 'string' },
        },
      },
      Empty: { id: 'Empty', type: 'object', properties: {} },
    },
  };
}

const clone = (d: DiscoveryDocument): DiscoveryDocument => structuredClone(d);
const rec = (v: unknown): Record<string, unknown> => v as Record<string, unknown>;

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary project: spec/sources.json (URLs on `baseUrl`) and an `upstream/` dir with v1beta and v1. */
function makeProject(baseUrl = 'http://127.0.0.1:9'): { root: string; upstream: string } {
  const root = mkdtempSync(join(tmpdir(), 'spec-test-'));
  tmpDirs.push(root);
  const versions: Record<string, { url: string; file: string }> = {};
  for (const v of ['v1beta', 'v1', 'v1alpha']) {
    versions[v] = { url: `${baseUrl}/$discovery/rest?version=${v}`, file: `generativelanguage.${v}.json` };
  }
  mkdirSync(join(root, 'spec'));
  const sources = { versions };
  writeFileSync(join(root, 'spec', 'sources.json'), JSON.stringify(sources, null, 2));
  const upstream = join(root, 'upstream');
  mkdirSync(upstream);
  writeDoc(upstream, fixture('v1beta'));
  writeDoc(upstream, fixture('v1'));
  return { root, upstream };
}

function writeDoc(dir: string, doc: unknown, version = rec(doc).version as string, indent = 2): void {
  writeFileSync(join(dir, `generativelanguage.${version}.json`), `${JSON.stringify(doc, null, indent)}\n`);
}

const quiet = { log: () => {}, warn: () => {} };

/** Runs a script the way `npm run` does (through tsx); returns its exit code and output. */
function run(
  script: 'spec-check' | 'spec-pull',
  args: string[],
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

describe('verifyDiscovery', () => {
  it('accepts a discovery document', () => {
    expect(() => verifyDiscovery(fixture('v1beta'), 'x.json')).not.toThrow();
    const { kind: _kind, ...noKind } = fixture('v1'); // discoveryVersion alone is enough
    expect(() => verifyDiscovery(noKind, 'x.json')).not.toThrow();
  });

  it.each([
    ['null', null, /x\.json: not a discovery document: expected a JSON object, got null/],
    ['an array', [], /expected a JSON object, got an array/],
    [
      'a Google error payload',
      { error: { code: 403, message: 'denied' } },
      /server returned an error: denied/,
    ],
  ])('rejects %s', (_name, doc, message) => {
    expect(() => verifyDiscovery(doc, 'x.json')).toThrow(message);
  });

  it('names every missing part of an empty object', () => {
    let error: unknown;
    try {
      verifyDiscovery({}, 'https://example.test/doc');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as Error).message;
    expect(message).toMatch(/^https:\/\/example\.test\/doc: not a valid discovery document/);
    for (const part of [
      'discovery#restDescription',
      '"name"',
      '"version"',
      '"resources" must be an object (missing)',
    ]) {
      expect(message).toContain(part);
    }
    expect(message).toContain('"schemas" must be an object (missing)');
  });

  it('rejects a wrong kind, wrongly typed sections and malformed methods', () => {
    const wrongKind = { ...fixture('v1'), kind: 'discovery#directoryList', discoveryVersion: undefined };
    expect(() => verifyDiscovery(wrongKind, 'd')).toThrow(/\(kind is "discovery#directoryList"\)/);
    expect(() => verifyDiscovery({ ...fixture('v1'), schemas: [] }, 'd')).toThrow(
      /"schemas" must be an object \(an array\)/,
    );
    const doc = clone(fixture('v1'));
    delete rec(rec(rec(rec(doc.resources).models).methods).get).httpMethod;
    expect(() => verifyDiscovery(doc, 'd')).toThrow(
      /method generativelanguage\.models\.get lacks "httpMethod"/,
    );
  });

  it('fetchDocument rejects invalid JSON and a document for another version, naming the file', async () => {
    const { root, upstream } = makeProject();
    writeFileSync(join(upstream, 'generativelanguage.v1beta.json'), '{ "kind": ');
    await expect(fetchDocument('v1beta', { root, from: upstream })).rejects.toThrow(
      /generativelanguage\.v1beta\.json: not valid JSON/,
    );
    writeDoc(upstream, fixture('v1'), 'v1beta');
    await expect(fetchDocument('v1beta', { root, from: upstream })).rejects.toThrow(
      /expected the v1beta document, but its "version" is "v1"/,
    );
  });
});

describe('pullSpecs and loadPinnedDocument', () => {
  it('writes spec/ and a stable lock, skipping versions the source lacks', async () => {
    const { root, upstream } = makeProject();
    const lines: string[] = [];
    const result = await pullSpecs({ root, from: upstream, now: NOW, log: (l) => lines.push(l) });
    expect(result.pulled).toEqual(['v1beta', 'v1']);
    expect(result.skipped).toEqual(['v1alpha']);
    expect(lines.join('\n')).toMatch(
      /v1alpha: skipped, not available: .*has no generativelanguage\.v1alpha\.json/,
    );

    const source = readFileSync(join(upstream, 'generativelanguage.v1beta.json'));
    expect(readFileSync(join(root, 'spec', 'generativelanguage.v1beta.json'))).toEqual(source);
    const lockText = readFileSync(join(root, 'spec', 'lock.json'), 'utf8');
    expect(lockText.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(lockText) as object)).toEqual(['v1', 'v1beta']);
    expect(readLock({ root }).v1beta).toEqual({
      revision: '20250101',
      sha256: sha256Hex(source),
      pulledAt: NOW.toISOString(),
      from: 'upstream',
    });

    // Pulling the same bytes again leaves the lock byte-identical (pulledAt included).
    await pullSpecs({ root, from: upstream, now: new Date(), ...quiet });
    expect(readFileSync(join(root, 'spec', 'lock.json'), 'utf8')).toBe(lockText);
  });

  it('reports what changed since the pinned document and re-pins', async () => {
    const { root, upstream } = makeProject();
    await pullSpecs({ root, from: upstream, now: NOW, ...quiet });
    const next = clone(fixture('v1beta'));
    rec(rec(rec(next.resources).models).methods).count = {
      id: 'generativelanguage.models.count',
      httpMethod: 'POST',
      path: 'v1beta/{+model}:count',
    };
    writeDoc(upstream, next);
    const lines: string[] = [];
    await pullSpecs({ root, from: upstream, versions: ['v1beta'], log: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('changes since the pinned document');
    expect(lines.join('\n')).toContain('+ generativelanguage.models.count');
    expect(readLock({ root }).v1beta?.pulledAt).not.toBe(NOW.toISOString());
    expect(readLock({ root }).v1?.pulledAt).toBe(NOW.toISOString()); // versions not pulled keep their pin
  });

  it('writes nothing when a document is invalid or a source is unreachable', async () => {
    const { root, upstream } = makeProject();
    writeFileSync(join(upstream, 'generativelanguage.v1.json'), '{"kind": "nope"}');
    await expect(pullSpecs({ root, from: upstream, ...quiet })).rejects.toMatchObject({ exitCode: 1 });
    await expect(pullSpecs({ root, from: join(root, 'nowhere'), ...quiet })).rejects.toMatchObject({
      exitCode: 2,
    });
    expect(existsSync(join(root, 'spec', 'lock.json'))).toBe(false);
    expect(existsSync(join(root, 'spec', 'generativelanguage.v1beta.json'))).toBe(false);
  });

  it('loads the committed document the lock pins, and refuses an absent or hand-edited one', async () => {
    const { root, upstream } = makeProject();
    expect(() => loadPinnedDocument('v1beta', { root })).toThrow(
      /not pinned in spec\/lock\.json: run `npm run spec:pull`/,
    );
    await pullSpecs({ root, from: upstream, ...quiet });
    const path = join(root, 'spec', 'generativelanguage.v1beta.json');
    const pinned = loadPinnedDocument('v1beta', { root });
    expect(pinned.path).toBe(path);
    expect(pinned.doc.version).toBe('v1beta');
    expect(pinned.sha256).toBe(readLock({ root }).v1beta?.sha256);

    writeDoc(join(root, 'spec'), { ...fixture('v1beta'), revision: '20990101' });
    expect(() => loadPinnedDocument('v1beta', { root })).toThrow(
      /spec\/generativelanguage\.v1beta\.json \(sha256 [0-9a-f]{12}\) is not the document spec\/lock\.json pins .*npm run spec:pull/,
    );
    rmSync(path);
    expect(() => loadPinnedDocument('v1beta', { root })).toThrow(
      /spec\/generativelanguage\.v1beta\.json, pinned by spec\/lock\.json, is absent/,
    );
  });

  it('records a directory outside the project by name only, never as a path leading out of it', async () => {
    const { root, upstream } = makeProject();
    const outside = mkdtempSync(join(tmpdir(), 'spec-outside-'));
    tmpDirs.push(outside);
    cpSync(upstream, outside, { recursive: true });
    await pullSpecs({ root, from: outside, ...quiet });
    expect(readLock({ root }).v1beta?.from).toBe(`local directory ${basename(outside)}`);
  });
});

describe("this repository's spec/", () => {
  it('commits every pinned document, byte for byte what spec/lock.json pins', () => {
    const lock = readLock({ root: ROOT });
    expect(Object.keys(lock).sort()).toEqual(['v1', 'v1beta']);
    for (const version of Object.keys(lock)) {
      const pinned = loadPinnedDocument(version, { root: ROOT });
      expect(pinned.path).toBe(join(ROOT, 'spec', `generativelanguage.${version}.json`));
      expect(pinned.doc.version).toBe(version);
      expect(lock[version]?.from).not.toMatch(/^\.\.|^\//);
    }
    expect(lock.v1beta?.revision).toBeNull(); // the offline v1beta copy has no revision (spec/PROVENANCE.md)
    expect(lock.v1?.revision).toBe('20240410');
  });
});

describe('fetchDocument over HTTP (loopback)', () => {
  it('downloads, reports 404 as missing and a closed port as unreachable', async () => {
    const body = JSON.stringify(fixture('v1beta'));
    const server = createServer((req, res) => {
      const ok = req.url?.endsWith('version=v1beta');
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(ok ? body : '{}');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const { root } = makeProject(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const doc = await fetchDocument('v1beta', { root });
      expect(doc.sha256).toBe(sha256Hex(new TextEncoder().encode(body)));
      expect(doc.from).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\$discovery\/rest\?version=v1beta$/);
      await expect(fetchDocument('v1alpha', { root })).rejects.toBeInstanceOf(SpecMissingError);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
    const { root } = makeProject(`http://127.0.0.1:${await closedPort()}`);
    const failure = fetchDocument('v1beta', { root });
    await expect(failure).rejects.toBeInstanceOf(SpecUnreachableError);
    await expect(failure).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:\d+\/.*ECONNREFUSED/);
  });
});

describe('diffDocuments', () => {
  it('finds nothing between equal documents', () => {
    const d = diffDocuments(fixture('v1'), fixture('v1'));
    expect(isEmptyDiff(d)).toBe(true);
    expect(formatDrift(d)).toBe('no changes to methods, schemas or revision');
  });

  it('finds added, removed and changed methods and schemas', () => {
    const next = clone(fixture('v1'));
    next.revision = '20250202';
    const models = rec(rec(next.resources).models);
    const methods = rec(models.methods);
    delete methods.list;
    methods.generate = {
      id: 'generativelanguage.models.generate',
      httpMethod: 'POST',
      path: 'v1/{+model}:generate',
    };
    const get = rec(methods.get);
    get.httpMethod = 'POST';
    get.response = { $ref: 'Empty' };
    get.parameters = {
      name: { type: 'string', location: 'path', required: true },
      view: { type: 'string', location: 'query' },
    };
    const schemas = next.schemas;
    delete schemas.ListModelsResponse;
    schemas.Tool = { id: 'Tool', type: 'object', properties: {} };
    const props = rec(rec(schemas.Model).properties);
    delete props.name;
    props.displayName = { type: 'string' };
    props.tokens = { type: 'integer', format: 'int32' };
    props.state = { type: 'string', enum: ['STATE_UNSPECIFIED', 'FAILED'] };
    props.methods = { type: 'array', items: { type: 'string', enum: ['GET', 'LIST', 'CREATE'] } };

    const d = diffDocuments(fixture('v1'), next);
    expect(d.revision).toEqual({ from: '20250101', to: '20250202' });
    expect(d.methods.added).toEqual(['generativelanguage.models.generate']);
    expect(d.methods.removed).toEqual(['generativelanguage.models.list']);
    expect(d.methods.changed).toEqual([
      {
        id: 'generativelanguage.models.get',
        changes: ['httpMethod GET → POST', 'response Model → Empty', 'parameter added: view'],
      },
    ]);
    expect(d.schemas.added).toEqual(['Tool']);
    expect(d.schemas.removed).toEqual(['ListModelsResponse']);
    expect(d.schemas.changed).toEqual([
      {
        name: 'Model',
        changes: [
          'property added: displayName',
          'property removed: name',
          'enum of state: added FAILED; removed ACTIVE',
          'type of tokens: string(int64) → integer(int32)',
          'enum of methods[]: added CREATE',
        ],
      },
    ]);
    const text = formatDrift(d);
    expect(text).toContain('revision 20250101 → 20250202');
    expect(text).toContain('methods: 1 added, 1 removed, 1 changed');
    expect(text).toContain('~ Model: property added: displayName;');
  });

  it('sameApiContent ignores formatting, key order and revision but not descriptions', () => {
    const reordered = JSON.parse(
      JSON.stringify({ ...fixture('v1'), revision: '20990101' }, null, 1),
    ) as DiscoveryDocument;
    const moved = Object.fromEntries(Object.entries(reordered).reverse()) as DiscoveryDocument;
    expect(sameApiContent(fixture('v1'), moved)).toBe(true);
    const described = clone(fixture('v1'));
    rec(described.schemas.Model).description = 'Another model.';
    expect(sameApiContent(fixture('v1'), described)).toBe(false);
    expect(isEmptyDiff(diffDocuments(fixture('v1'), described))).toBe(true);
  });
});

describe('spec:check', () => {
  it('exits 0 in sync, 1 on drift (full diff or hashes only), 2 when unreachable', async () => {
    const { root, upstream } = makeProject(`http://127.0.0.1:${await closedPort()}`);
    await pullSpecs({ root, from: upstream, ...quiet });
    const check = (...args: string[]) => run('spec-check', ['--root', root, ...args]);

    let r = check('--from', upstream);
    expect(r.code).toBe(0);
    expect(r.out).toContain('in sync (v1beta, v1)');

    // A revision bump re-serialised differently is not drift, unless --strict.
    writeDoc(upstream, { ...fixture('v1'), revision: '20990101' }, 'v1', 4);
    r = check('--from', upstream);
    expect(r.code).toBe(0);
    expect(r.out).toContain('v1: in sync (sha256');
    expect(r.out).toContain('bytes differ only in formatting or revision');
    expect(check('--from', upstream, '--strict').code).toBe(1);

    const next = clone(fixture('v1beta'));
    delete rec(rec(rec(next.resources).models).methods).list;
    writeDoc(upstream, next);
    r = check('--from', upstream, '--version', 'v1beta');
    expect(r.code).toBe(1);
    expect(r.out).toContain('- generativelanguage.models.list');
    expect(r.out).toContain('drift in v1beta: run `npm run spec:pull`');

    rmSync(join(root, 'spec', 'generativelanguage.v1beta.json'));
    r = check('--from', upstream, '--version', 'v1beta');
    expect(r.code).toBe(1);
    expect(r.out).toContain('only hashes compared');

    r = check('--from', join(root, 'nowhere'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec:check: v1beta: cannot read .*nowhere: no such directory/);
    expect(r.err).not.toMatch(/\n\s+at /);

    r = check(); // the sources' URLs point at a closed loopback port
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/.*ECONNREFUSED.*\(connection refused\)/);
    expect(r.err).not.toMatch(/\n\s+at /);

    expect(check('--nope').code).toBe(64);
    r = check('--version', 'v9');
    expect(r.code).toBe(64);
    expect(r.err).toContain('unknown version "v9": spec/sources.json lists v1beta, v1, v1alpha');
  });

  it('checkSpecs flags a pinned version the source no longer verifies as drift', async () => {
    const { root, upstream } = makeProject();
    await pullSpecs({ root, from: upstream, ...quiet });
    writeFileSync(join(upstream, 'generativelanguage.v1.json'), '[]');
    const result = await checkSpecs({ root, from: upstream, ...quiet });
    expect(result).toMatchObject({ exitCode: 1, inSync: ['v1beta'], drifted: ['v1'] });
  });

  it('spec:pull exits 1 on an invalid document and 2 on an unreachable source, without a stack trace', () => {
    const { root, upstream } = makeProject();
    writeFileSync(join(upstream, 'generativelanguage.v1beta.json'), '{"hello": 1}');
    let r = run('spec-pull', ['--root', root, '--from', upstream]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('spec:pull: v1beta: ');
    expect(r.err).toContain('not a valid discovery document');
    expect(r.err).toContain('spec:pull: nothing written: a document is invalid');
    r = run('spec-pull', ['--root', root, '--from', join(root, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'spec', 'lock.json'))).toBe(false);
  });
});
