// generated/methods/<resource>.ts: one file per resource, one thin stub per method, rendered with
// the handlebars template in templates/resource.ts.hbs. Each stub carries its own MethodSpec so a
// bundle that imports one stub contains no other method's data.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { IrMethod, IrParam } from '../ir.js';
import { docComment, functionName, propertyKey, typeName } from '../names.js';

const template = Handlebars.compile(
  readFileSync(new URL('../templates/resource.ts.hbs', import.meta.url), 'utf8'),
  {
    noEscape: true,
  },
);

function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function paramType(p: IrParam): string {
  let t =
    p.type === 'integer' || p.type === 'number' ? 'number' : p.type === 'boolean' ? 'boolean' : 'string';
  if (p.enum?.length) t = p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (p.format === 'int64' || p.format === 'uint64') t = 'string';
  return p.repeated ? `Array<${t}>` : t;
}

function paramsBody(m: IrMethod): string {
  return m.params
    .map((p) => {
      const lines = [p.description, p.pattern ? `Pattern: \`${p.pattern}\`.` : undefined];
      return `${docComment(lines, '  ')}  ${propertyKey(p.name)}${p.required ? '' : '?'}: ${paramType(p)};\n`;
    })
    .join('');
}

/** The runtime MethodSpec literal of a method: only what the transport needs. */
export function specOf(m: IrMethod): Record<string, unknown> {
  const params: Record<string, Record<string, unknown>> = {};
  for (const p of m.params) {
    const spec: Record<string, unknown> = { location: p.location, type: p.type };
    if (p.required) spec['required'] = true;
    if (p.pattern) spec['pattern'] = p.pattern;
    if (p.repeated) spec['repeated'] = true;
    if (p.format) spec['format'] = p.format;
    params[p.name] = spec;
  }
  const spec: Record<string, unknown> = { id: m.id, httpMethod: m.httpMethod, path: m.path };
  if (m.version) spec['version'] = m.version;
  spec['params'] = params;
  if (m.streaming) spec['streaming'] = true;
  if (m.media) spec['media'] = true;
  if (m.upload) spec['upload'] = m.upload;
  return spec;
}

function methodDoc(m: IrMethod): string {
  const version = m.version ?? '{version}';
  return docComment([
    m.description,
    `@see ${m.httpMethod} /${version}/${m.path}`,
    m.streaming ? 'Streams server-sent events (`alt=sse`); each event is one response chunk.' : undefined,
    m.media ? 'Resolves with the raw media `Response` (`alt=media`); read its body as a stream.' : undefined,
    m.deprecated ? '@deprecated' : undefined,
  ]);
}

/** The source of one resource file. */
export function emitResource(resource: string, methods: readonly IrMethod[]): string {
  const typeImports = new Set<string>();
  for (const m of methods) {
    if (m.response) typeImports.add(typeName(m.response));
    if (m.request) typeImports.add(typeName(m.request));
  }
  // A local name equal to an imported type (schema `delete` → `delete_`, schema `GetParams`) would clash with it.
  const free = (name: string): string => (typeImports.has(name) ? free(`${name}_`) : name);
  const renames: string[] = [];
  const rendered = methods.map((m) => {
    const names = functionName(m.name);
    const { exported } = names;
    const local = free(names.local);
    if (local !== exported) renames.push(`${local} as ${exported}`);
    const response = m.response ? typeName(m.response) : undefined;
    const resultType = m.media ? 'Response' : (response ?? 'unknown');
    return {
      id: m.id,
      paramsType: free(`${pascal(exported)}Params`),
      paramsBody: paramsBody(m),
      specConst: `${local.replace(/_$/, '')}Spec`,
      specLiteral: JSON.stringify(specOf(m)),
      doc: methodDoc(m),
      local,
      // Renamed locals are exported only under their real name (`export { delete_ as delete }`).
      renamed: local !== exported,
      body: m.request ? typeName(m.request) : undefined,
      call: m.streaming ? 'stream' : 'call',
      resultType,
      returnType: m.streaming ? `CallStream<${resultType}>` : `CallPromise<${resultType}>`,
    };
  });
  return template({
    resource,
    typeImports: [...typeImports].sort(),
    methods: rendered,
    renames: renames.join(', '),
    transportImports: [
      ...(methods.some((m) => !m.streaming) ? ['CallPromise'] : []),
      ...(methods.some((m) => m.streaming) ? ['CallStream'] : []),
      'MethodSpec',
      'RequestOptions',
      'Transport',
    ].join(', '),
  });
}
