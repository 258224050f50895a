// Golden tests: the fixture outputs byte for byte against test/codegen/fixtures/expected/ (refresh with
// UPDATE_GOLDEN=1); the real v1beta document against the committed generated/ tree and manifest;
// determinism (same bytes run after run, whatever the key order); and `codegen/main.ts --check`.
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryDocument, DiscoveryResource } from '../../codegen/discovery.js';
import { generate } from '../../codegen/generate.js';
import { manifest, manifestSource, type ManifestEntry } from '../../generated/manifest.js';
import type { MethodCall, MethodSpec } from '../../generated/transport.js';
import {
  type CliResult,
  documentMethodIds,
  fixture,
  FIXTURES,
  GENERATED,
  generateFixture,
  hashTree,
  makeTmpDir,
  projectOverrides,
  readDocument,
  readTree,
  removeDir,
  runCli,
  V1_SPEC,
  V1BETA_SPEC,
  writeFiles,
} from './helpers.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Lines that differ between two trees, for a readable failure. */
function treeDiff(actual: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, text] of actual) {
    if (!expected.has(path)) problems.push(`missing from expected: ${path}`);
    else if (expected.get(path) !== text) problems.push(`differs: ${path}`);
  }
  for (const path of expected.keys()) if (!actual.has(path)) problems.push(`not generated: ${path}`);
  return problems;
}

describe.each(['kitchen-sink', 'collisions', 'unknowns'])('golden output of fixture %s', (name) => {
  const dir = join(FIXTURES, 'expected', name);

  it('matches test/codegen/fixtures/expected byte for byte', async () => {
    const { files } = await generateFixture(name);
    if (UPDATE) {
      removeDir(dir);
      writeFiles(dir, files);
    }
    expect(existsSync(dir), `no golden for ${name}; run UPDATE_GOLDEN=1 npx vitest run test/codegen`).toBe(
      true,
    );
    const expected = readTree(dir);
    expect(treeDiff(files, expected), 'run UPDATE_GOLDEN=1 npx vitest run test/codegen to accept').toEqual(
      [],
    );
    for (const [path, text] of files) expect(text, path).toBe(expected.get(path));
  });
});

// The CLI runs regenerate v1beta in child processes (a few seconds each): started first, so they run
// while the other tests do.
let tmp: string;
let drift: { copy: string; hash: string };
let cli: Promise<{ clean: CliResult; drifted: CliResult }>;

beforeAll(() => {
  tmp = makeTmpDir();
  const copy = join(tmp, 'generated');
  cpSync(GENERATED, copy, { recursive: true });
  appendFileSync(join(copy, 'methods/models.ts'), '// edited by hand\n');
  writeFileSync(join(copy, 'types/Stray.ts'), 'export type Stray = never;\n');
  rmSync(join(copy, 'schemas.ts'));
  drift = { copy, hash: hashTree(copy) };
  cli = Promise.all([
    runCli(['--check', '--spec', 'spec/generativelanguage.v1beta.json']),
    runCli(['--check', '--spec', V1BETA_SPEC, '--out', copy]),
  ]).then(([clean, drifted]) => ({ clean, drifted }));
  cli.catch(() => {});
});

afterAll(async () => {
  await cli.catch(() => {});
  removeDir(tmp);
});

