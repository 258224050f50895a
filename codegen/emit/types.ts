// generated/types/<Schema>.ts: one file per schema, so a change to one schema touches one file.
import type { DiscoverySchema } from '../discovery.js';
import { docComment, typeName } from '../names.js';
import type { Warnings } from '../problems.js';
import { describe, propertyLines, tsType, type TypeContext } from '../schema.js';
import { HEADER } from './header.js';

/** The source of one schema's type file. */
export function emitSchemaType(
  name: string,
  schemas: Record<string, DiscoverySchema>,
  warnings: Warnings,
): string {
  const schema = schemas[name]!;
  const ctx: TypeContext = { schemas, warnings, refs: new Set() };
  const where = `#/schemas/${name}`;
  const ts = typeName(name);
  const doc = docComment([...describe(schema), `Discovery schema \`${name}\`.`]);
  let body: string;
  const isMap = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
  if (schema.properties && Object.keys(schema.properties).length > 0 && !isMap) {
    body = `${doc}export interface ${ts} {\n${propertyLines(schema, where, ctx, '  ')}}\n`;
  } else {
    const type =
      schema.type === undefined && !schema.properties && !isMap
        ? 'Record<string, unknown>'
        : tsType(schema, where, ctx);
    body = `${doc}export type ${ts} = ${type};\n`;
  }
  ctx.refs.delete(name);
  const imports = [...ctx.refs]
    .sort()
    .map((r) => `import type { ${typeName(r)} } from './${typeName(r)}.js';\n`)
    .join('');
  return `${HEADER}${imports}${imports ? '\n' : ''}${body}`;
}

/** generated/types/index.ts: every type, re-exported. */
export function emitTypesIndex(names: readonly string[]): string {
  const lines = names.map((n) => `export type { ${typeName(n)} } from './${typeName(n)}.js';\n`).join('');
  return `${HEADER}${lines}`;
}
