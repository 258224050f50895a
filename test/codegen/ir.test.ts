// The intermediate model (codegen/ir.ts): method ids, resources, paths, parameters and flags, on the
// kitchen-sink fixture and small variants of it; plus how parameters become stub types.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryDocument } from '../../codegen/discovery.js';
import type { Generated } from '../../codegen/generate.js';
import { buildIr, type Ir, type IrMethod, type IrParam } from '../../codegen/ir.js';
import { GenerateError, Warnings } from '../../codegen/problems.js';
import { fixture, generateFixture } from './helpers.js';

function ir(doc: DiscoveryDocument): { ir: Ir; warnings: string[] } {
  const warnings = new Warnings();
  return { ir: buildIr(doc, warnings), warnings: warnings.list };
}

function method(model: Ir, id: string): IrMethod {
  const m = model.methods.find((x) => x.id === id);
  if (!m) throw new Error(`no method ${id}`);
  return m;
}

function param(m: IrMethod, name: string): IrParam {
  const p = m.params.find((x) => x.name === name);
  if (!p) throw new Error(`no param ${name} in ${m.id}`);
  return p;
}

describe('kitchen-sink IR', () => {
  let model: Ir;
  let warnings: string[];
  beforeAll(() => {
    ({ ir: model, warnings } = ir(fixture('kitchen-sink')));
  });

  it('keeps the document identity and has no warnings', () => {
    expect(warnings).toEqual([]);
    expect(model).toMatchObject({
      name: 'kitchensink',
      version: 'v1test',
      revision: '20250101',
      title: 'Kitchen Sink API',
    });
  });

  it('lists every method once, sorted by id, service prefix stripped, nested resources included', () => {
    expect(model.methods.map((m) => m.id)).toEqual([
      'media.upload',
      'operations.get',
      'widgets.create',
      'widgets.delete',
      'widgets.generate',
      'widgets.get',
      'widgets.list',
      'widgets.parts.delete',
      'widgets.parts.list',
      'widgets.patch',
      'widgets.search',
    ]);
    expect(method(model, 'widgets.parts.list')).toMatchObject({
      resource: ['widgets', 'parts'],
      name: 'list',
    });
    expect(method(model, 'widgets.delete')).toMatchObject({
      resource: ['widgets'],
      name: 'delete',
      httpMethod: 'DELETE',
    });
  });

  it.each<[string, Partial<IrMethod>]>([
    [
      'widgets.get',
      { httpMethod: 'GET', path: '{+name}', flatPath: 'widgets/{widgetsId}', response: 'Widget' },
    ],
    [
      'widgets.parts.list',
      { path: '{+parent}/parts', flatPath: 'widgets/{widgetsId}/parts', paginated: true },
    ],
    ['widgets.list', { path: 'widgets', flatPath: 'widgets', paginated: true, longRunning: false }],
    [
      'widgets.create',
      { httpMethod: 'POST', request: 'Widget', response: 'Operation', longRunning: true, paginated: false },
    ],
    ['operations.get', { longRunning: true }],
    ['widgets.search', { paginated: false, path: 'widgets:search' }],
    ['widgets.generate', { deprecated: true, path: '{+widget}:generate' }],
    ['widgets.patch', { httpMethod: 'PATCH', request: 'Widget', response: 'Widget' }],
    ['widgets.parts.delete', { path: 'widgets/{widgetsId}/parts/{partsId}', deprecated: false }],
  ])('%s', (id, expected) => {
    expect(method(model, id)).toMatchObject(expected);
  });

  it('methods default to unpinned, non-streaming, non-media discovery methods', () => {
    for (const m of model.methods) {
      expect(m).toMatchObject({ streaming: false, media: false, source: 'discovery' });
      expect(m.version).toBeUndefined();
    }
    expect(method(model, 'widgets.parts.delete').request).toBeUndefined();
    expect(method(model, 'widgets.parts.delete').response).toBeUndefined();
  });

  it('media upload: the `simple` protocol path, accept and maxSize', () => {
    expect(method(model, 'media.upload').upload).toEqual({
      path: '/upload/v1test/widgets',
      accept: ['image/*', 'application/octet-stream'],
      maxSize: '2147483648',
    });
    expect(method(model, 'widgets.get').upload).toBeUndefined();
  });

  it('{+name} path params: required, with the pattern kept', () => {
    expect(param(method(model, 'widgets.get'), 'name')).toEqual({
      name: 'name',
      location: 'path',
      type: 'string',
      required: true,
      repeated: false,
      pattern: '^widgets/[^/]+$',
      description: 'Required. The widget name: `widgets/{widget}`.',
    });
    expect(param(method(model, 'operations.get'), 'name').pattern).toBe('^operations/.*$');
  });

  it('orders params by parameterOrder, then by name', () => {
    expect(method(model, 'widgets.patch').params.map((p) => p.name)).toEqual(['name', 'updateMask']);
    expect(method(model, 'widgets.parts.delete').params.map((p) => p.name)).toEqual(['widgetsId', 'partsId']);
    expect(method(model, 'widgets.search').params.map((p) => p.name)).toEqual([
      'includeDeleted',
      'minSize',
      'ratio',
      'read_mask.paths',
      'sizes',
      'tags',
      'view',
    ]);
  });

  it.each<[string, Partial<IrParam>]>([
    ['tags', { location: 'query', type: 'string', repeated: true, required: false }],
    ['view', { type: 'string', enum: ['VIEW_UNSPECIFIED', 'BASIC', 'FULL'], repeated: false }],
    ['minSize', { type: 'string', format: 'int64' }],
    ['sizes', { type: 'string', format: 'uint64', repeated: true }],
    ['ratio', { type: 'number', format: 'double' }],
    ['includeDeleted', { type: 'boolean' }],
    ['read_mask.paths', { repeated: true }],
  ])('widgets.search query param %s', (name, expected) => {
    expect(param(method(model, 'widgets.search'), name)).toMatchObject(expected);
  });

  it('path params are required even when discovery says nothing', () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    delete doc.resources['widgets']!.resources!['parts']!.methods!['delete']!.parameters!['partsId']!
      .required;
    expect(param(method(ir(doc).ir, 'widgets.parts.delete'), 'partsId').required).toBe(true);
  });

  it('ignores the document-wide parameters (alt, $.xgafv)', () => {
    for (const m of model.methods) expect(m.params.map((p) => p.name)).not.toContain('alt');
  });
});