// The committed generated/ tree is checked here; the CLI run above (`--check`) proves it is exactly what
// the generator makes of the document and overrides today.
describe('the real v1beta document and the committed generated/ tree', () => {
  let docIds: string[];

  beforeAll(() => {
    docIds = documentMethodIds(readDocument(V1BETA_SPEC));
  });

  it('has 79 methods in the document, 85 in the manifest', () => {
    expect(docIds).toHaveLength(79);
    expect(new Set(docIds).size).toBe(79);
    expect(manifest).toHaveLength(85);
    expect(manifestSource).toMatchObject({ name: 'generativelanguage', version: 'v1beta' });
  });

  it('every document method has exactly one manifest entry; the rest come from overrides', () => {
    const ids = manifest.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of docIds) {
      const count = ids.filter((x) => x === id).length;
      expect(count, id).toBe(1);
    }
    const extra = ids.filter((id) => !docIds.includes(id));
    expect(extra).toEqual([
      'authTokens.create',
      'files.download',
      'interactions.cancel',
      'interactions.create',
      'interactions.delete',
      'interactions.get',
    ]);
    for (const entry of manifest) {
      expect(entry.source, entry.id).toBe(extra.includes(entry.id) ? 'override' : 'discovery');
      expect(`${entry.resource}.${entry.name}`).toBe(entry.id);
    }
  });

  it('every method id has exactly one stub across generated/methods/', () => {
    const methods = [...readTree(join(GENERATED, 'methods')).values()].join('\n');
    for (const entry of manifest) {
      expect(methods.split(`id: '${entry.id}',`).length - 1, entry.id).toBe(1);
    }
  });

  it('each generated/methods/<resource>.ts exports exactly one function per method, calling its own spec', async () => {
    const byResource = new Map<string, ManifestEntry[]>();
    for (const entry of manifest) {
      byResource.set(entry.resource, [...(byResource.get(entry.resource) ?? []), entry]);
    }
    expect([...byResource.keys()].sort()).toEqual(
      [...readTree(join(GENERATED, 'methods')).keys()].map((f) => f.replace(/\.ts$/, '')).sort(),
    );

    const seen: Array<{ kind: 'call' | 'stream'; spec: MethodSpec }> = [];
    const transport = {
      call: async (call: MethodCall) => {
        seen.push({ kind: 'call', spec: call.spec });
        return {};
      },
      stream: (call: MethodCall) => {
        seen.push({ kind: 'stream', spec: call.spec });
        return (async function* () {})();
      },
    };
    for (const [resource, entries] of byResource) {
      const module = (await import(
        pathToFileURL(join(GENERATED, 'methods', `${resource}.ts`)).href
      )) as Record<string, unknown>;
      expect(Object.keys(module).sort(), resource).toEqual(entries.map((e) => e.name).sort());
      for (const entry of entries) {
        const stub = module[entry.name];
        expect(typeof stub, entry.id).toBe('function');
        seen.length = 0;
        (stub as (...args: unknown[]) => unknown)(transport, {}, {});
        expect(seen, entry.id).toHaveLength(1);
        expect(seen[0]!.kind, entry.id).toBe(entry.streaming ? 'stream' : 'call');
        // The stub's MethodSpec is the manifest entry's MethodSpec part.
        const { id, httpMethod, path, params, version, streaming, upload, media } = entry;
        const spec = Object.fromEntries(
          Object.entries({ id, httpMethod, path, params, version, streaming, upload, media }).filter(
            ([k, v]) =>
              v !== undefined && !(k === 'streaming' && v === false) && !(k === 'media' && v === false),
          ),
        );
        expect(seen[0]!.spec, entry.id).toEqual(spec);
      }
    }
  });

  it.each<[string, Partial<ManifestEntry>]>([
    ['models.list', { paginated: true, httpMethod: 'GET', path: 'models' }],
    ['files.list', { paginated: true }],
    ['tunedModels.create', { longRunning: true, paginated: false }],
    ['models.predictLongRunning', { longRunning: true }],
    ['models.generateContent', { streaming: false, longRunning: false, request: 'GenerateContentRequest' }],
    [
      'models.streamGenerateContent',
      { streaming: true, flatPath: 'models/{modelsId}:streamGenerateContent' },
    ],
    ['models.get', { path: '{+name}', flatPath: 'models/{modelsId}' }],
    ['files.download', { media: true, source: 'override', path: '{+name}:download' }],
    ['authTokens.create', { version: 'v1alpha', source: 'override', path: 'auth_tokens' }],
  ])('%s flags', (id, expected) => {
    expect(manifest.find((m) => m.id === id)).toMatchObject(expected);
  });

  it('media.upload uploads to /upload/v1beta/files', () => {
    const upload = manifest.find((m) => m.id === 'media.upload')!;
    expect(upload.upload).toMatchObject({ path: '/upload/v1beta/files' });
    expect(upload.upload!.accept.length).toBeGreaterThan(0);
  });

  it('only the listed methods are streaming, media or upload', () => {
    expect(manifest.filter((m) => m.media).map((m) => m.id)).toEqual(['files.download']);
    expect(manifest.filter((m) => m.upload).map((m) => m.id)).toContain('media.upload');
    for (const m of manifest.filter((x) => x.streaming)) expect(m.name).toBe('streamGenerateContent');
  });

  it('paths carry no version prefix; routing paths have one {x} per segment', () => {
    for (const m of manifest) {
      expect(m.path, m.id).not.toMatch(/^v1/);
      expect(m.flatPath, m.id).not.toMatch(/^v1/);
      expect(m.flatPath, m.id).not.toContain('{+');
    }
  });

  it('the pinned document matches the committed manifest source', () => {
    const revision =
      (JSON.parse(readFileSync(V1BETA_SPEC, 'utf8')) as { revision?: string }).revision ?? null;
    expect(manifestSource.revision).toBe(revision);
  });
});

