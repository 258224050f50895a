// Ergonomic inputs → wire `Content`. Parts are passed through verbatim: fields the SDK does not
// know yet (new part kinds, thoughtSignature) must survive a round trip untouched.
import type { Content } from '../../generated/types/Content.js';
import type { Part } from '../../generated/types/Part.js';
import { InvalidArgumentError } from '../core/errors.js';

/** Raw bytes the SDK base64-encodes for the user. */
export type Bytes = Uint8Array | ArrayBuffer;

/** One part: a string becomes a text part; any other object is sent as is. */
export type PartInput = string | Part;

/** What a request accepts as contents: text, parts, one Content, or a whole conversation. */
export type ContentInput = string | PartInput[] | Content | Content[];

function isContent(v: unknown): v is Content {
  return typeof v === 'object' && v !== null && Array.isArray((v as Content).parts);
}

/** A part from a string or a part object (kept verbatim). */
export function toPart(p: PartInput): Part {
  return typeof p === 'string' ? { text: p } : p;
}

/** Normalises any content input into `Content[]`; plain text and parts become one user turn. */
export function toContents(input: ContentInput, where = 'contents'): Content[] {
  if (typeof input === 'string') return [{ role: 'user', parts: [{ text: input }] }];
  if (Array.isArray(input)) {
    if (input.length === 0) return [];
    if (input.every(isContent)) return input;
    if (input.some(isContent)) {
      throw new InvalidArgumentError(`${where}: mix of Content objects and parts; pass Content[] or Part[]`);
    }
    return [{ role: 'user', parts: (input as PartInput[]).map(toPart) }];
  }
  if (isContent(input)) return [input];
  throw new InvalidArgumentError(`${where}: expected a string, parts, a Content or Content[]`);
}

/** One Content from any input (used for systemInstruction and embeddings). */
export function toContent(input: ContentInput, where: string): Content {
  const contents = toContents(input, where);
  if (contents.length === 1) return contents[0]!;
  return { parts: contents.flatMap((c) => c.parts ?? []) };
}

/** Base64 of raw bytes, without Node's Buffer so it runs in browsers too. */
export function toBase64(bytes: Bytes): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const maybeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (maybeBuffer) return maybeBuffer.from(view).toString('base64');
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An inline-data part from raw bytes. */
export function inlineData(bytes: Bytes, mimeType: string): Part {
  return { inlineData: { mimeType, data: toBase64(bytes) } };
}

/** A file-data part referencing an uploaded file (`files/…` name or URI). */
export function fileData(fileUri: string, mimeType?: string): Part {
  return { fileData: mimeType ? { fileUri, mimeType } : { fileUri } };
}
