// Comparing two discovery documents: methods and schemas added, removed or changed, for spec:pull and
// spec:check's human drift summary.
import { isRecord, walkMethods, type DiscoveryDocument } from './spec-lib.js';

/** What changed in one method or schema, as short human-readable items. */
export interface MethodChange {
  id: string;
  changes: string[];
}
export interface SchemaChange {
  name: string;
  changes: string[];
}

export interface DocumentDiff {
  revision: { from: string | null; to: string | null } | null;
  methods: { added: string[]; removed: string[]; changed: MethodChange[] };
  schemas: { added: string[]; removed: string[]; changed: SchemaChange[] };
}

export function collectMethods(doc: DiscoveryDocument): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  walkMethods(doc.resources, '', (key, m) => out.set(key, isRecord(m) ? m : {}));
  return out;
}

function refOf(v: unknown): string {
  return isRecord(v) && typeof v.$ref === 'string' ? v.$ref : 'none';
}

function show(v: unknown): string {
  return v === undefined ? 'unset' : typeof v === 'string' ? v : JSON.stringify(v);
}

function compareMethods(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const changes: string[] = [];
  for (const f of ['httpMethod', 'path']) {
    if (a[f] !== b[f]) changes.push(`${f} ${show(a[f])} → ${show(b[f])}`);
  }
  for (const f of ['request', 'response']) {
    if (refOf(a[f]) !== refOf(b[f])) changes.push(`${f} ${refOf(a[f])} → ${refOf(b[f])}`);
  }
  const pa = isRecord(a.parameters) ? a.parameters : {};
  const pb = isRecord(b.parameters) ? b.parameters : {};
  for (const name of Object.keys(pb)) if (!(name in pa)) changes.push(`parameter added: ${name}`);
  for (const name of Object.keys(pa)) if (!(name in pb)) changes.push(`parameter removed: ${name}`);
  for (const [name, x] of Object.entries(pa)) {
    const y = pb[name];
    if (!isRecord(x) || !isRecord(y)) continue;
    for (const f of ['location', 'type', 'format', 'required', 'repeated', 'pattern', 'enum']) {
      if (JSON.stringify(x[f]) !== JSON.stringify(y[f])) {
        changes.push(`parameter ${name}: ${f} ${show(x[f])} → ${show(y[f])}`);
      }
    }
  }
  return changes;
}

/** A compact type label: `Part`, `string(int64)`, `array<Part>`, `map<string>`, `object`. */
function typeLabel(s: Record<string, unknown>): string {
  if (typeof s.$ref === 'string') return s.$ref;
  if (s.type === 'array') return `array<${isRecord(s.items) ? typeLabel(s.items) : 'unknown'}>`;
  if (isRecord(s.additionalProperties)) return `map<${typeLabel(s.additionalProperties)}>`;
  const type = typeof s.type === 'string' ? s.type : 'unknown';
  return typeof s.format === 'string' ? `${type}(${s.format})` : type;
}

interface FieldShape {
  type: string;
  enum: string[];
}

/**
 * Flattens a schema to property paths: '' is the schema itself, `a.b` a property of an inline object,
 * `a[]` array items and `a{}` map values (their type is part of the parent's label).
 */
function flattenSchema(s: unknown, path: string, out: Map<string, FieldShape>): void {
  if (!isRecord(s)) return;
  const values = Array.isArray(s.enum) ? s.enum.filter((x): x is string => typeof x === 'string') : [];
  out.set(path, { type: typeLabel(s), enum: values });
  if (isRecord(s.properties)) {
    for (const [k, v] of Object.entries(s.properties)) flattenSchema(v, path ? `${path}.${k}` : k, out);
  }
  flattenSchema(s.items, `${path}[]`, out);
  flattenSchema(s.additionalProperties, `${path}{}`, out);
}

const isContainerPath = (p: string): boolean => p.endsWith('[]') || p.endsWith('{}');

/** Every proper prefix of a property path (`a[].b` → `a`, `a[]`). */
function ancestors(p: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < p.length; i++) if ('.[{'.includes(p.charAt(i))) out.push(p.slice(0, i));
  return out;
}

