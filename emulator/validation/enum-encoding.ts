/**
 * `$alt=json;enum-encoding=int` (sent by some gRPC-fallback clients, recorded in real traffic):
 * the service then prints enums as numbers. The number is the value's position in the discovery
 * enum list, which follows the proto numbering.
 */
import { schemas, type SchemaSpec } from '../spec-source.js';
import { setOwn } from '../json.js';

/** True when the request asked for numeric enums. */
export function wantsIntEnums(search: URLSearchParams): boolean {
  const alt = search.get('$alt') ?? '';
  return alt.split(';').some((p) => p.trim() === 'enum-encoding=int');
}

function encode(spec: SchemaSpec | undefined, value: unknown, depth: number): unknown {
  if (!spec || value === null || value === undefined || depth > 64) return value;
  if (spec.$ref !== undefined) return encode(schemas[spec.$ref], value, depth + 1);
  if (Array.isArray(value)) return spec.items ? value.map((v) => encode(spec.items, v, depth + 1)) : value;
  if (spec.enum && typeof value === 'string') {
    const i = spec.enum.indexOf(value);
    return i >= 0 ? i : value;
  }
  if (typeof value !== 'object') return value;
  const props = spec.properties;
  const extra = spec.additionalProperties;
  if (!props && !extra) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const prop = props && Object.hasOwn(props, k) ? props[k] : undefined;
    setOwn(out, k, encode(prop ?? extra, v, depth + 1));
  }
  return out;
}

/** Rewrites every enum in a response of schema `schemaName` as its number. */
export function encodeEnumsAsInts(schemaName: string, value: unknown): unknown {
  return encode({ $ref: schemaName }, value, 0);
}
