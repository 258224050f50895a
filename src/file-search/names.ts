// Names of stores and documents: accept `fileSearchStores/x`, a bare `x`, or the resource itself.

import { InvalidArgumentError } from '../core/errors.js';

/** Anything that names a file search store. */
export type StoreRef = string | { readonly name?: string | undefined };

/** `fileSearchStores/x` for a name, bare id or store object. */
export function storeName(ref: StoreRef): string {
  const raw = typeof ref === 'string' ? ref : (ref.name ?? '');
  const id = raw.startsWith('fileSearchStores/') ? raw.slice('fileSearchStores/'.length) : raw;
  if (!/^[^/]+$/.test(id))
    throw new InvalidArgumentError(`not a file search store name: ${JSON.stringify(raw)}`);
  return `fileSearchStores/${id}`;
}

/** A full document name (`fileSearchStores/s/documents/d`) from a name or document object. */
export function documentName(ref: StoreRef): string {
  const raw = typeof ref === 'string' ? ref : (ref.name ?? '');
  if (!/^fileSearchStores\/[^/]+\/documents\/[^/]+$/.test(raw)) {
    throw new InvalidArgumentError(
      `not a document name: ${JSON.stringify(raw)} (expected fileSearchStores/<store>/documents/<id>)`,
    );
  }
  return raw;
}
