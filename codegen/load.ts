// Parses and structurally checks a discovery document before anything is generated from it.
// A document that fails here never reaches the emitters, so generated/ stays untouched.
import type { DiscoveryDocument, DiscoveryMethod, DiscoveryResource } from './discovery.js';
import { GenerateError } from './problems.js';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON text, naming the source on a syntax error. */
export function parseDocument(text: string, source: string): DiscoveryDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new GenerateError(`not valid JSON (${(e as Error).message})`, source);
  }
  return checkDocument(value, source);
}

/** Checks that a parsed value is a discovery document the generator can read. */
export function checkDocument(value: unknown, source: string): DiscoveryDocument {
  if (!isObject(value)) throw new GenerateError('a discovery document must be a JSON object', source);
  if (value.kind !== undefined && value.kind !== 'discovery#restDescription') {
    throw new GenerateError(
      `kind is ${JSON.stringify(value.kind)}, expected "discovery#restDescription"`,
      source,
    );
  }
  if (value.kind === undefined && value.discoveryVersion === undefined) {
    throw new GenerateError(
      'not a discovery document (neither "kind" nor "discoveryVersion" is present)',
      source,
    );
  }
  for (const key of ['name', 'version'] as const) {
    if (typeof value[key] !== 'string')
      throw new GenerateError(`"${key}" must be a string`, `${source}#/${key}`);
  }
  if (!isObject(value.resources))
    throw new GenerateError('"resources" must be an object', `${source}#/resources`);
  if (!isObject(value.schemas)) throw new GenerateError('"schemas" must be an object', `${source}#/schemas`);
  for (const [name, schema] of Object.entries(value.schemas)) {
    if (!isObject(schema))
      throw new GenerateError('a schema must be an object', `${source}#/schemas/${name}`);
  }
  checkResources(value.resources, `${source}#/resources`, value.schemas);
  return value as unknown as DiscoveryDocument;
}

function checkResources(
  resources: Record<string, unknown>,
  where: string,
  schemas: Record<string, unknown>,
): void {
  for (const [name, resource] of Object.entries(resources)) {
    const here = `${where}/${name}`;
    if (!isObject(resource)) throw new GenerateError('a resource must be an object', here);
    const r = resource as DiscoveryResource & Record<string, unknown>;
    if (r.methods !== undefined) {
      if (!isObject(r.methods)) throw new GenerateError('"methods" must be an object', `${here}/methods`);
      for (const [m, method] of Object.entries(r.methods))
        checkMethod(method, `${here}/methods/${m}`, schemas);
    }
    if (r.resources !== undefined) {
      if (!isObject(r.resources))
        throw new GenerateError('"resources" must be an object', `${here}/resources`);
      checkResources(r.resources, `${here}/resources`, schemas);
    }
  }
}

function checkMethod(method: unknown, where: string, schemas: Record<string, unknown>): void {
  if (!isObject(method)) throw new GenerateError('a method must be an object', where);
  const m = method as Partial<DiscoveryMethod>;
  if (typeof m.id !== 'string' || !m.id) throw new GenerateError('method has no "id"', where);
  if (typeof m.path !== 'string') throw new GenerateError(`method ${m.id} has no "path"`, where);
  if (typeof m.httpMethod !== 'string' || !HTTP_METHODS.has(m.httpMethod)) {
    throw new GenerateError(
      `method ${m.id} has an unsupported httpMethod ${JSON.stringify(m.httpMethod)}`,
      where,
    );
  }
  for (const key of ['request', 'response'] as const) {
    const ref = m[key]?.$ref;
    if (m[key] !== undefined && (typeof ref !== 'string' || !(ref in schemas))) {
      throw new GenerateError(
        `method ${m.id} ${key} refers to unknown schema ${JSON.stringify(ref)}`,
        `${where}/${key}`,
      );
    }
  }
  if (m.parameters !== undefined && !isObject(m.parameters)) {
    throw new GenerateError(`method ${m.id} "parameters" must be an object`, `${where}/parameters`);
  }
}
