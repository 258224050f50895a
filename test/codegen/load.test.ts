// Bad input (codegen/load.ts, codegen/generate.ts, codegen/main.ts): every malformed document or
// override fails with a message naming the problem and where it is, and the CLI leaves --out untouched.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryMethod } from '../../codegen/discovery.js';
import { generate } from '../../codegen/generate.js';
import { checkDocument, parseDocument } from '../../codegen/load.js';
import type { NamedOverride } from '../../codegen/overrides.js';
import { GenerateError } from '../../codegen/problems.js';
import {
  type CliResult,
  fixture,
  fixtureJson,
  GENERATED,
  hashTree,
  makeTmpDir,
  removeDir,
  ROOT,
  runCli,
  V1BETA_SPEC,
} from './helpers.js';

function failure(run: () => unknown): GenerateError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(GenerateError);
    return e as GenerateError;
  }
  throw new Error('expected a GenerateError');
}

/** The kitchen-sink fixture with one thing broken. */
function broken(edit: (d: Record<string, any>) => void): Record<string, any> {
  const d = fixtureJson('kitchen-sink');
  edit(d);
  return d;
}

describe('parseDocument / checkDocument', () => {
  it('accepts the fixtures', () => {
    for (const name of ['kitchen-sink', 'collisions', 'unknowns']) expect(() => fixture(name)).not.toThrow();
  });

  it('malformed JSON names the file', () => {
    const e = failure(() => parseDocument('{"kind": "discovery#restDescription",', 'spec/broken.json'));
    expect(e.where).toBe('spec/broken.json');
    expect(e.message).toMatch(/^spec\/broken\.json: not valid JSON \(/);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['an array', [], 'doc', /a discovery document must be a JSON object/],
    ['null', null, 'doc', /a discovery document must be a JSON object/],
    ['an OpenAPI document', { openapi: '3.0.0', paths: {} }, 'doc', /not a discovery document/],
    [
      'another kind',
      { kind: 'discovery#directoryList', items: [] },
      'doc',
      /kind is "discovery#directoryList"/,
    ],
    ['no name', broken((d) => delete d.name), 'doc#/name', /"name" must be a string/],
    ['a numeric version', broken((d) => (d.version = 1)), 'doc#/version', /"version" must be a string/],
    ['no resources', broken((d) => delete d.resources), 'doc#/resources', /"resources" must be an object/],
    ['schemas as an array', broken((d) => (d.schemas = [])), 'doc#/schemas', /"schemas" must be an object/],
    [
      'a schema that is not an object',
      broken((d) => (d.schemas.Part = 'x')),
      'doc#/schemas/Part',
      /a schema must be an object/,
    ],
    [
      'a resource that is not an object',
      broken((d) => (d.resources.media = 1)),
      'doc#/resources/media',
      /a resource must be an object/,
    ],
    [
      'methods that are not an object',
      broken((d) => (d.resources.media.methods = [])),
      'doc#/resources/media/methods',
      /"methods" must be an object/,
    ],
    [
      'a method that is not an object',
      broken((d) => (d.resources.media.methods.upload = true)),
      'doc#/resources/media/methods/upload',
      /a method must be an object/,
    ],
    [
      'a method without id',
      broken((d) => delete d.resources.widgets.methods.get.id),
      'doc#/resources/widgets/methods/get',
      /method has no "id"/,
    ],
    [
      'a method without path',
      broken((d) => delete d.resources.widgets.methods.get.path),
      'doc#/resources/widgets/methods/get',
      /method kitchensink\.widgets\.get has no "path"/,
    ],
    [
      'a method without httpMethod',
      broken((d) => delete d.resources.widgets.methods.get.httpMethod),
      'doc#/resources/widgets/methods/get',
      /method kitchensink\.widgets\.get has an unsupported httpMethod undefined/,
    ],
    [
      'an unknown httpMethod',
      broken((d) => (d.resources.widgets.methods.get.httpMethod = 'FETCH')),
      'doc#/resources/widgets/methods/get',
      /unsupported httpMethod "FETCH"/,
    ],
    [
      'a request $ref to an unknown schema',
      broken((d) => (d.resources.widgets.methods.patch.request = { $ref: 'NoSuchSchema' })),
      'doc#/resources/widgets/methods/patch/request',
      /method kitchensink\.widgets\.patch request refers to unknown schema "NoSuchSchema"/,
    ],
    [
      'a response without $ref',
      broken((d) => (d.resources.widgets.methods.get.response = {})),
      'doc#/resources/widgets/methods/get/response',
      /response refers to unknown schema undefined/,
    ],
    [
      'parameters that are not an object',
      broken((d) => (d.resources.widgets.methods.get.parameters = ['name'])),
      'doc#/resources/widgets/methods/get/parameters',
      /"parameters" must be an object/,
    ],
    [
      'a bad method in a nested resource',
      broken((d) => delete d.resources.widgets.resources.parts.methods.list.httpMethod),
      'doc#/resources/widgets/resources/parts/methods/list',
      /method kitchensink\.widgets\.parts\.list has an unsupported httpMethod/,
    ],
    [
      'nested resources that are not an object',
      broken((d) => (d.resources.widgets.resources = 'parts')),
      'doc#/resources/widgets/resources',
      /"resources" must be an object/,
    ],
  ])('rejects %s', (_, value, where, message) => {
    const e = failure(() => checkDocument(value, 'doc'));
    expect(e.where).toBe(where);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`${where}: `)).toBe(true);
  });
});

