// Custom metadata of documents: the wire list, or a plain object converted to it.

import type { CustomMetadata } from '../../generated/types/CustomMetadata.js';
import { InvalidArgumentError } from '../core/errors.js';

/** Custom metadata as the wire list, or `{ key: string | number | string[] }`. */
export type CustomMetadataInput =
  readonly CustomMetadata[] | Readonly<Record<string, string | number | readonly string[]>>;

/** Converts metadata input to the wire list (`stringValue`, `numericValue`, `stringListValue`). */
export function toCustomMetadata(input: CustomMetadataInput | undefined): CustomMetadata[] | undefined {
  if (input === undefined) return undefined;
  if (Array.isArray(input)) return [...(input as readonly CustomMetadata[])];
  return Object.entries(input as Record<string, string | number | readonly string[]>).map(([key, value]) => {
    if (typeof value === 'string') return { key, stringValue: value };
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new InvalidArgumentError(`customMetadata.${key} must be a finite number`);
      return { key, numericValue: value };
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      return { key, stringListValue: { values: [...value] } };
    throw new InvalidArgumentError(`customMetadata.${key} must be a string, a number or a list of strings`);
  });
}
