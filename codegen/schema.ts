// Discovery schemas → TypeScript types (for generated/types/) and → the compact validation
// registry (generated/schemas.ts). Unknown shapes become `unknown` with a warning, never a crash.
import type { DiscoverySchema } from './discovery.js';
import { docComment, propertyKey, typeName } from './names.js';
import type { Warnings } from './problems.js';

/** Context for one emitted file: which schema names it references. */
export interface TypeContext {
  schemas: Record<string, DiscoverySchema>;
  warnings: Warnings;
  refs: Set<string>;
}

const STRING_FORMATS = new Set([
  'int64',
  'uint64',
  'byte',
  'date',
  'date-time',
  'google-datetime',
  'google-duration',
  'google-fieldmask',
]);

/** Doc lines for a schema or property: its description, then enum values, format and flags. */
export function describe(s: DiscoverySchema): string[] {
  const lines: string[] = [];
  if (s.description) lines.push(s.description);
  const holder = s.type === 'array' && s.items?.enum ? s.items : s;
  if (holder.enum && holder.enumDescriptions) {
    holder.enum.forEach((v, i) => {
      const deprecated = holder.enumDeprecated?.[i] ? ' (deprecated)' : '';
      lines.push(`- \`${v}\`${deprecated}: ${holder.enumDescriptions?.[i] ?? ''}`.trimEnd());
    });
  }
  if (s.format === 'int64' || s.format === 'uint64') lines.push(`A ${s.format} carried as a decimal string.`);
  if (s.readOnly) lines.push('@readonly Output only: set by the server, ignored in requests.');
  if (s.deprecated) lines.push('@deprecated');
  return lines;
}

/** The TypeScript type expression for a schema. */
export function tsType(s: DiscoverySchema, where: string, ctx: TypeContext, indent = ''): string {
  if (s.$ref !== undefined) {
    if (!(s.$ref in ctx.schemas)) {
      ctx.warnings.add(where, `$ref to unknown schema ${JSON.stringify(s.$ref)}; typed as unknown`);
      return 'unknown';
    }
    ctx.refs.add(s.$ref);
    return typeName(s.$ref);
  }
  switch (s.type) {
    case 'string':
      if (s.enum?.length) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
      if (s.format && !STRING_FORMATS.has(s.format))
        ctx.warnings.add(where, `unknown string format ${JSON.stringify(s.format)}; typed as string`);
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'any':
      return 'unknown';
    case 'array':
      if (!s.items) {
        ctx.warnings.add(where, 'array without items; typed as unknown[]');
        return 'unknown[]';
      }
      return `Array<${tsType(s.items, `${where}/items`, ctx, indent)}>`;
    case 'object':
    case undefined:
      if (s.type === undefined && !s.properties && s.additionalProperties === undefined) {
        ctx.warnings.add(where, 'schema without type; typed as unknown');
        return 'unknown';
      }
      return objectType(s, where, ctx, indent);
    default:
      ctx.warnings.add(where, `unknown type ${JSON.stringify(s.type)}; typed as unknown`);
      return 'unknown';
  }
}

function mapValueType(
  s: DiscoverySchema,
  where: string,
  ctx: TypeContext,
  indent: string,
): string | undefined {
  const ap = s.additionalProperties;
  if (ap === undefined || ap === false) return undefined;
  if (ap === true) return 'unknown';
  return tsType(ap, `${where}/additionalProperties`, ctx, indent);
}

/** An object literal type: `{ a?: A; … }`, a map `Record<string, V>`, or both. */
export function objectType(s: DiscoverySchema, where: string, ctx: TypeContext, indent = ''): string {
  const value = mapValueType(s, where, ctx, indent);
  const props = Object.entries(s.properties ?? {});
  if (props.length === 0) return `Record<string, ${value ?? 'unknown'}>`;
  const body = propertyLines(s, where, ctx, `${indent}  `);
  const literal = `{\n${body}${indent}}`;
  // A map with known keys too: keep the known keys typed and allow the rest.
  return value === undefined ? literal : `${literal} & Record<string, ${value}>`;
}

/** The members of an object type, one per property, each with its doc comment. */
export function propertyLines(s: DiscoverySchema, where: string, ctx: TypeContext, indent: string): string {
  let out = '';
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const type = tsType(prop, `${where}/properties/${name}`, ctx, indent);
    out += docComment(describe(prop), indent);
    out += `${indent}${prop.readOnly ? 'readonly ' : ''}${propertyKey(name)}?: ${type};\n`;
  }
  return out;
}

/** One compact schema for runtime validation (emulator), without descriptions. */
export interface SchemaSpec {
  type?: string;
  $ref?: string;
  properties?: Record<string, SchemaSpec>;
  items?: SchemaSpec;
  additionalProperties?: SchemaSpec;
  enum?: string[];
  format?: string;
  readOnly?: boolean;
  required?: string[];
}

/** Compacts a discovery schema; `required` comes from descriptions starting with "Required." (discovery has no list). */
export function compactSchema(s: DiscoverySchema): SchemaSpec {
  const out: SchemaSpec = {};
  if (s.$ref !== undefined) out.$ref = s.$ref;
  if (s.type !== undefined) out.type = s.type;
  if (s.format !== undefined) out.format = s.format;
  if (s.enum) out.enum = [...s.enum];
  if (s.readOnly) out.readOnly = true;
  if (s.items) out.items = compactSchema(s.items);
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    out.additionalProperties =
      s.additionalProperties === true ? { type: 'any' } : compactSchema(s.additionalProperties);
  }
  if (s.properties) {
    out.properties = {};
    const required: string[] = [];
    for (const [name, prop] of Object.entries(s.properties)) {
      out.properties[name] = compactSchema(prop);
      if (/^\s*Required\b/.test(prop.description ?? '') && !prop.readOnly) required.push(name);
    }
    if (required.length) out.required = required;
  }
  return out;
}