describe('generate() rejects what it cannot emit', () => {
  it('an override that adds a method without httpMethod or with a bad $ref', async () => {
    const add = (method: Record<string, unknown>): NamedOverride[] => [
      {
        file: 'overrides/bad.json',
        override: {
          why: 'test',
          addMethods: [
            {
              resource: 'widgets',
              name: 'frob',
              method: { id: 'kitchensink.widgets.frob', path: 'x', ...method } as unknown as DiscoveryMethod,
            },
          ],
        },
      },
    ];
    await expect(generate(fixture('kitchen-sink'), add({ response: { $ref: 'Widget' } }))).rejects.toThrow(
      /#\/resources\/widgets\/methods\/frob: method kitchensink\.widgets\.frob has an unsupported httpMethod undefined/,
    );
    await expect(
      generate(fixture('kitchen-sink'), add({ httpMethod: 'GET', response: { $ref: 'Nope' } })),
    ).rejects.toThrow(/#\/resources\/widgets\/methods\/frob\/response: .*unknown schema "Nope"/);
  });

  it('two schemas that map to the same file on a case-insensitive file system', async () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    doc.schemas['part'] = { id: 'part', type: 'object', properties: {} };
    await expect(generate(doc, [])).rejects.toThrow(
      /#\/schemas\/part: schemas Part and part map to the same file name/,
    );
  });

  it('an override without why', async () => {
    await expect(
      generate(fixture('kitchen-sink'), [{ file: 'overrides/x.json', override: {} as never }]),
    ).rejects.toThrow('overrides/x.json: every override needs a "why"');
  });
});

interface CliCase {
  name: string;
  /** Writes the inputs into `dir`; returns the CLI arguments besides --out. */
  setup: (dir: string) => string[];
  stderr: RegExp[];
}

function realDoc(edit: (d: Record<string, any>) => void): string {
  const d = JSON.parse(readFileSync(V1BETA_SPEC, 'utf8')) as Record<string, any>;
  edit(d);
  return JSON.stringify(d);
}

function write(dir: string, file: string, text: string): string {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
  return join(dir, file);
}

const CLI_CASES: CliCase[] = [
  {
    name: 'malformed JSON',
    setup: (dir) => ['--spec', write(dir, 'spec.json', '{"kind": "discovery#restDescription", "name": ')],
    stderr: [/generate failed: .*spec\.json: not valid JSON/],
  },
  {
    name: 'a non-discovery document',
    setup: (dir) => [
      '--spec',
      write(dir, 'spec.json', JSON.stringify({ openapi: '3.1.0', info: {}, paths: {} })),
    ],
    stderr: [/generate failed: .*spec\.json: not a discovery document/],
  },
  {
    name: 'a method without httpMethod',
    setup: (dir) => [
      '--spec',
      write(
        dir,
        'spec.json',
        realDoc((d) => delete d.resources.models.methods.get.httpMethod),
      ),
    ],
    stderr: [
      /generate failed: .*spec\.json#\/resources\/models\/methods\/get: method generativelanguage\.models\.get has an unsupported httpMethod undefined/,
    ],
  },
  {
    name: 'a request $ref to an unknown schema',
    setup: (dir) => [
      '--spec',
      write(
        dir,
        'spec.json',
        realDoc((d) => (d.resources.models.methods.generateContent.request.$ref = 'NoSuchRequest')),
      ),
    ],
    stderr: [
      /spec\.json#\/resources\/models\/methods\/generateContent\/request: method generativelanguage\.models\.generateContent request refers to unknown schema "NoSuchRequest"/,
    ],
  },
  {
    name: 'an override without why',
    setup: (dir) => {
      write(
        dir,
        'overrides/a-good.json',
        JSON.stringify({ why: 'fine', addSchemas: { Extra: { type: 'object' } } }),
      );
      write(dir, 'overrides/no-why.json', JSON.stringify({ addSchemas: { Extra2: { type: 'object' } } }));
      return ['--spec', V1BETA_SPEC, '--overrides', join(dir, 'overrides')];
    },
    stderr: [
      /generate failed: test\/codegen\/\.tmp-[^/]+\/cli-\d+\/overrides\/no-why\.json: every override needs a "why"/,
    ],
  },
];

// The CLI runs (a second each) start before any test, so they overlap with the in-process tests above.
let tmp: string;
let out: string;
let before: string;
let cliRuns: Promise<Map<string, CliResult>>;

beforeAll(() => {
  tmp = makeTmpDir();
  out = join(tmp, 'generated');
  cpSync(GENERATED, out, { recursive: true });
  before = hashTree(out);
  cliRuns = Promise.all(
    CLI_CASES.map(async (c, i) => {
      const dir = join(tmp, `cli-${i}`);
      mkdirSync(dir);
      return [c.name, await runCli([...c.setup(dir), '--out', out])] as const;
    }),
  ).then((entries) => new Map(entries));
  cliRuns.catch(() => {});
});

afterAll(async () => {
  await cliRuns.catch(() => {});
  removeDir(tmp);
});

describe('CLI on bad input', () => {
  let results: Map<string, CliResult>;
  beforeAll(async () => {
    results = await cliRuns;
  });

  it.each(CLI_CASES.map((c) => [c.name, c] as const))('%s: exits 1 with a clear message', (name, c) => {
    const result = results.get(name)!;
    expect(result.code, result.stderr).toBe(1);
    for (const re of c.stderr) expect(result.stderr).toMatch(re);
    expect(result.stdout).not.toMatch(/^generated /m);
  });

  it('leaves the --out tree untouched and no staging folders behind', () => {
    expect(hashTree(out)).toBe(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith(`${basename(out)}.`))).toEqual([]);
    expect(relative(ROOT, out).startsWith('test/codegen/.tmp-')).toBe(true);
  });
});
