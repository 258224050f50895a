// overrides/*.json (codegen/overrides.ts): added methods and schemas, patches, appliesTo, the
// mandatory `why`, and how override flags (streaming, media, pinned version) reach the stubs.
import { describe, expect, it } from 'vitest';
import type { DiscoveryMethod } from '../../codegen/discovery.js';
import { generate } from '../../codegen/generate.js';
import { buildIr } from '../../codegen/ir.js';
import { applyOverrides, type NamedOverride, type Override } from '../../codegen/overrides.js';
import { GenerateError, Warnings } from '../../codegen/problems.js';
import { fixture, projectOverrides } from './helpers.js';

const doc = fixture('kitchen-sink');

function named(override: Partial<Override>, file = 'overrides/test.json'): NamedOverride {
  return { file, override: { why: 'Because the test says so.', ...override } as Override };
}

const extraMethod: DiscoveryMethod = {
  id: 'kitchensink.gizmos.spin',
  httpMethod: 'POST',
  path: 'v1test/{+name}:spin',
  flatPath: 'v1test/gizmos/{gizmosId}:spin',
  parameterOrder: ['name'],
  parameters: { name: { location: 'path', type: 'string', required: true, pattern: '^gizmos/[^/]+$' } },
  request: { $ref: 'Part' },
  response: { $ref: 'Widget' },
};

describe('applyOverrides', () => {
  it('returns a patched copy and never modifies its input', () => {
    const before = structuredClone(doc);
    const patched = applyOverrides(doc, [
      named({
        addSchemas: { Gizmo: { type: 'object', properties: { size: { type: 'integer' } } } },
        patchSchemas: {
          Widget: { properties: { extra: { type: 'string' } }, enumValues: { state: ['NEW'] } },
        },
        addMethods: [{ resource: 'gizmos', name: 'spin', method: extraMethod }],
        patchMethods: { 'widgets.get': { 'x-gemini-streaming': true } },
      }),
    ]);
    expect(doc).toEqual(before);
    expect(patched).not.toBe(doc);
    expect(patched.schemas['Gizmo']).toEqual({
      id: 'Gizmo',
      type: 'object',
      properties: { size: { type: 'integer' } },
    });
    expect(patched.schemas['Widget']!.properties!['extra']).toEqual({ type: 'string' });
    expect(patched.schemas['Widget']!.properties!['state']!.enum).toEqual([
      'STATE_UNSPECIFIED',
      'ACTIVE',
      'RETIRED',
      'NEW',
    ]);
    expect(patched.resources['gizmos']!.methods!['spin']).toMatchObject({ 'x-gemini-source': 'override' });
    expect(patched.resources['widgets']!.methods!['get']!['x-gemini-streaming']).toBe(true);
  });

  it('adds enum values to array items without duplicates', () => {
    const patched = applyOverrides(doc, [
      named({ patchSchemas: { Widget: { enumValues: { kinds: ['ROUND', 'OVAL'] } } } }),
    ]);
    expect(patched.schemas['Widget']!.properties!['kinds']!.items!.enum).toEqual([
      'KIND_UNSPECIFIED',
      'ROUND',
      'SQUARE',
      'OVAL',
    ]);
  });

  it('creates nested resources from a dotted path', () => {
    const patched = applyOverrides(doc, [
      named({ addMethods: [{ resource: 'widgets.parts.bolts', name: 'spin', method: extraMethod }] }),
      named({
        addMethods: [
          { resource: 'widgets', name: 'spin', method: { ...extraMethod, id: 'kitchensink.widgets.spin' } },
        ],
      }),
    ]);
    expect(
      Object.keys(patched.resources['widgets']!.resources!['parts']!.resources!['bolts']!.methods!),
    ).toEqual(['spin']);
    expect(patched.resources['widgets']!.methods!['spin']).toBeDefined();
    expect(patched.resources['widgets']!.methods!['get']).toBeDefined();
  });

  it('skips overrides whose appliesTo excludes the document version', () => {
    const patched = applyOverrides(doc, [
      named({
        appliesTo: ['v1beta'],
        addMethods: [{ resource: 'gizmos', name: 'spin', method: extraMethod }],
      }),
      named({ appliesTo: ['v1beta'], patchMethods: { 'no.such': { deprecated: true } } }),
    ]);
    expect(patched).toEqual(doc);
    const applied = applyOverrides(doc, [
      named({
        appliesTo: ['v1test'],
        addMethods: [{ resource: 'gizmos', name: 'spin', method: extraMethod }],
      }),
    ]);
    expect(applied.resources['gizmos']).toBeDefined();
  });

  it('applies overrides in order (a later patch sees an earlier addition)', () => {
    const patched = applyOverrides(doc, [
      named({ addMethods: [{ resource: 'gizmos', name: 'spin', method: extraMethod }] }),
      named({ patchMethods: { 'gizmos.spin': { deprecated: true } } }),
    ]);
    expect(patched.resources['gizmos']!.methods!['spin']!.deprecated).toBe(true);
  });

  it.each<[string, NamedOverride, RegExp]>([
    [
      'no why',
      { file: 'overrides/a.json', override: {} as Override },
      /^overrides\/a\.json: every override needs a "why"$/,
    ],
    [
      'blank why',
      named({ why: '   ' }, 'overrides/b.json'),
      /^overrides\/b\.json: every override needs a "why"$/,
    ],
    ['why not a string', named({ why: 42 as unknown as string }), /every override needs a "why"/],
    [
      'schema exists',
      named({ addSchemas: { Widget: { type: 'object' } } }),
      /schema Widget already exists; use patchSchemas/,
    ],
    [
      'no schema to patch',
      named({ patchSchemas: { Nope: { properties: {} } } }),
      /patchSchemas: no schema Nope/,
    ],
    [
      'enumValues on a non-enum',
      named({ patchSchemas: { Widget: { enumValues: { displayName: ['X'] } } } }),
      /patchSchemas: Widget\.displayName has no enum/,
    ],
    [
      'method exists',
      named({ addMethods: [{ resource: 'widgets', name: 'get', method: extraMethod }] }),
      /method widgets\.get already exists/,
    ],
    [
      'no method to patch',
      named({ patchMethods: { 'widgets.frobnicate': {} } }),
      /patchMethods: no method widgets\.frobnicate/,
    ],
  ])('rejects: %s', (_, override, message) => {
    let error: unknown;
    try {
      applyOverrides(doc, [override]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).message).toMatch(message);
    expect((error as GenerateError).where).toBe(override.file);
  });
});