describe('the older v1 document', () => {
  it('generates into memory with all project overrides (the v1beta-only ones skip themselves)', async () => {
    const doc = readDocument(V1_SPEC);
    const out = await generate(doc, projectOverrides());
    expect(out.warnings).toEqual([]);
    expect(out.methodCount).toBe(documentMethodIds(doc).length);
    expect(out.files.get('manifest.ts')).toContain("version: 'v1'");
    expect(out.files.get('manifest.ts')).not.toContain("source: 'override'");
    expect(out.files.get('methods/models.ts')).toContain('streaming: true');
  });

  it("tells which methods v1 serves: generated/versions.ts lists exactly the v1 document's methods", async () => {
    const v1 = readDocument(V1_SPEC);
    const { versionMethods } = await import('../../generated/versions.js');
    expect(Object.keys(versionMethods)).toEqual(['v1']);
    expect(versionMethods['v1']).toEqual(documentMethodIds(v1));
    // Only from the sibling documents given: none, none listed (every version serves every method).
    const alone = await generate(readDocument(V1BETA_SPEC), projectOverrides());
    expect(alone.files.get('versions.ts')).toContain(
      'versionMethods: Readonly<Record<string, readonly string[]>> = {}',
    );
  });
});

function reverseKeys<T>(record: Record<string, T>, each: (value: T) => T = (v) => v): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record)
      .reverse()
      .map(([k, v]) => [k, each(v)]),
  );
}

/** The same document with resources, methods, parameters and schemas listed in reverse order. */
function shuffled(doc: DiscoveryDocument): DiscoveryDocument {
  const copy = structuredClone(doc);
  const resource = (r: DiscoveryResource): DiscoveryResource => {
    const out: DiscoveryResource = {};
    if (r.resources) out.resources = reverseKeys(r.resources, resource);
    if (r.methods) {
      out.methods = reverseKeys(r.methods, (m) =>
        m.parameters ? { ...m, parameters: reverseKeys(m.parameters) } : m,
      );
    }
    return out;
  };
  copy.resources = reverseKeys(copy.resources, resource);
  copy.schemas = reverseKeys(copy.schemas);
  return copy;
}

describe('determinism', () => {
  it('generate() twice, and in reverse key order, gives identical files and never mutates its input', async () => {
    const doc = fixture('kitchen-sink');
    const before = structuredClone(doc);
    const first = await generate(doc, []);
    const second = await generate(doc, []);
    const reordered = await generate(shuffled(doc), []);
    expect(doc).toEqual(before);
    expect([...second.files]).toEqual([...first.files]);
    expect([...reordered.files]).toEqual([...first.files]);
  });

  // For the real document: `--check` below regenerates v1beta in a fresh process and compares it with
  // the committed tree, which an earlier run wrote.
});

describe('codegen/main.ts --check', () => {
  it('exits 0 on the committed tree', async () => {
    const { clean } = await cli;
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/generated\/ is up to date \(85 methods, \d+ schemas, \d+ files\)/);
    expect(clean.stderr).not.toMatch(/^warning:/m);
  });

  it('exits 1 naming every changed, extra and missing file in a drifted copy, which it leaves alone', async () => {
    const { drifted } = await cli;
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('generated/ is out of date (3 files differ); run npm run generate:');
    expect(drifted.stderr).toContain('changed  methods/models.ts');
    expect(drifted.stderr).toContain('extra    types/Stray.ts');
    expect(drifted.stderr).toContain('missing  schemas.ts');
    expect(drifted.stderr).not.toContain('methods/files.ts');
    expect(hashTree(drift.copy)).toBe(drift.hash);
  });
});
