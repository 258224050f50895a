// A small JSON Schema validator for structured output: enough to check what the model returned
// against the schema the request gave. Covers the keywords the Gemini API accepts (types, enum,
// const, properties/required/additionalProperties, items/prefixItems, sizes, ranges, anyOf/oneOf/
// allOf, local $ref) plus the OpenAPI-style `Schema` of `responseSchema` (`type: 'STRING'`, `nullable`).
import type { JsonSchema, SchemaIssue, StandardSchemaLike } from './schema.js';
import { isObject } from '../core/json.js';

type Obj = Record<string, unknown>;
type Path = PropertyKey[];

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(expected: string, v: unknown): boolean {
  const actual = typeOf(v);
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function resolve(root: Obj, ref: string): Obj | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  return isObject(node) ? node : undefined;
}

class Validator {
  readonly issues: SchemaIssue[] = [];
  constructor(private readonly root: Obj) {}

  fail(path: Path, message: string): void {
    this.issues.push({ message, path: [...path] });
  }

  /** Validates without recording: used by anyOf/oneOf branches. */
  ok(schema: unknown, v: unknown, path: Path, depth: number): boolean {
    const sub = new Validator(this.root);
    sub.check(schema, v, path, depth);
    return sub.issues.length === 0;
  }

  check(schema: unknown, v: unknown, path: Path, depth: number): void {
    if (schema === false) return this.fail(path, 'no value is allowed here');
    if (!isObject(schema) || depth > 64) return;
    if (typeof schema['$ref'] === 'string') {
      const target = resolve(this.root, schema['$ref']);
      if (target) this.check(target, v, path, depth + 1);
    }
    if (v === null && schema['nullable'] === true) return;
    const rawType = schema['type'];
    if (rawType !== undefined) {
      const types = (Array.isArray(rawType) ? rawType : [rawType]).map((t) => String(t).toLowerCase());
      if (!types.some((t) => typeMatches(t, v))) {
        return this.fail(path, `expected ${types.join(' or ')}, got ${typeOf(v)}`);
      }
    }
    if (
      Array.isArray(schema['enum']) &&
      !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(v))
    ) {
      this.fail(path, `expected one of ${JSON.stringify(schema['enum'])}`);
    }
    if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(v)) {
      this.fail(path, `expected ${JSON.stringify(schema['const'])}`);
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches) && !branches.some((b) => this.ok(b, v, path, depth + 1))) {
        this.fail(path, `matches none of the ${key} alternatives`);
      }
    }
    if (Array.isArray(schema['allOf'])) for (const b of schema['allOf']) this.check(b, v, path, depth + 1);
    if (typeof v === 'string') this.string(schema, v, path);
    else if (typeof v === 'number') this.number(schema, v, path);
    else if (Array.isArray(v)) this.array(schema, v, path, depth);
    else if (isObject(v)) this.object(schema, v, path, depth);
  }

  string(s: Obj, v: string, path: Path): void {
    const len = [...v].length;
    if (typeof s['minLength'] === 'number' && len < s['minLength'])
      this.fail(path, `shorter than ${s['minLength']}`);
    if (typeof s['maxLength'] === 'number' && len > s['maxLength'])
      this.fail(path, `longer than ${s['maxLength']}`);
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v)) {
      this.fail(path, `does not match ${s['pattern']}`);
    }
  }

  number(s: Obj, v: number, path: Path): void {
    const n = (k: string): number | undefined => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
    const [min, max, xmin, xmax] = [n('minimum'), n('maximum'), n('exclusiveMinimum'), n('exclusiveMaximum')];
    if (min !== undefined && v < min) this.fail(path, `less than ${min}`);
    if (max !== undefined && v > max) this.fail(path, `greater than ${max}`);
    if (xmin !== undefined && v <= xmin) this.fail(path, `not greater than ${xmin}`);
    if (xmax !== undefined && v >= xmax) this.fail(path, `not less than ${xmax}`);
  }

  array(s: Obj, v: unknown[], path: Path, depth: number): void {
    if (typeof s['minItems'] === 'number' && v.length < s['minItems'])
      this.fail(path, `fewer than ${s['minItems']} items`);
    if (typeof s['maxItems'] === 'number' && v.length > s['maxItems'])
      this.fail(path, `more than ${s['maxItems']} items`);
    const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : [];
    v.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : s['items'];
      if (sub !== undefined) this.check(sub, item, [...path, i], depth + 1);
    });
  }

  object(s: Obj, v: Obj, path: Path, depth: number): void {
    const props = isObject(s['properties']) ? s['properties'] : {};
    if (Array.isArray(s['required'])) {
      for (const k of s['required'])
        if (typeof k === 'string' && !(k in v)) this.fail([...path, k], 'is required');
    }
    for (const [k, item] of Object.entries(v)) {
      if (k in props) this.check(props[k], item, [...path, k], depth + 1);
      else if (s['additionalProperties'] === false) this.fail([...path, k], 'is not allowed');
      else if (isObject(s['additionalProperties']))
        this.check(s['additionalProperties'], item, [...path, k], depth + 1);
    }
  }
}

/** Validates a JSON value against a JSON Schema (or OpenAPI `Schema`); returns the problems found. */
export function validateJson(schema: JsonSchema, value: unknown): SchemaIssue[] {
  const v = new Validator(schema as Obj);
  v.check(schema, value, [], 0);
  return v.issues;
}

/**
 * A JSON Schema that also validates: `responseJsonSchema: withValidation(schema)` makes `.parsed` check
 * the model's JSON against it (`OutputValidationError` with issues), as a zod schema would. Plain JSON
 * Schema is only parsed (the service constrains the output to it already).
 */
export function withValidation<T = unknown>(
  schema: JsonSchema,
): StandardSchemaLike<T> & { readonly '~standard': { readonly jsonSchema: { input(): JsonSchema } } } {
  return {
    '~standard': {
      version: 1,
      vendor: 'gemini-ts',
      validate: (value) => {
        const issues = validateJson(schema, value);
        return issues.length ? { issues } : { value: value as T };
      },
      jsonSchema: { input: () => schema },
    },
  };
}
