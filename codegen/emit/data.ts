// generated/manifest.ts and generated/schemas.ts: the API as data, for the emulator and for tests.
import type { Ir } from '../ir.js';
import { typeName } from '../names.js';
import { compactSchema } from '../schema.js';
import { HEADER } from './header.js';
import { specOf } from './methods.js';

/** generated/manifest.ts: every method with its routing facts and flags. */
export function emitManifest(ir: Ir): string {
  const entries = ir.methods.map((m) => ({
    ...specOf(m),
    resource: m.resource.join('.'),
    name: m.name,
    flatPath: m.flatPath,
    request: m.request ?? null,
    response: m.response ?? null,
    paginated: m.paginated,
    longRunning: m.longRunning,
    streaming: m.streaming,
    media: m.media,
    source: m.source,
  }));
  return `${HEADER}import type { MethodSpec } from './transport.js';

/** One REST method as data: routing facts plus flags the client and emulator act on. */
export interface ManifestEntry extends MethodSpec {
  /** Dotted resource path, e.g. \`tunedModels.permissions\`. */
  readonly resource: string;
  /** Method name within its resource. */
  readonly name: string;
  /** Discovery flatPath without the version prefix: one \`{x}\` per path segment, for routing. */
  readonly flatPath: string;
  /** Request body schema name. */
  readonly request: string | null;
  /** Response schema name. */
  readonly response: string | null;
  /** Takes \`pageToken\` and answers with \`nextPageToken\`. */
  readonly paginated: boolean;
  /** Answers with a long-running operation. */
  readonly longRunning: boolean;
  /** Answers with server-sent events. */
  readonly streaming: boolean;
  /** Answers with raw media. */
  readonly media: boolean;
  /** Where the method comes from: the discovery document or overrides/. */
  readonly source: 'discovery' | 'override';
}

/** The discovery document this manifest was generated from. */
export const manifestSource = ${JSON.stringify({ name: ir.name, version: ir.version, revision: ir.revision ?? null })} as const;

/** Every method of the API, sorted by id. */
export const manifest: readonly ManifestEntry[] = ${JSON.stringify(entries)};
`;
}

/** generated/versions.ts: which methods the other pinned API versions serve, from their own documents. */
export function emitVersions(byVersion: Readonly<Record<string, readonly string[]>>): string {
  return `${HEADER}
/**
 * The methods each other pinned version of the API serves (ids as in the manifest), read from that
 * version's own discovery document. A version not listed here (no pinned document) is taken to serve
 * every method of the manifest.
 */
export const versionMethods: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(byVersion)};
`;
}

/** generated/schemas.ts: the compact schema registry used to validate requests. */
export function emitSchemaRegistry(ir: Ir): string {
  const names = Object.keys(ir.schemas).sort();
  const registry: Record<string, unknown> = {};
  for (const n of names) registry[n] = compactSchema(ir.schemas[n]!);
  return `${HEADER}
/** A schema reduced to what validation needs; see codegen/schema.ts. */
export interface SchemaSpec {
  /** Discovery type: object, array, string, integer, number, boolean or any. */
  readonly type?: string;
  /** Name of another schema in the registry. */
  readonly $ref?: string;
  /** Object properties by wire name (lowerCamelCase). */
  readonly properties?: Readonly<Record<string, SchemaSpec>>;
  /** Array element schema. */
  readonly items?: SchemaSpec;
  /** Map value schema. */
  readonly additionalProperties?: SchemaSpec;
  /** Allowed string values. */
  readonly enum?: readonly string[];
  /** Discovery format (int64 and uint64 travel as strings). */
  readonly format?: string;
  /** Output only. */
  readonly readOnly?: boolean;
  /** Properties documented as "Required." */
  readonly required?: readonly string[];
}

/** Every schema of the API by name. */
export const schemas: Readonly<Record<string, SchemaSpec>> = ${JSON.stringify(registry)};
`;
}

/**
 * generated/fields.ts: the writable property names of each object schema, one constant per schema, so
 * hand code that sorts user input into wire objects (src/models/config.ts) reads them from the spec and
 * a bundle carries only the lists it uses.
 */
export function emitFieldLists(ir: Ir): string {
  const lines: string[] = [];
  for (const name of Object.keys(ir.schemas).sort()) {
    const props = Object.entries(ir.schemas[name]!.properties ?? {});
    const writable = props.filter(([, p]) => !p.readOnly).map(([n]) => n);
    if (!writable.length) continue;
    lines.push(`/** Writable properties of \`${name}\`. */`);
    lines.push(`export const ${typeName(name)}Fields: readonly string[] = ${JSON.stringify(writable)};`);
  }
  return `${HEADER}\n${lines.join('\n')}\n`;
}
