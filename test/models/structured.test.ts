import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as z3 from 'zod/v3';
import { OutputParseError, OutputValidationError, withValidation, zod3Schema } from '../../src/index.js';
import { MODEL, generateBodies, setup } from './helpers.js';

const Person = z.object({
  name: z.string(),
  age: z.number().int().min(1),
  tags: z.array(z.enum(['a', 'b'])),
});

describe('structured output', () => {
  it('sends a zod schema as responseJsonSchema in JSON mode and returns the typed, validated value', async () => {
    const { emu, client } = await setup();
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'a person',
      generationConfig: { responseJsonSchema: Person },
    });
    expectTypeOf(r.parsed).toEqualTypeOf<{ name: string; age: number; tags: Array<'a' | 'b'> }>();
    expect(r.parsed).toEqual({ name: 'name', age: 1, tags: ['a'] });
    expect(r.parsed).toBe(r.parsed); // parsed once
    const config = generateBodies(emu)[0]!['generationConfig'] as Record<string, unknown>;
    expect(config['responseMimeType']).toBe('application/json');
    expect(config['responseJsonSchema']).toMatchObject({ type: 'object', required: ['name', 'age', 'tags'] });
    expect(config['responseJsonSchema']).not.toHaveProperty('$schema');
  });

  it('parses a plain JSON Schema or OpenAPI responseSchema answer, and validates with withValidation', async () => {
    const { emu, client } = await setup();
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, n: { type: 'integer', minimum: 3 } },
      required: ['city', 'n'],
    };
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: { responseJsonSchema: schema },
    });
    expect(r.parsed).toEqual({ city: 'city', n: 3 });
    emu.control.script(MODEL, { text: '{"city": 5}' }, { text: '{"city": 5}' });
    const unchecked = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: { responseJsonSchema: schema },
    });
    expect(unchecked.parsed).toEqual({ city: 5 });
    const bad = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: { responseJsonSchema: withValidation(schema) },
    });
    expect(generateBodies(emu).at(-1)!['generationConfig']).toMatchObject({ responseJsonSchema: schema });
    expect(() => bad.parsed).toThrow(OutputValidationError);
    const openapi = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: { type: 'ARRAY', items: { type: 'STRING' } },
      },
    });
    expect(openapi.parsed).toEqual(['text']);
  });

  it('reports invalid JSON as OutputParseError carrying the raw text, and mismatches with issues', async () => {
    const { emu, client } = await setup();
    emu.control.script(
      MODEL,
      { text: 'Sure! Here it is: {"name": "Ann"' },
      { text: '{"name": "Ann", "age": 0, "tags": ["c"]}' },
    );
    const broken = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: { responseJsonSchema: Person },
    });
    let err: unknown;
    try {
      void broken.parsed;
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutputParseError);
    expect((err as OutputParseError).text).toBe('Sure! Here it is: {"name": "Ann"');
    const wrong = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: { responseJsonSchema: Person },
    });
    try {
      void wrong.parsed;
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutputValidationError);
    expect((err as OutputValidationError).value).toEqual({ name: 'Ann', age: 0, tags: ['c'] });
    expect((err as OutputValidationError).issues.length).toBeGreaterThanOrEqual(2);
  });

  it('accepts zod 3 schemas and works on streams and enum mode', async () => {
    const { client } = await setup();
    const Z3 = z3.z.object({
      ok: z3.z.boolean(),
      kind: z3.z.enum(['x', 'y']).optional(),
      when: z3.z.string().datetime(),
    });
    const stream = client.models.generateContentStream({
      model: MODEL,
      contents: 'x',
      generationConfig: { responseJsonSchema: zod3Schema(Z3) },
    });
    const final = await stream.finalResponse();
    expect(final.parsed).toMatchObject({ ok: true, kind: 'x' });
    expectTypeOf(final.parsed).toEqualTypeOf<{ ok: boolean; kind?: 'x' | 'y' | undefined; when: string }>();
    const plain = await client.models.generateContent({ model: MODEL, contents: 'x' });
    expect(plain.parsed).toBeUndefined();
    const e = await client.models.generateContent({
      model: MODEL,
      contents: 'x',
      generationConfig: {
        responseMimeType: 'text/x.enum',
        responseSchema: { type: 'STRING', enum: ['red', 'blue'] },
      },
    });
    expect(e.text).toBe('red');
  });
});
