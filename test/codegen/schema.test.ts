// Discovery schemas → TypeScript types and the compact validation registry (codegen/schema.ts,
// codegen/names.ts, codegen/emit/types.ts), on hand-written schemas and the fixture documents.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscoverySchema } from '../../codegen/discovery.js';
import type { Generated } from '../../codegen/generate.js';
import { camelJoin, docComment, functionName, propertyKey, typeName } from '../../codegen/names.js';
import { Warnings } from '../../codegen/problems.js';
import { compactSchema, describe as describeSchema, tsType, type TypeContext } from '../../codegen/schema.js';
import { fixture, generateFixture } from './helpers.js';

const SCHEMAS: Record<string, DiscoverySchema> = {
  Known: { type: 'object', properties: { a: { type: 'string' } } },
};

function typeOf(schema: DiscoverySchema): { type: string; warnings: string[]; refs: string[] } {
  const warnings = new Warnings();
  const ctx: TypeContext = { schemas: SCHEMAS, warnings, refs: new Set() };
  return { type: tsType(schema, '#/here', ctx), warnings: warnings.list, refs: [...ctx.refs] };
}

describe('tsType: one TypeScript type per schema form', () => {
  it.each<[string, DiscoverySchema, string]>([
    ['string', { type: 'string' }, 'string'],
    ['enum', { type: 'string', enum: ['A', 'B'] }, '"A" | "B"'],
    ['enum with quotes', { type: 'string', enum: ['it"s'] }, '"it\\"s"'],
    ['int64 (a string on the wire)', { type: 'string', format: 'int64' }, 'string'],
    ['uint64', { type: 'string', format: 'uint64' }, 'string'],
    ['byte (base64)', { type: 'string', format: 'byte' }, 'string'],
    ['google-datetime', { type: 'string', format: 'google-datetime' }, 'string'],
    ['google-duration', { type: 'string', format: 'google-duration' }, 'string'],
    ['google-fieldmask', { type: 'string', format: 'google-fieldmask' }, 'string'],
    ['date', { type: 'string', format: 'date' }, 'string'],
    ['integer int32', { type: 'integer', format: 'int32' }, 'number'],
    ['number float', { type: 'number', format: 'float' }, 'number'],
    ['number double', { type: 'number', format: 'double' }, 'number'],
    ['boolean', { type: 'boolean' }, 'boolean'],
    ['any', { type: 'any' }, 'unknown'],
    ['array', { type: 'array', items: { type: 'string' } }, 'Array<string>'],
    ['array of enums', { type: 'array', items: { type: 'string', enum: ['X'] } }, 'Array<"X">'],
    [
      'array of arrays',
      { type: 'array', items: { type: 'array', items: { type: 'boolean' } } },
      'Array<Array<boolean>>',
    ],
    ['$ref', { $ref: 'Known' }, 'Known'],
    ['array of $ref', { type: 'array', items: { $ref: 'Known' } }, 'Array<Known>'],
    ['map', { type: 'object', additionalProperties: { type: 'string' } }, 'Record<string, string>'],
    [
      'map of arrays',
      { type: 'object', additionalProperties: { type: 'array', items: { $ref: 'Known' } } },
      'Record<string, Array<Known>>',
    ],
    ['map of any', { type: 'object', additionalProperties: { type: 'any' } }, 'Record<string, unknown>'],
    ['additionalProperties: true', { type: 'object', additionalProperties: true }, 'Record<string, unknown>'],
    [
      'additionalProperties: false',
      { type: 'object', additionalProperties: false },
      'Record<string, unknown>',
    ],
    ['empty object', { type: 'object', properties: {} }, 'Record<string, unknown>'],
    ['object', { type: 'object', properties: { a: { type: 'string' } } }, '{\n  a?: string;\n}'],
    ['object without type', { properties: { a: { type: 'boolean' } } }, '{\n  a?: boolean;\n}'],
    [
      'object with known keys and a map',
      { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: { type: 'string' } },
      '{\n  n?: number;\n} & Record<string, string>',
    ],
    [
      'readOnly property',
      { type: 'object', properties: { id: { type: 'string', readOnly: true } } },
      '{\n  /**\n   * @readonly Output only: set by the server, ignored in requests.\n   */\n  readonly id?: string;\n}',
    ],
    [
      'keys that are not identifiers',
      {
        type: 'object',
        properties: { '@type': { type: 'string' }, 'a-b': { type: 'number' }, $ok: { type: 'string' } },
      },
      '{\n  "@type"?: string;\n  "a-b"?: number;\n  $ok?: string;\n}',
    ],
  ])('%s', (_, schema, expected) => {
    const result = typeOf(schema);
    expect(result.type).toBe(expected);
    expect(result.warnings).toEqual([]);
  });

  it('records the schemas a type refers to (for imports)', () => {
    expect(typeOf({ type: 'array', items: { $ref: 'Known' } }).refs).toEqual(['Known']);
  });

  it.each<[string, DiscoverySchema, string, RegExp]>([
    ['unknown type', { type: 'tuple' }, 'unknown', /#\/here: unknown type "tuple"; typed as unknown/],
    ['no type at all', { description: 'x' }, 'unknown', /#\/here: schema without type; typed as unknown/],
    [
      'array without items',
      { type: 'array' },
      'unknown[]',
      /#\/here: array without items; typed as unknown\[\]/,
    ],
    [
      '$ref to an unknown schema',
      { $ref: 'Nope' },
      'unknown',
      /#\/here: \$ref to unknown schema "Nope"; typed as unknown/,
    ],
    [
      'unknown string format',
      { type: 'string', format: 'int128' },
      'string',
      /unknown string format "int128"/,
    ],
    [
      'unknown map value type',
      { type: 'object', additionalProperties: { type: 'bigdecimal' } },
      'Record<string, unknown>',
      /#\/here\/additionalProperties: unknown type "bigdecimal"/,
    ],
    [
      'unknown item type',
      { type: 'array', items: { type: 'bigdecimal' } },
      'Array<unknown>',
      /#\/here\/items: unknown type "bigdecimal"/,
    ],
  ])('%s: warns with the JSON path and falls back', (_, schema, expected, warning) => {
    const result = typeOf(schema);
    expect(result.type).toBe(expected);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(warning);
  });

  it('ignores unknown keys without crashing', () => {
    const plain = typeOf({ type: 'object', properties: { a: { type: 'string' } } });
    const extra = typeOf({
      type: 'object',
      'x-vendor': { deep: [1] },
      nullable: true,
      properties: { a: { type: 'string', 'x-other': 1 } },
    } as DiscoverySchema);
    expect(extra).toEqual(plain);
  });
});

describe('describe: doc lines', () => {
  it('lists enum values with descriptions and marks deprecated ones', () => {
    const lines = describeSchema({
      type: 'string',
      description: 'State.',
      enum: ['A', 'B'],
      enumDescriptions: ['First.', 'Second.'],
      enumDeprecated: [false, true],
    });
    expect(lines).toEqual(['State.', '- `A`: First.', '- `B` (deprecated): Second.']);
  });

  it('documents enums of array items, int64 strings, readOnly and deprecated', () => {
    expect(
      describeSchema({ type: 'array', items: { type: 'string', enum: ['X'], enumDescriptions: ['Ex.'] } }),
    ).toEqual(['- `X`: Ex.']);
    expect(describeSchema({ type: 'string', format: 'int64' })).toEqual([
      'A int64 carried as a decimal string.',
    ]);
    expect(describeSchema({ type: 'string', readOnly: true })).toEqual([
      '@readonly Output only: set by the server, ignored in requests.',
    ]);
    expect(describeSchema({ type: 'string', deprecated: true })).toEqual(['@deprecated']);
  });
});

describe('names', () => {
  it.each([
    ['Widget', 'Widget'],
    ['string', 'string_'],
    ['object', 'object_'],
    ['delete', 'delete_'],
    ['default', 'default_'],
    ['Object', 'Object'],
    ['Array', 'Array_'],
    ['Record', 'Record_'],
    ['Promise', 'Promise_'],
    ['Response', 'Response_'],
    ['Transport', 'Transport_'],
    ['MethodSpec', 'MethodSpec_'],
    ['Foo.Bar', 'Foo_Bar'],
    ['2fa', '_2fa'],
  ])('typeName(%j) = %j', (id, expected) => {
    expect(typeName(id)).toBe(expected);
  });

  it.each([
    ['get', 'get', 'get'],
    ['delete', 'delete_', 'delete'],
    ['import', 'import_', 'import'],
    ['foo-bar', 'foo_bar', 'foo_bar'],
  ])('functionName(%j) = local %j, exported %j', (name, local, exported) => {
    expect(functionName(name)).toEqual({ local, exported });
  });

  it.each([
    ['name', 'name'],
    ['$ref', '$ref'],
    ['_x', '_x'],
    ['@type', '"@type"'],
    ['a-b', '"a-b"'],
    ['1a', '"1a"'],
    ['read_mask.paths', '"read_mask.paths"'],
  ])('propertyKey(%j) = %s', (name, expected) => {
    expect(propertyKey(name)).toBe(expected);
  });

  it('camelJoin joins resource paths', () => {
    expect(camelJoin(['tunedModels', 'permissions'])).toBe('tunedModelsPermissions');
    expect(camelJoin(['models'])).toBe('models');
  });

  it('docComment drops blank lines, splits newlines and cannot be closed early', () => {
    expect(docComment([])).toBe('');
    expect(docComment([undefined, '  '])).toBe('');
    expect(docComment(['a */ b', 'c\nd', undefined], '  ')).toBe(
      '  /**\n   * a *\\/ b\n   * c\n   * d\n   */\n',
    );
  });
});

describe('compactSchema: the validation registry', () => {
  it('keeps types, formats, enums, readOnly; required only from "Required." on writable properties', () => {
    const spec = compactSchema({
      type: 'object',
      description: 'dropped',
      properties: {
        id: { type: 'string', readOnly: true, description: 'Required. Output only.' },
        name: { type: 'string', description: 'Required. The name.' },
        size: { type: 'string', format: 'int64', description: 'Optional.' },
        kind: { type: 'string', enum: ['A', 'B'], enumDescriptions: ['a', 'b'] },
        list: { type: 'array', items: { $ref: 'Known' } },
        map: { type: 'object', additionalProperties: { type: 'array', items: { type: 'integer' } } },
        free: { type: 'object', additionalProperties: true },
        closed: { type: 'object', additionalProperties: false },
      },
    });
    expect(spec).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string' },
        size: { type: 'string', format: 'int64' },
        kind: { type: 'string', enum: ['A', 'B'] },
        list: { type: 'array', items: { $ref: 'Known' } },
        map: { type: 'object', additionalProperties: { type: 'array', items: { type: 'integer' } } },
        free: { type: 'object', additionalProperties: { type: 'any' } },
        closed: { type: 'object' },
      },
      required: ['name'],
    });
  });
});

