// The intermediate model: what the emitters need, decided once from the (overridden) discovery document.
import type { DiscoveryDocument, DiscoveryMethod, DiscoveryResource, DiscoverySchema } from './discovery.js';
import { GenerateError, type Warnings } from './problems.js';

/** One parameter of a method. */
export interface IrParam {
  name: string;
  location: 'path' | 'query';
  type: string;
  required: boolean;
  pattern?: string;
  repeated: boolean;
  format?: string;
  description?: string;
  enum?: string[];
}

/** One REST method. */
export interface IrMethod {
  /** Discovery id without the service prefix: `models.generateContent`. */
  id: string;
  /** Resource path: `['tunedModels', 'permissions']`. */
  resource: string[];
  name: string;
  httpMethod: string;
  /** Path without the version prefix. */
  path: string;
  flatPath: string;
  /** Pinned version (set by overrides for methods that exist in one version only). */
  version?: string;
  description?: string;
  params: IrParam[];
  request?: string;
  response?: string;
  streaming: boolean;
  media: boolean;
  upload?: { path: string; maxSize?: string; accept: string[] };
  paginated: boolean;
  longRunning: boolean;
  deprecated: boolean;
  source: 'discovery' | 'override';
}

/** The model of one document. */
export interface Ir {
  name: string;
  version: string;
  revision?: string;
  title?: string;
  methods: IrMethod[];
  schemas: Record<string, DiscoverySchema>;
}

const LRO_SCHEMAS = new Set(['Operation', 'CustomLongRunningOperation']);
const PARAM_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/** Builds the model; methods sorted by id so output never depends on document order. */
export function buildIr(doc: DiscoveryDocument, warnings: Warnings): Ir {
  const methods: IrMethod[] = [];
  walk(doc.resources, [], doc, methods, warnings);
  methods.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  for (const m of methods) {
    if (seen.has(m.id))
      throw new GenerateError(`duplicate method id ${m.id}`, `#/resources/${m.resource.join('/')}`);
    seen.add(m.id);
  }
  const ir: Ir = { name: doc.name, version: doc.version, methods, schemas: doc.schemas };
  if (doc.revision !== undefined) ir.revision = doc.revision;
  if (doc.title !== undefined) ir.title = doc.title;
  return ir;
}

function walk(
  resources: Record<string, DiscoveryResource>,
  path: string[],
  doc: DiscoveryDocument,
  out: IrMethod[],
  warnings: Warnings,
): void {
  for (const name of Object.keys(resources).sort()) {
    const resource = resources[name]!;
    const here = [...path, name];
    for (const methodName of Object.keys(resource.methods ?? {}).sort()) {
      out.push(method(resource.methods![methodName]!, here, methodName, doc, warnings));
    }
    if (resource.resources) walk(resource.resources, here, doc, out, warnings);
  }
}

function stripVersion(path: string, version: string): string {
  return path.startsWith(`${version}/`) ? path.slice(version.length + 1) : path;
}

function method(
  m: DiscoveryMethod,
  resource: string[],
  name: string,
  doc: DiscoveryDocument,
  warnings: Warnings,
): IrMethod {
  const id = m.id.startsWith(`${doc.name}.`) ? m.id.slice(doc.name.length + 1) : m.id;
  const where = `#/resources/${resource.join('/resources/')}/methods/${name}`;
  const pinned = typeof m['x-gemini-version'] === 'string' ? (m['x-gemini-version'] as string) : undefined;
  const version = pinned ?? doc.version;
  const params = parameters(m, where, warnings);
  const response = m.response?.$ref;
  const responseSchema = response ? doc.schemas[response] : undefined;
  const out: IrMethod = {
    id,
    resource,
    name,
    httpMethod: m.httpMethod,
    path: stripVersion(m.path, version),
    flatPath: stripVersion(m.flatPath ?? m.path, version),
    params,
    streaming: m['x-gemini-streaming'] === true,
    media: m['x-gemini-media'] === true,
    paginated: params.some((p) => p.name === 'pageToken') && !!responseSchema?.properties?.['nextPageToken'],
    longRunning: response !== undefined && LRO_SCHEMAS.has(response),
    deprecated: m.deprecated === true,
    source: m['x-gemini-source'] === 'override' ? 'override' : 'discovery',
  };
  if (pinned !== undefined) out.version = pinned;
  if (m.description) out.description = m.description;
  if (m.request?.$ref) out.request = m.request.$ref;
  if (response) out.response = response;
  if (m.supportsMediaUpload && m.mediaUpload) {
    // Real clients start resumable uploads on the `simple` path (/upload/v1beta/files) with
    // X-Goog-Upload-Protocol: resumable; the discovery `resumable` path (/resumable/upload/...) is not used.
    const protocols = m.mediaUpload.protocols ?? {};
    const uploadPath = protocols['simple']?.path ?? protocols['resumable']?.path;
    if (uploadPath) {
      out.upload = { path: uploadPath, accept: [...(m.mediaUpload.accept ?? ['*/*'])] };
      if (m.mediaUpload.maxSize) out.upload.maxSize = m.mediaUpload.maxSize;
    } else warnings.add(where, 'mediaUpload has no protocol path; upload support left out');
  }
  return out;
}

function parameters(m: DiscoveryMethod, where: string, warnings: Warnings): IrParam[] {
  const order = m.parameterOrder ?? [];
  const names = Object.keys(m.parameters ?? {}).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.map((name) => {
    const p = m.parameters![name]!;
    const here = `${where}/parameters/${name}`;
    const location = p.location === 'path' ? 'path' : 'query';
    if (p.location !== 'path' && p.location !== 'query') {
      warnings.add(here, `unknown location ${JSON.stringify(p.location)}; treated as query`);
    }
    let type = p.type ?? 'string';
    if (!PARAM_TYPES.has(type)) {
      warnings.add(here, `unknown parameter type ${JSON.stringify(p.type)}; treated as string`);
      type = 'string';
    }
    const param: IrParam = {
      name,
      location,
      type,
      required: p.required === true || location === 'path',
      repeated: p.repeated === true,
    };
    if (p.pattern) param.pattern = p.pattern;
    if (p.format) param.format = p.format;
    if (p.description) param.description = p.description;
    if (p.enum) param.enum = [...p.enum];
    return param;
  });
}
