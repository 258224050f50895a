// Schemas from JSON Schema or a schema library (zod 3/4, or anything implementing Standard Schema).
// zod is never imported: schemas are recognised by shape, so users who don't use zod don't ship it.
import { InvalidArgumentError } from '../core/errors.js';
import { isObject } from '../core/json.js';

/** A JSON Schema object (the subset the Gemini API accepts in `parametersJsonSchema`/`responseJsonSchema`). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One problem found while validating a value. */
export interface SchemaIssue {
  /** What is wrong. */
  readonly message: string;
  /** Where: property names and array indexes from the root. */
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The result of a Standard Schema validation. */
export type StandardResult<Output> =
  { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<SchemaIssue> };

/**
 * A schema object implementing Standard Schema (https://standardschema.dev): zod ≥ 3.24, valibot,
 * arktype… Its output type becomes the type of `.parsed` and of function arguments.
 */
export interface StandardSchemaLike<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
}

/** A schema given as JSON Schema or as a schema-library object. */
export type SchemaInput<Output = unknown> = StandardSchemaLike<Output> | JsonSchema;

/** The validated type a schema describes (`unknown` for plain JSON Schema). */
export type InferSchema<S> = S extends StandardSchemaLike<infer O> ? O : unknown;

type Obj = Record<string, unknown>;

/** Whether `v` is a Standard Schema object (e.g. a zod schema). */
export function isStandardSchema(v: unknown): v is StandardSchemaLike {
  return (
    (typeof v === 'object' || typeof v === 'function') && v !== null && isObject((v as Obj)['~standard'])
  );
}

/** Converts a schema input into plain JSON Schema (`$schema` removed; the API does not need it). */
export function toJsonSchema(schema: SchemaInput, where = 'schema'): JsonSchema {
  const s = schema as Obj;
  let out: unknown = schema;
  const std = s['~standard'] as Obj | undefined;
  const standardJson = std && isObject(std['jsonSchema']) ? (std['jsonSchema'] as Obj) : undefined;
  if (standardJson && typeof standardJson['input'] === 'function') {
    out = (standardJson['input'] as (o: Obj) => unknown)({ target: 'draft-2020-12' });
  } else if (typeof s['toJSONSchema'] === 'function') {
    out = (s['toJSONSchema'] as () => unknown).call(schema); // zod 4 without Standard JSON Schema
  } else if (isObject(s['_def'])) {
    throw new InvalidArgumentError(
      `${where}: a zod 3 schema; wrap it as zod3Schema(schema) (from gemini-ts/tools) or use zod 4`,
    );
  } else if (std) {
    const vendor = String(std['vendor']);
    throw new InvalidArgumentError(
      `${where}: cannot turn a ${vendor} schema into JSON Schema; pass a JSON Schema object`,
    );
  }
  if (!isObject(out)) throw new InvalidArgumentError(`${where}: expected a JSON Schema object`);
  if ('$schema' in out) {
    const { $schema: _drop, ...rest } = out;
    return rest;
  }
  return out;
}

/** A failed validation: the issues, as one readable line. */
export function describeIssues(issues: ReadonlyArray<SchemaIssue>): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      const path = (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