describe('kitchen-sink fixture: every form, no warnings', () => {
  let out: Generated;
  beforeAll(async () => {
    out = await generateFixture('kitchen-sink');
  });

  it('generates without warnings, one type file per schema', () => {
    expect(out.warnings).toEqual([]);
    const types = [...out.files.keys()].filter((p) => p.startsWith('types/'));
    expect(types).toEqual(
      [...Object.keys(fixture('kitchen-sink').schemas).map((n) => `types/${n}.ts`), 'types/index.ts'].sort(),
    );
    expect(out.schemaCount).toBe(Object.keys(fixture('kitchen-sink').schemas).length);
  });

  it.each<[string, string]>([
    ['interface', 'export interface Widget {'],
    ['readOnly', '  readonly name?: string;'],
    ['readOnly datetime', '  readonly createTime?: string;'],
    ['optional writable', '  displayName?: string;'],
    ['array', '  tags?: Array<string>;'],
    ['map', '  labels?: Record<string, string>;'],
    ['map of arrays', '  partsByKind?: Record<string, Array<Part>>;'],
    ['additionalProperties: true', '  metadata?: Record<string, unknown>;'],
    ['map of any', '  attributes?: Record<string, unknown>;'],
    ['enum', "  state?: 'STATE_UNSPECIFIED' | 'ACTIVE' | 'RETIRED';"],
    ['enumDeprecated', '   * - `RETIRED` (deprecated): No longer made.'],
    ['enumDescriptions', '   * - `ACTIVE`: In use.'],
    ['array of enums', "  kinds?: Array<'KIND_UNSPECIFIED' | 'ROUND' | 'SQUARE'>;"],
    ['int64', '  sizeBytes?: string;'],
    ['uint64', '  checksum?: string;'],
    ['int64 doc', '   * A uint64 carried as a decimal string.'],
    ['byte', '  thumbnail?: string;'],
    ['duration', '  ttl?: string;'],
    ['fieldmask', '  updateMask?: string;'],
    ['float', '  ratio?: number;'],
    ['int32', '  count?: number;'],
    ['boolean', '  enabled?: boolean;'],
    ['any', '  payload?: unknown;'],
    ['@type', "  '@type'?: string;"],
    ['a-b', "  'a-b'?: number;"],
    ['deprecated', '   * @deprecated\n   */\n  legacy?: string;'],
    ['self reference', '  parent?: Widget;'],
    ['mutual recursion', '  gadget?: Gadget;'],
    ['inline object', '  nested?: {\n    inner?: {\n      deep?: boolean;\n    };\n  };'],
    ['description', ' * A widget: every property form.\n * Discovery schema `Widget`.'],
  ])('types/Widget.ts: %s', (_, snippet) => {
    expect(out.files.get('types/Widget.ts')).toContain(snippet);
  });

  it('recursive schemas import each other but never themselves', () => {
    const widget = out.files.get('types/Widget.ts')!;
    const gadget = out.files.get('types/Gadget.ts')!;
    expect(widget).toContain("import type { Gadget } from './Gadget.js';");
    expect(widget).toContain("import type { Part } from './Part.js';");
    expect(widget).not.toContain("from './Widget.js'");
    expect(gadget).toContain("import type { Widget } from './Widget.js';");
    expect(gadget).not.toContain("from './Gadget.js'");
    expect(gadget).toContain('  children?: Array<Gadget>;');
  });

  it.each<[string, string]>([
    ['Empty', 'export type Empty = Record<string, unknown>;'],
    ['StringMap', 'export type StringMap = Record<string, string>;'],
    [
      'MapWithKnownKeys',
      'export type MapWithKnownKeys = {\n  /**\n   * A int64 carried as a decimal string.\n   */\n  total?: string;\n} & Record<string, string>;',
    ],
    ['WidgetList', 'export type WidgetList = Array<Widget>;'],
  ])('top-level %s is a type alias', (name, snippet) => {
    expect(out.files.get(`types/${name}.ts`)).toContain(snippet);
  });

  it('types/index.ts re-exports every type', () => {
    const index = out.files.get('types/index.ts')!;
    for (const name of Object.keys(fixture('kitchen-sink').schemas)) {
      expect(index).toContain(`export type { ${name} } from './${name}.js';`);
    }
  });

  it('the registry marks "Required." properties, never readOnly ones', () => {
    const widget = compactSchema(fixture('kitchen-sink').schemas['Widget']!);
    expect(widget.required).toEqual(['displayName']);
    expect(widget.properties?.['name']).toEqual({ type: 'string', readOnly: true });
    expect(out.files.get('schemas.ts')).toContain("required: ['displayName'],");
  });
});

