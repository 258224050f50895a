import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as z3 from 'zod/v3';
import {
  InvalidArgumentError,
  defineFunction,
  toJsonSchema,
  validateJson,
  zod3Schema,
} from '../../src/index.js';

describe('toJsonSchema', () => {
  it('converts zod 4 schemas and drops $schema', () => {
    const s = toJsonSchema(
      z.object({ city: z.string().describe('City name'), unit: z.enum(['c', 'f']).optional() }),
    );
    expect(s).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['c', 'f'] },
      },
      required: ['city'],
    });
  });

  it('converts zod 3 schemas (wrapped with zod3Schema) by walking their definitions', () => {
    const Z = z3.z;
    expect(() => toJsonSchema(Z.string())).toThrow(/zod3Schema/);
    const s = toJsonSchema(
      zod3Schema(
        Z.object({
          name: Z.string().min(1).describe('Name'),
          age: Z.number().int().min(0).max(150),
          email: Z.string().email().nullable(),
          tags: Z.array(Z.string()).min(1),
          role: Z.enum(['admin', 'user']).default('user'),
          pair: Z.tuple([Z.string(), Z.number()]),
          meta: Z.record(Z.boolean()),
          either: Z.union([Z.literal('a'), Z.literal(1)]),
          when: Z.date().optional(),
          strict: Z.object({ x: Z.string() }).strict(),
        }),
      ),
    );
    expect(s).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, description: 'Name' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        email: { anyOf: [{ type: 'string', format: 'email' }, { type: 'null' }] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
        role: { type: 'string', enum: ['admin', 'user'], default: 'user' },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
        meta: { type: 'object', additionalProperties: { type: 'boolean' } },
        either: { anyOf: [{ const: 'a' }, { const: 1 }] },
        when: { type: 'string', format: 'date-time' },
        strict: {
          type: 'object',
          properties: { x: { type: 'string' } },
          required: ['x'],
          additionalProperties: false,
        },
      },
      required: ['name', 'age', 'email', 'tags', 'pair', 'meta', 'either', 'strict'],
    });
  });

  it('passes JSON Schema through and rejects schema objects it cannot convert', () => {
    const json = { type: 'object', properties: {} };
    expect(toJsonSchema(json)).toBe(json);
    const foreign = {
      '~standard': { version: 1, vendor: 'other', validate: (v: unknown) => ({ value: v }) },
    };
    expect(() => toJsonSchema(foreign)).toThrow(InvalidArgumentError);
  });
});

describe('validateJson', () => {
  const cases: Array<[string, Record<string, unknown>, unknown, number]> = [
    ['type ok', { type: 'string' }, 'x', 0],
    ['type wrong', { type: 'string' }, 1, 1],
    ['integer vs number', { type: 'integer' }, 1.5, 1],
    ['number accepts integers', { type: 'number' }, 2, 0],
    ['OpenAPI upper-case types and nullable', { type: 'STRING', nullable: true }, null, 0],
    ['type list', { type: ['string', 'null'] }, null, 0],
    ['enum', { enum: ['a', 'b'] }, 'c', 1],
    ['const', { const: 3 }, 3, 0],
    [
      'required and additionalProperties',
      { type: 'object', properties: { a: {} }, required: ['a'], additionalProperties: false },
      { b: 1 },
      2,
    ],
    [
      'nested path',
      { type: 'object', properties: { a: { type: 'array', items: { type: 'number', minimum: 2 } } } },
      { a: [3, 1] },
      1,
    ],
    ['string sizes and pattern', { type: 'string', minLength: 2, maxLength: 3, pattern: '^a' }, 'bcde', 2],
    ['array sizes', { type: 'array', minItems: 2 }, [1], 1],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'number' }] }, true, 1],
    ['allOf', { allOf: [{ type: 'number' }, { minimum: 5 }] }, 4, 1],
    ['$ref', { $defs: { P: { type: 'string' } }, type: 'array', items: { $ref: '#/$defs/P' } }, ['a', 2], 1],
    ['exclusive bounds', { exclusiveMinimum: 0, exclusiveMaximum: 1 }, 1, 1],
  ];
  it.each(cases)('%s', (_name, schema, value, issues) => {
    expect(validateJson(schema, value)).toHaveLength(issues);
  });

  it('reports paths', () => {
    expect(
      validateJson(
        { type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } },
        { a: ['x', 1] },
      ),
    ).toEqual([{ message: 'expected string, got integer', path: ['a', 1] }]);
  });
});

describe('defineFunction', () => {
  it('declares parameters from zod or JSON Schema', () => {
    const f = defineFunction({
      name: 'get_weather',
      description: 'Weather',
      parameters: z.object({ city: z.string() }),
      run: ({ city }) => city,
    });
    expect(f.declaration).toEqual({
      name: 'get_weather',
      description: 'Weather',
      parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    });
    const g = defineFunction({
      name: 'ns.tool:v1-x',
      parameters: { type: 'object' },
      response: z.string(),
      behavior: 'NON_BLOCKING',
    });
    expect(g.declaration).toEqual({
      name: 'ns.tool:v1-x',
      parametersJsonSchema: { type: 'object' },
      responseJsonSchema: { type: 'string' },
      behavior: 'NON_BLOCKING',
    });
    expect(g.run).toBeUndefined();
  });

  it('rejects invalid names', () => {
    for (const name of ['', '1abc', 'has space', 'x'.repeat(65), 'é']) {
      expect(() => defineFunction({ name })).toThrow(InvalidArgumentError);
    }
  });
});
