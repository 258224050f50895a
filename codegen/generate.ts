// The whole generation as a pure function: document + overrides in, file map out. Nothing is
// written here, so a failure anywhere leaves generated/ untouched.
import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { DiscoveryDocument } from './discovery.js';
import { emitFieldLists, emitManifest, emitSchemaRegistry, emitVersions } from './emit/data.js';
import { byResource, emitIndex } from './emit/index.js';
import { emitResource } from './emit/methods.js';
import { emitSchemaType, emitTypesIndex } from './emit/types.js';
import { buildIr } from './ir.js';
import { checkDocument } from './load.js';
import { applyOverrides, type NamedOverride } from './overrides.js';
import { typeName } from './names.js';
import { GenerateError, Warnings } from './problems.js';

/**
 * The method ids (as in the manifest: no service prefix) of each sibling document — the other pinned
 * versions of the API — after the overrides that apply to that version.
 */
function siblingMethods(
  siblings: readonly DiscoveryDocument[],
  overrides: readonly NamedOverride[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const sibling of [...siblings].sort((a, b) => a.version.localeCompare(b.version))) {
    const doc = checkDocument(applyOverrides(sibling, overrides), `(${sibling.version} after overrides)`);
    // The IR's ids (service prefix stripped, sorted); its warnings concern code never emitted here.
    out[doc.version] = buildIr(doc, new Warnings()).methods.map((m) => m.id);
  }
  return out;
}

/** The result: relative paths (under generated/) to file contents, plus warnings. */
export interface Generated {
  files: Map<string, string>;
  warnings: string[];
  methodCount: number;
  schemaCount: number;
}

const PRETTIER: prettier.Options = {
  parser: 'typescript',
  singleQuote: true,
  printWidth: 110,
  trailingComma: 'all',
};

/** Generates every file for one document. */
export async function generate(
  doc: DiscoveryDocument,
  overrides: readonly NamedOverride[],
  siblings: readonly DiscoveryDocument[] = [],
): Promise<Generated> {
  const warnings = new Warnings();
  // Checked again after patching: an override can add a method with a bad $ref or no httpMethod.
  const patched = checkDocument(applyOverrides(doc, overrides), '(after overrides)');
  const ir = buildIr(patched, warnings);
  const raw = new Map<string, string>();
  raw.set('transport.ts', readFileSync(new URL('./templates/transport.ts.hbs', import.meta.url), 'utf8'));

  const schemaNames = Object.keys(ir.schemas).sort();
  const seen = new Map<string, string>();
  for (const name of schemaNames) {
    const file = typeName(name);
    const clash = seen.get(file.toLowerCase());
    // Case-insensitive file systems would merge Foo.ts and foo.ts.
    if (clash)
      throw new GenerateError(`schemas ${clash} and ${name} map to the same file name`, `#/schemas/${name}`);
    seen.set(file.toLowerCase(), name);
    raw.set(`types/${file}.ts`, emitSchemaType(name, ir.schemas, warnings));
  }
  raw.set('types/index.ts', emitTypesIndex(schemaNames));

  const resources = byResource(ir);
  for (const [resource, methods] of resources)
    raw.set(`methods/${resource}.ts`, emitResource(resource, methods));
  raw.set('manifest.ts', emitManifest(ir));
  raw.set('versions.ts', emitVersions(siblingMethods(siblings, overrides)));
  raw.set('schemas.ts', emitSchemaRegistry(ir));
  raw.set('fields.ts', emitFieldLists(ir));
  raw.set('index.ts', emitIndex([...resources.keys()]));

  const files = new Map<string, string>();
  for (const path of [...raw.keys()].sort()) {
    try {
      files.set(path, await prettier.format(raw.get(path)!, PRETTIER));
    } catch (e) {
      throw new GenerateError(
        `emitted invalid TypeScript (${(e as Error).message.split('\n')[0]})`,
        `generated/${path}`,
      );
    }
  }
  return { files, warnings: warnings.list, methodCount: ir.methods.length, schemaCount: schemaNames.length };
}