describe('collisions fixture: keyword and builtin schema names', () => {
  let out: Generated;
  beforeAll(async () => {
    out = await generateFixture('collisions');
  });

  it('renames colliding schemas and their files', () => {
    expect(out.warnings).toEqual([]);
    const types = [...out.files.keys()].filter((p) => p.startsWith('types/')).sort();
    expect(types).toEqual(
      [
        'Array_',
        'Foo_Bar',
        'GetParams',
        'Holder',
        'MethodSpec_',
        'Object',
        'Promise_',
        'Record_',
        'Response_',
        'Transport_',
        '_2fa',
        'delete_',
        'index',
        'string_',
      ].map((n) => `types/${n}.ts`),
    );
  });

  it.each<[string, string]>([
    ['types/string_.ts', 'export interface string_ {'],
    ['types/delete_.ts', 'export interface delete_ {'],
    ['types/Object.ts', 'export interface Object {'],
    ['types/Record_.ts', 'export type Record_ = Record<string, string>;'],
    ['types/Holder.ts', "import type { Array_ } from './Array_.js';"],
    ['types/Holder.ts', '  arrays?: Array<Array_>;'],
    ['types/Holder.ts', '  records?: Record<string, Record_>;'],
    ['types/Holder.ts', '  dotted?: Foo_Bar;'],
    ['types/Holder.ts', '  digits?: _2fa;'],
    ['types/index.ts', "export type { delete_ } from './delete_.js';"],
  ])('%s contains %j', (file, snippet) => {
    expect(out.files.get(file)).toContain(snippet);
  });

  it('the registry keeps the original schema names', () => {
    const registry = out.files.get('schemas.ts')!;
    for (const name of ['delete:', 'string:', 'Array:', "'Foo.Bar':", "'2fa':"])
      expect(registry).toContain(name);
  });
});