describe('IR flags on variants', () => {
  it('paginated needs both pageToken and nextPageToken', () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    delete doc.schemas['ListWidgetsResponse']!.properties!['nextPageToken'];
    const model = ir(doc).ir;
    expect(method(model, 'widgets.list').paginated).toBe(false);
    expect(method(model, 'widgets.parts.list').paginated).toBe(true);
  });

  it('CustomLongRunningOperation counts as long-running; other schemas do not', () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    doc.schemas['CustomLongRunningOperation'] = {
      id: 'CustomLongRunningOperation',
      type: 'object',
      properties: {},
    };
    doc.resources['widgets']!.methods!['get']!.response = { $ref: 'CustomLongRunningOperation' };
    const model = ir(doc).ir;
    expect(method(model, 'widgets.get').longRunning).toBe(true);
    expect(method(model, 'widgets.patch').longRunning).toBe(false);
  });

  it('falls back to the resumable upload path when there is no simple one', () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    delete doc.resources['media']!.methods!['upload']!.mediaUpload!.protocols!['simple'];
    expect(method(ir(doc).ir, 'media.upload').upload?.path).toBe('/resumable/upload/v1test/widgets');
  });

  it('uses path as flatPath when flatPath is absent', () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    delete doc.resources['widgets']!.methods!['get']!.flatPath;
    expect(method(ir(doc).ir, 'widgets.get').flatPath).toBe('{+name}');
  });

  it('rejects two methods with the same id', () => {
    const doc = structuredClone(fixture('kitchen-sink'));
    doc.resources['widgets']!.methods!['fetch'] = { ...doc.resources['widgets']!.methods!['get']! };
    expect(() => ir(doc)).toThrow(GenerateError);
    expect(() => ir(doc)).toThrow(/duplicate method id widgets\.get/);
  });

  it('does not depend on document order', () => {
    const doc = fixture('kitchen-sink');
    const reversed = structuredClone(doc);
    reversed.resources = Object.fromEntries(Object.entries(doc.resources).reverse());
    const widgets = reversed.resources['widgets']!;
    widgets.methods = Object.fromEntries(Object.entries(widgets.methods!).reverse());
    expect(ir(reversed).ir).toEqual(ir(doc).ir);
  });
});

describe('unknown parameter shapes', () => {
  it('warn and fall back (query location, string type); unknown keys are ignored', () => {
    const { ir: model, warnings } = ir(fixture('unknowns'));
    const get = method(model, 'things.get');
    expect(param(get, 'traceId')).toMatchObject({ location: 'query', type: 'string' });
    expect(param(get, 'when')).toMatchObject({ location: 'query', type: 'string' });
    expect(param(get, 'level')).toMatchObject({ type: 'integer', format: 'int128' });
    expect(method(model, 'things.upload').upload).toBeUndefined();
    expect(warnings).toHaveLength(3);
  });
});

describe('parameters in the emitted stubs', () => {
  let out: Generated;
  beforeAll(async () => {
    out = await generateFixture('kitchen-sink');
  });

  it.each<[string, string]>([
    ['repeated', '  tags?: Array<string>;'],
    ['repeated uint64', '  sizes?: Array<string>;'],
    ['enum', "  view?: 'VIEW_UNSPECIFIED' | 'BASIC' | 'FULL';"],
    ['int64 (string on the wire)', '  minSize?: string;'],
    ['boolean', '  includeDeleted?: boolean;'],
    ['number', '  ratio?: number;'],
    ['non-identifier name', "  'read_mask.paths'?: Array<string>;"],
    ['description', '   * Repeated: `?tags=a&tags=b`.'],
  ])('SearchParams: %s', (_, snippet) => {
    const text = out.files.get('methods/widgets.ts')!;
    const block = text.slice(text.indexOf('export type SearchParams'), text.indexOf('const searchSpec'));
    expect(block).toContain(snippet);
  });

  it('path params are required members documented with their pattern', () => {
    const text = out.files.get('methods/widgets.ts')!;
    expect(text).toContain(
      'export type GetParams = {\n  /**\n   * Required. The widget name: `widgets/{widget}`.\n   * Pattern: `^widgets/[^/]+$`.\n   */\n  name: string;\n};',
    );
    expect(text).toContain('  name: string;\n  force?: boolean;\n};');
    expect(out.files.get('methods/widgets.parts.ts')).toContain(
      'export type DeleteParams = {\n  widgetsId: string;\n  partsId: string;\n};',
    );
  });

  it('the MethodSpec literal carries location, type, required, pattern, repeated and format', () => {
    const text = out.files.get('methods/widgets.ts')!;
    expect(text).toContain(
      "name: { location: 'path', type: 'string', required: true, pattern: '^widgets/[^/]+$' },",
    );
    expect(text).toContain("sizes: { location: 'query', type: 'string', repeated: true, format: 'uint64' },");
    expect(text).toContain("updateMask: { location: 'query', type: 'string', format: 'google-fieldmask' },");
    expect(text).toContain("pageSize: { location: 'query', type: 'integer', format: 'int32' },");
  });
});
