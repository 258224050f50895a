/**
 * A deterministic JSON value matching a schema, for structured-output replies and for the arguments of
 * emulated function calls. Reads JSON Schema (`responseJsonSchema`, `parametersJsonSchema`) and the
 * OpenAPI-style `Schema` (`responseSchema`, `parameters`: `type: 'STRING'`, `nullable`). A `const`,
 * first `enum` value, `default` or first example wins; otherwise strings are the property name (or
 * `text`) fitted to `minLength`/`maxLength`, or a value of their `format`;
 * numbers are small and sensible: 1 (0.5 for non-integers) moved inside `minimum`/`maximum` (so
 * zod's `.int()` bounds of ±2^53 give 1, not -9007199254740991) and onto `multipleOf`; arrays hold
 * `minItems` (at least one) items, objects every declared property.
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
  const num = (k: string): number | undefined => {
    const v = schema[k];
    return typeof v === 'number'
      ? v
      : typeof v === 'string' && v !== '' && !isNaN(Number(v))
        ? Number(v)
        : undefined;
  };
  const step = integer ? 1 : 0.5;
  // JSON Schema draft 4 writes exclusive bounds as booleans beside minimum/maximum.
  const exMin = schema['exclusiveMinimum'];
  const exMax = schema['exclusiveMaximum'];
  let min = num('minimum');
  let max = num('maximum');
  if (typeof exMin === 'number') min = Math.max(min ?? -Infinity, exMin + step);
  else if (exMin === true && min !== undefined) min += step;
  if (typeof exMax === 'number') max = Math.min(max ?? Infinity, exMax - step);
  else if (exMax === true && max !== undefined) max -= step;
  let n = integer ? 1 : 0.5;
  if (min !== undefined && n < min) n = min;
  if (max !== undefined && n > max) n = max;
  const multiple = num('multipleOf');
  if (multiple !== undefined && multiple > 0) {
    const k = Math.ceil(n / multiple) * multiple;
    n = max !== undefined && k > max ? Math.floor(n / multiple) * multiple : k;
  }
  return integer ? Math.ceil(n) : n;
}

/** A count given as a number or (int64 on the wire) a numeric string. */
const count = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

const FORMATS: Readonly<Record<string, (now: string) => string>> = {
  'date-time': (now) => now,
  date: (now) => now.slice(0, 10),
  time: (now) => now.slice(11, 19),
  duration: () => 'PT1H',
  uri: () => 'https://example.com/',
  url: () => 'https://example.com/',
  'uri-reference': () => '/example',
  email: () => 'user@example.com',
  hostname: () => 'example.com',
  ipv4: () => '192.0.2.1',
  ipv6: () => '2001:db8::1',
  uuid: () => '00000000-0000-4000-8000-000000000000',
  byte: () => 'ZW11bGF0b3I=',
  int64: () => '1',
  uint64: () => '1',
  int32: () => '1',
};

function stringFor(schema: Obj, key: string, now: string): string {
  const format = typeof schema['format'] === 'string' ? FORMATS[schema['format']] : undefined;
  if (format) return format(now);
  const min = count(schema['minLength']) ?? 0;
  const max = count(schema['maxLength']);
  const text = key.padEnd(min, '_');
  return max !== undefined ? text.slice(0, max) : text;
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
      for (const k of propertyOrder(schema, props ?? {}))
        setOwn(out, k, build(root, props?.[k], k, now, depth + 1));
      return out;
    }
    case 'array': {
      const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
      const min = count(schema['minItems']) ?? 1;
      const n = Math.max(prefix.length, min, 1);
      const max = count(schema['maxItems']) ?? n;
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

/** Property names in `propertyOrdering` order (the rest after, as declared). */
function propertyOrder(schema: Obj, props: Obj): string[] {
  const order = Array.isArray(schema['propertyOrdering']) ? schema['propertyOrdering'].map(String) : [];
  const first = order.filter((k) => Object.hasOwn(props, k));
  return [...first, ...Object.keys(props).filter((k) => !first.includes(k))];
}

/** A value of `schema` (deterministic: the same schema always gives the same value). */
export function instanceOf(schema: unknown, now: string, key = 'text'): unknown {
  return build(isObj(schema) ? schema : {}, schema, key, now, 0);
}