describe('unknowns fixture: unknown shapes warn and fall back', () => {
  let out: Generated;
  beforeAll(async () => {
    out = await generateFixture('unknowns');
  });

  it('warns once per unknown shape, naming its JSON path', () => {
    expect(out.warnings).toEqual([
      '#/resources/things/methods/get/parameters/traceId: unknown location "header"; treated as query',
      '#/resources/things/methods/get/parameters/when: unknown parameter type "date"; treated as string',
      '#/resources/things/methods/upload: mediaUpload has no protocol path; upload support left out',
      '#/schemas/Thing/properties/tuple: unknown type "tuple"; typed as unknown',
      '#/schemas/Thing/properties/huge: unknown string format "int128"; typed as string',
      '#/schemas/Thing/properties/untyped: schema without type; typed as unknown',
      '#/schemas/Thing/properties/list: array without items; typed as unknown[]',
      '#/schemas/Thing/properties/dangling: $ref to unknown schema "NoSuchSchema"; typed as unknown',
      '#/schemas/Thing/properties/mapOfUnknown/additionalProperties: unknown type "bigdecimal"; typed as unknown',
      '#/schemas/Weird: unknown type "bigdecimal"; typed as unknown',
    ]);
  });

  it.each<[string, string]>([
    ['types/Thing.ts', '  tuple?: unknown;'],
    ['types/Thing.ts', '  huge?: string;'],
    ['types/Thing.ts', '  untyped?: unknown;'],
    ['types/Thing.ts', '  list?: unknown[];'],
    ['types/Thing.ts', '  dangling?: unknown;'],
    ['types/Thing.ts', '  mapOfUnknown?: Record<string, unknown>;'],
    ['types/Thing.ts', '  nullable?: string;'],
    ['types/Weird.ts', 'export type Weird = unknown;'],
    ['types/Shapeless.ts', 'export type Shapeless = Record<string, unknown>;'],
  ])('%s falls back to %j', (file, snippet) => {
    expect(out.files.get(file)).toContain(snippet);
  });

  it('imports nothing for a dangling $ref', () => {
    expect(out.files.get('types/Thing.ts')).not.toContain('import');
    expect([...out.files.keys()]).not.toContain('types/NoSuchSchema.ts');
  });
});
