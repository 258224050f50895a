// Turning discovery names into TypeScript names, and text into safe comments and literals.

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'implements interface let package private protected public static yield await'
  ).split(' '),
);
// Names a type alias or interface may not take: TS type keywords, globals the generated code uses
// (a schema named `Array` would shadow `Array<T>`), and the names generated/transport.ts exports.
const RESERVED_TYPE_NAMES = new Set([
  ...[
    'any',
    'unknown',
    'never',
    'string',
    'number',
    'boolean',
    'bigint',
    'symbol',
    'object',
    'undefined',
    'void',
    'null',
  ],
  ...['Array', 'Record', 'Promise', 'AsyncIterable', 'Response'],
  ...['HttpMethod', 'ParamSpec', 'UploadSpec', 'MethodSpec', 'RequestOptions', 'MethodCall', 'Transport'],
]);

/** A valid exported type name for a discovery schema id (collisions with TS keywords get a `_` suffix). */
export function typeName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED_TYPE_NAMES.has(name) || RESERVED_WORDS.has(name)) name = `${name}_`;
  return name;
}

/** A local function name for a method; reserved words get a `_` suffix and are re-exported under their real name. */
export function functionName(method: string): { local: string; exported: string } {
  const exported = method.replace(/[^A-Za-z0-9_$]/g, '_');
  return { local: RESERVED_WORDS.has(exported) ? `${exported}_` : exported, exported };
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** `tunedModels.permissions` → `tunedModelsPermissions`. */
export function camelJoin(parts: readonly string[]): string {
  return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/** A JSDoc block from lines of text; `*\/` in the text cannot close the comment early. */
export function docComment(lines: ReadonlyArray<string | undefined>, indent = ''): string {
  const body = lines
    .filter((l): l is string => l !== undefined && l.trim() !== '')
    .flatMap((l) => l.replace(/\*\//g, '*\\/').split('\n'))
    .map((l) => `${indent} * ${l}`.trimEnd());
  if (body.length === 0) return '';
  return `${indent}/**\n${body.join('\n')}\n${indent} */\n`;
}
