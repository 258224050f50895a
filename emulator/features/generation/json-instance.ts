/**
 * A deterministic JSON value matching a schema, for structured-output replies and for the arguments of
 * emulated function calls. Reads JSON Schema (`responseJsonSchema`, `parametersJsonSchema`) and the
 * OpenAPI-style `Schema` (`responseSchema`, `parameters`: `type: 'STRING'`, `nullable`). A `const`,
 * first `enum` value, `default` or first example wins; otherwise strings are the property name (or
 * `text`), numbers the smallest allowed, arrays hold `minItems` (at least one)
 * items, objects every declared property.
 */
import { isObj, setOwn } from '../../json.js';
type Obj = Readonly<Record<string, unknown>>;

function resolveRef(root: Obj, ref: string): Obj | undefined {
  let node: unknown = root;
  for (const key of ref.replace(/^#\/?/, '').split('/').filter(Boolean))
    node = isObj(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return isObj(node) ? node : undefined;
}

function firstType(schema: Obj): string | undefined {
  const t = schema['type'];
  const list = (Array.isArray(t) ? t : t === undefined ? [] : [t]).map((x) => String(x).toLowerCase());
  return list.find((x) => x !== 'null') ?? list[0];
}

function numberFor(schema: Obj, integer: boolean): number {
  const num = (k: string): number | undefined =>
    typeof schema[k] === 'number' ? (schema[k] as number) : undefined;
  let n =
    num('minimum') ??
    (num('exclusiveMinimum') !== undefined ? num('exclusiveMinimum')! + (integer ? 1 : 0.5) : 0);
  const max = num('maximum');
  if (max !== undefined && n > max) n = max;
  return integer ? Math.ceil(n) : n;
}

function stringFor(schema: Obj, key: string, now: string): string {
  switch (schema['format']) {
    case 'date-time':
      return now;
    case 'date':
      return now.slice(0, 10);
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'email':
      return 'user@example.com';
    default: {
      const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
      return key.padEnd(min, '_');
    }
  }
}

function build(root: Obj, schema: unknown, key: string, now: string, depth: number): unknown {
  if (!isObj(schema) || depth > 16) return null;
  if (typeof schema['$ref'] === 'string')
    return build(root, resolveRef(root, schema['$ref']), key, now, depth + 1);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if ('default' in schema) return schema['default'];
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
  if ('example' in schema) return schema['example'];
  for (const k of ['anyOf', 'oneOf']) {
    const list = schema[k];
    if (Array.isArray(list) && list.length > 0) {
      const pick = list.find((s) => isObj(s) && firstType(s) !== 'null') ?? list[0];
      return build(root, pick, key, now, depth + 1);
    }
  }
  if (Array.isArray(schema['allOf'])) {
    const merged = schema['allOf'].filter(isObj).reduce<Obj>((acc, s) => ({ ...acc, ...s }), {});
    return build(root, merged, key, now, depth + 1);
  }
  const props = isObj(schema['properties']) ? schema['properties'] : undefined;
  switch (firstType(schema) ?? (props ? 'object' : schema['items'] ? 'array' : 'string')) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props ?? {})) setOwn(out, k, build(root, v, k, now, depth + 1));
      return out;
    }
    case 'array': {
      const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
      const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1;
      const n = Math.max(prefix.length, min, 1);
      const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : n;
      return Array.from({ length: Math.min(n, max) }, (_, i) =>
        build(root, i < prefix.length ? prefix[i] : schema['items'], key, now, depth + 1),
      );
    }
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringFor(schema, key, now);
  }
}

/** A value of `schema` (deterministic: the same schema always gives the same value). */
export function instanceOf(schema: unknown, now: string, key = 'text'): unknown {
  return build(isObj(schema) ? schema : {}, schema, key, now, 0);
}
