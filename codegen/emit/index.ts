// generated/index.ts: the generated surface in one import (tree-shakable namespaces).
import type { Ir } from '../ir.js';
import { camelJoin } from '../names.js';
import { HEADER } from './header.js';

/** Groups methods by dotted resource path. */
export function byResource(ir: Ir): Map<string, Ir['methods']> {
  const groups = new Map<string, Ir['methods']>();
  for (const m of ir.methods) {
    const key = m.resource.join('.');
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The index: transport contract, all types, one namespace per resource. */
export function emitIndex(resources: readonly string[]): string {
  const namespaces = resources
    .map((r) => `export * as ${camelJoin(r.split('.'))} from './methods/${r}.js';\n`)
    .join('');
  return `${HEADER}export type * from './transport.js';
export type * from './types/index.js';
${namespaces}`;
}