function compareSchemas(a: unknown, b: unknown): string[] {
  const fa = new Map<string, FieldShape>();
  const fb = new Map<string, FieldShape>();
  flattenSchema(a, '', fa);
  flattenSchema(b, '', fb);
  const label = (p: string): string => p || '(schema)';
  const changes: string[] = [];
  const added = [...fb.keys()].filter((p) => !fa.has(p));
  const removed = [...fa.keys()].filter((p) => !fb.has(p));
  // Report only the outermost added/removed property: a new inline object's own fields are implied.
  const outermost = (paths: string[]): string[] => {
    const set = new Set(paths);
    return paths.filter((p) => !isContainerPath(p) && !ancestors(p).some((q) => set.has(q)));
  };
  for (const p of outermost(added)) changes.push(`property added: ${p}`);
  for (const p of outermost(removed)) changes.push(`property removed: ${p}`);
  for (const [p, x] of fa) {
    const y = fb.get(p);
    if (!y) continue;
    if (!isContainerPath(p) && x.type !== y.type) changes.push(`type of ${label(p)}: ${x.type} → ${y.type}`);
    const plus = y.enum.filter((v) => !x.enum.includes(v));
    const minus = x.enum.filter((v) => !y.enum.includes(v));
    if (plus.length || minus.length) {
      const parts = [
        plus.length ? `added ${plus.join(', ')}` : '',
        minus.length ? `removed ${minus.join(', ')}` : '',
      ];
      changes.push(`enum of ${label(p)}: ${parts.filter(Boolean).join('; ')}`);
    }
  }
  return changes;
}

function diffKeys<T>(a: Map<string, T>, b: Map<string, T>, compare: (x: T, y: T) => string[]) {
  const added = [...b.keys()].filter((k) => !a.has(k)).sort();
  const removed = [...a.keys()].filter((k) => !b.has(k)).sort();
  const changed: { key: string; changes: string[] }[] = [];
  for (const key of [...a.keys()].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === undefined || y === undefined) continue;
    const changes = compare(x, y);
    if (changes.length) changed.push({ key, changes });
  }
  return { added, removed, changed };
}

/**
 * Structural differences between two documents: methods (by id) added/removed/changed in httpMethod, path,
 * parameters and request/response refs; schemas added/removed/changed in properties, types and enum values;
 * and the revision. Descriptions are not compared (see sameApiContent for a full comparison).
 */
export function diffDocuments(oldDoc: DiscoveryDocument, newDoc: DiscoveryDocument): DocumentDiff {
  const m = diffKeys(collectMethods(oldDoc), collectMethods(newDoc), compareMethods);
  const s = diffKeys(
    new Map(Object.entries(oldDoc.schemas)),
    new Map(Object.entries(newDoc.schemas)),
    compareSchemas,
  );
  const from = oldDoc.revision ?? null;
  const to = newDoc.revision ?? null;
  return {
    revision: from === to ? null : { from, to },
    methods: {
      added: m.added,
      removed: m.removed,
      changed: m.changed.map((c) => ({ id: c.key, changes: c.changes })),
    },
    schemas: {
      added: s.added,
      removed: s.removed,
      changed: s.changed.map((c) => ({ name: c.key, changes: c.changes })),
    },
  };
}

/** True when diffDocuments found nothing at all (not even a revision change). */
export function isEmptyDiff(d: DocumentDiff): boolean {
  const { methods: m, schemas: s } = d;
  return !d.revision && ![m.added, m.removed, m.changed, s.added, s.removed, s.changed].some((l) => l.length);
}

/** A short summary of a diff, one item per line, at most `limit` items per list. */
export function formatDrift(d: DocumentDiff, limit = 20): string {
  const lines: string[] = [];
  if (d.revision) lines.push(`revision ${d.revision.from ?? 'none'} → ${d.revision.to ?? 'none'}`);
  const section = (
    title: string,
    l: DocumentDiff['methods'] | DocumentDiff['schemas'],
    names: string[],
  ): void => {
    const total = l.added.length + l.removed.length + l.changed.length;
    if (!total) return;
    lines.push(`${title}: ${l.added.length} added, ${l.removed.length} removed, ${l.changed.length} changed`);
    const items = [
      ...l.added.map((k) => `  + ${k}`),
      ...l.removed.map((k) => `  - ${k}`),
      ...l.changed.map((c, i) => `  ~ ${names[i] ?? ''}: ${c.changes.join('; ')}`),
    ];
    lines.push(...items.slice(0, limit));
    if (items.length > limit) lines.push(`  … and ${items.length - limit} more`);
  };
  section(
    'methods',
    d.methods,
    d.methods.changed.map((c) => c.id),
  );
  section(
    'schemas',
    d.schemas,
    d.schemas.changed.map((c) => c.name),
  );
  return lines.length ? lines.join('\n') : 'no changes to methods, schemas or revision';
}

/** JSON with sorted keys, so documents that differ only in key order or whitespace compare equal. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * True when two documents say the same thing apart from formatting, key order, `revision` and `etag`.
 * Google bumps `revision` on deployments that change nothing in the API surface; spec:check uses this to
 * avoid reporting those as drift.
 */
export function sameApiContent(a: DiscoveryDocument, b: DiscoveryDocument): boolean {
  const strip = ({ revision: _r, etag: _e, ...rest }: DiscoveryDocument): Record<string, unknown> => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}
