// zod 3 → JSON Schema. zod 4 converts itself (`toJSONSchema`); zod 3 schemas only expose their
// definition (`_def.typeName`), so the common kinds are walked here. Unknown kinds become `{}` (any).
// Opt-in through `zod3Schema()`, so bundles that never see a zod 3 schema don't carry the walker.
import type { StandardSchemaLike } from './schema.js';

type Obj = Record<string, unknown>;
type Def = Obj & { typeName?: string; description?: string };
type Check = { kind: string; value?: unknown; inclusive?: boolean; regex?: RegExp };

const defOf = (s: unknown): Def => ((s as { _def?: Def })?._def ?? {}) as Def;
const isOptional = (s: unknown): boolean => {
  const t = defOf(s).typeName;
  return t === 'ZodOptional' || t === 'ZodDefault';
};

function stringSchema(checks: Check[]): Obj {
  const out: Obj = { type: 'string' };
  for (const c of checks) {
    if (c.kind === 'min') out['minLength'] = c.value;
    else if (c.kind === 'max') out['maxLength'] = c.value;
    else if (c.kind === 'length') out['minLength'] = out['maxLength'] = c.value;
    else if (c.kind === 'regex' && c.regex) out['pattern'] = c.regex.source;
    else if (['email', 'uuid', 'url', 'date', 'time'].includes(c.kind))
      out['format'] = c.kind === 'url' ? 'uri' : c.kind;
    else if (c.kind === 'datetime') out['format'] = 'date-time';
  }
  return out;
}

function numberSchema(checks: Check[], integer: boolean): Obj {
  const out: Obj = { type: integer ? 'integer' : 'number' };
  for (const c of checks) {
    if (c.kind === 'int') out['type'] = 'integer';
    else if (c.kind === 'min') out[c.inclusive === false ? 'exclusiveMinimum' : 'minimum'] = c.value;
    else if (c.kind === 'max') out[c.inclusive === false ? 'exclusiveMaximum' : 'maximum'] = c.value;
  }
  return out;
}

function walk(schema: unknown, depth: number): Obj {
  if (depth > 64) return {}; // recursive (z.lazy) schemas: stop rather than loop
  const def = defOf(schema);
  const next = (s: unknown): Obj => walk(s, depth + 1);
  const checks = (Array.isArray(def['checks']) ? def['checks'] : []) as Check[];
  let out: Obj;
  switch (def.typeName) {
    case 'ZodString':
      out = stringSchema(checks);
      break;
    case 'ZodNumber':
      out = numberSchema(checks, false);
      break;
    case 'ZodBigInt':
      out = numberSchema(checks, true);
      break;
    case 'ZodBoolean':
      out = { type: 'boolean' };
      break;
    case 'ZodNull':
      out = { type: 'null' };
      break;
    case 'ZodDate':
      out = { type: 'string', format: 'date-time' };
      break;
    case 'ZodLiteral':
      out = { const: def['value'] };
      break;
    case 'ZodEnum':
      out = { type: 'string', enum: def['values'] };
      break;
    case 'ZodNativeEnum': {
      const values = Object.values(def['values'] as Obj);
      // TypeScript numeric enums map names both ways; keep the values only.
      const nums = values.filter((v) => typeof v === 'number');
      out = { enum: nums.length ? nums : values };
      break;
    }
    case 'ZodObject': {
      const shape = (
        typeof def['shape'] === 'function' ? (def['shape'] as () => Obj)() : def['shape']
      ) as Obj;
      const properties: Obj = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(shape)) {
        properties[k] = next(v);
        if (!isOptional(v)) required.push(k);
      }
      out = { type: 'object', properties, ...(required.length ? { required } : {}) };
      const catchall = defOf(def['catchall']).typeName;
      if (catchall && catchall !== 'ZodNever') out['additionalProperties'] = next(def['catchall']);
      else if (def['unknownKeys'] === 'strict') out['additionalProperties'] = false;
      break;
    }
    case 'ZodArray': {
      out = { type: 'array', items: next(def['type']) };
      const min = def['minLength'] as { value: number } | null;
      const max = def['maxLength'] as { value: number } | null;
      if (min) out['minItems'] = min.value;
      if (max) out['maxItems'] = max.value;
      break;
    }
    case 'ZodTuple':
      out = { type: 'array', prefixItems: (def['items'] as unknown[]).map(next) };
      break;
    case 'ZodRecord':
      out = { type: 'object', additionalProperties: next(def['valueType']) };
      break;
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = def['options'];
      const list = options instanceof Map ? [...options.values()] : (options as unknown[]);
      out = { anyOf: list.map(next) };
      break;
    }
    case 'ZodIntersection':
      out = { allOf: [next(def['left']), next(def['right'])] };
      break;
    case 'ZodNullable':
      out = { anyOf: [next(def['innerType']), { type: 'null' }] };
      break;
    case 'ZodOptional':
    case 'ZodReadonly':
    case 'ZodCatch':
      out = next(def['innerType']);
      break;
    case 'ZodDefault':
      out = { ...next(def['innerType']), default: (def['defaultValue'] as () => unknown)() };
      break;
    case 'ZodBranded':
      out = next(def['type']);
      break;
    case 'ZodEffects':
      out = next(def['schema']);
      break;
    case 'ZodPipeline':
      out = next(def['in']);
      break;
    case 'ZodLazy':
      out = next((def['getter'] as () => unknown)());
      break;
    default:
      out = {}; // ZodAny, ZodUnknown and kinds JSON Schema cannot express
  }
  return def.description ? { ...out, description: def.description } : out;
}

/** Converts a zod 3 schema to JSON Schema. */
export function zod3ToJsonSchema(schema: unknown): Obj {
  return walk(schema, 0);
}

/** The part of a zod 3 schema the SDK uses (any `z.ZodType` of zod 3.x). */
export interface Zod3Like<Output = unknown> {
  /** zod's definition, walked to build the JSON Schema. */
  readonly _def: unknown;
  /** The output type (type-level only). */
  readonly _output: Output;
  /** zod's own validation. */
  safeParse(
    value: unknown,
  ):
    | { success: true; data: Output }
    | { success: false; error: { issues: Array<{ message: string; path: Array<string | number> }> } };
}

/**
 * Makes a zod 3 schema usable wherever a schema is accepted (`responseJsonSchema`, `defineFunction`
 * parameters…): zod 3 cannot describe itself as JSON Schema, so this walks its definition. zod 4
 * schemas need no wrapper.
 */
export function zod3Schema<Output>(schema: Zod3Like<Output>): StandardSchemaLike<Output> & {
  readonly '~standard': { readonly jsonSchema: { input(): Obj } };
} {
  return {
    '~standard': {
      version: 1,
      vendor: 'zod',
      validate: (value) => {
        const r = schema.safeParse(value);
        return r.success ? { value: r.data } : { issues: r.error.issues };
      },
      jsonSchema: { input: () => walk(schema, 0) },
    },
  };
}
