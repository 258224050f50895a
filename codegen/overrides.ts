// Applies overrides/*.json to a discovery document: facts the document lacks or gets wrong, each
// with a `why`. Overrides are written in discovery's own format so the rest of the generator
// needs no special cases; extension keys are prefixed `x-gemini-`.
import type { DiscoveryDocument, DiscoveryMethod, DiscoveryResource, DiscoverySchema } from './discovery.js';
import { GenerateError } from './problems.js';

/** One override file. */
export interface Override {
  /** Why the discovery document needs this; required so every patch explains itself. */
  why: string;
  /** Versions the override applies to (default: all). */
  appliesTo?: string[];
  /** Methods the document lacks, placed in a resource (dotted path, created if missing). */
  addMethods?: Array<{ resource: string; name: string; why?: string; method: DiscoveryMethod }>;
  /** Fields merged into existing methods, keyed by id without the service prefix. */
  patchMethods?: Record<string, Record<string, unknown>>;
  /** Schemas the document lacks. */
  addSchemas?: Record<string, DiscoverySchema>;
  /** Properties added to (or replacing those of) existing schemas. */
  patchSchemas?: Record<
    string,
    { properties?: Record<string, DiscoverySchema>; enumValues?: Record<string, string[]> }
  >;
}

/** A named override, as read from disk. */
export interface NamedOverride {
  file: string;
  override: Override;
}

function findMethod(doc: DiscoveryDocument, id: string): DiscoveryMethod | undefined {
  const parts = id.split('.');
  const name = parts.pop()!;
  let resources: Record<string, DiscoveryResource> | undefined = doc.resources;
  let resource: DiscoveryResource | undefined;
  for (const p of parts) {
    resource = resources?.[p];
    resources = resource?.resources;
  }
  return resource?.methods?.[name];
}

/** Returns a patched deep copy; the input document is never modified. */
export function applyOverrides(
  input: DiscoveryDocument,
  overrides: readonly NamedOverride[],
): DiscoveryDocument {
  const doc = structuredClone(input);
  for (const { file, override } of overrides) {
    if (typeof override.why !== 'string' || !override.why.trim()) {
      throw new GenerateError('every override needs a "why"', file);
    }
    if (override.appliesTo && !override.appliesTo.includes(doc.version)) continue;
    for (const [name, schema] of Object.entries(override.addSchemas ?? {})) {
      if (doc.schemas[name]) throw new GenerateError(`schema ${name} already exists; use patchSchemas`, file);
      doc.schemas[name] = { id: name, ...schema };
    }
    for (const [name, patch] of Object.entries(override.patchSchemas ?? {})) {
      const schema = doc.schemas[name];
      if (!schema) throw new GenerateError(`patchSchemas: no schema ${name}`, file);
      schema.properties = { ...schema.properties, ...patch.properties };
      for (const [prop, values] of Object.entries(patch.enumValues ?? {})) {
        const target = schema.properties[prop];
        const enumHolder = target?.type === 'array' ? target.items : target;
        if (!enumHolder?.enum) throw new GenerateError(`patchSchemas: ${name}.${prop} has no enum`, file);
        for (const v of values) if (!enumHolder.enum.includes(v)) enumHolder.enum.push(v);
      }
    }
    for (const add of override.addMethods ?? []) {
      let resources = doc.resources;
      let resource: DiscoveryResource | undefined;
      for (const p of add.resource.split('.')) {
        resource = resources[p] ??= {};
        resources = resource.resources ??= {};
      }
      resource!.methods ??= {};
      if (resource!.methods[add.name])
        throw new GenerateError(`method ${add.resource}.${add.name} already exists`, file);
      resource!.methods[add.name] = { ...add.method, 'x-gemini-source': 'override' };
    }
    for (const [id, patch] of Object.entries(override.patchMethods ?? {})) {
      const method = findMethod(doc, id);
      if (!method) throw new GenerateError(`patchMethods: no method ${id}`, file);
      Object.assign(method, patch);
    }
  }
  return doc;
}