describe('override flags reach the IR and the stubs', () => {
  const overrides = [
    named({
      addSchemas: { Token: { type: 'object', properties: { name: { type: 'string', readOnly: true } } } },
      addMethods: [
        {
          resource: 'tokens',
          name: 'create',
          method: {
            id: 'kitchensink.tokens.create',
            httpMethod: 'POST',
            path: 'tokens',
            request: { $ref: 'Token' },
            response: { $ref: 'Token' },
            'x-gemini-version': 'v1alpha',
          },
        },
        {
          resource: 'widgets',
          name: 'download',
          method: {
            id: 'kitchensink.widgets.download',
            httpMethod: 'GET',
            path: 'v1test/{+name}:download',
            parameterOrder: ['name'],
            parameters: {
              name: { location: 'path', type: 'string', required: true, pattern: '^widgets/[^/]+$' },
            },
            'x-gemini-media': true,
          },
        },
      ],
      patchMethods: { 'widgets.get': { 'x-gemini-streaming': true } },
    }),
  ];

  it('marks added methods `source: override`, pins versions, sets streaming and media', () => {
    const ir = buildIr(applyOverrides(doc, overrides), new Warnings());
    const byId = new Map(ir.methods.map((m) => [m.id, m]));
    expect(byId.get('tokens.create')).toMatchObject({
      source: 'override',
      version: 'v1alpha',
      path: 'tokens',
    });
    expect(byId.get('widgets.download')).toMatchObject({
      source: 'override',
      media: true,
      path: '{+name}:download',
    });
    expect(byId.get('widgets.get')).toMatchObject({ source: 'discovery', streaming: true });
    expect(ir.methods.filter((m) => m.source === 'override').map((m) => m.id)).toEqual([
      'tokens.create',
      'widgets.download',
    ]);
  });

  it('emits stream/media/version stubs and manifest entries', async () => {
    const out = await generate(doc, overrides);
    const widgets = out.files.get('methods/widgets.ts')!;
    expect(widgets).toContain(
      '): CallStream<Widget> {\n  return t.stream<Widget>({ spec: getSpec, params }, options);',
    );
    expect(widgets).toContain('streaming: true,\n};');
    expect(widgets).toContain('Streams server-sent events (`alt=sse`)');
    expect(widgets).toContain(
      '): CallPromise<Response> {\n  return t.call<Response>({ spec: downloadSpec, params }, options);',
    );
    expect(widgets).toContain('media: true,\n};');
    const tokens = out.files.get('methods/tokens.ts')!;
    expect(tokens).toContain("version: 'v1alpha',");
    expect(tokens).toContain('@see POST /v1alpha/tokens');
    expect(out.files.get('types/Token.ts')).toContain('readonly name?: string;');
    const manifest = out.files.get('manifest.ts')!;
    expect(manifest.match(/source: 'override'/g)).toHaveLength(2);
    expect(out.files.get('index.ts')).toContain("export * as tokens from './methods/tokens.js';");
  });
});

describe('project overrides (overrides/*.json)', () => {
  it('every file explains itself with a why', () => {
    const all = projectOverrides();
    expect(all.length).toBeGreaterThan(0);
    for (const { file, override } of all) {
      expect(typeof override.why, file).toBe('string');
      expect(override.why.trim().length, file).toBeGreaterThan(20);
    }
  });
});
