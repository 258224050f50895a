// Ergonomic inputs → wire `Content`. Parts are passed through verbatim: fields the SDK does not know
// yet (new part kinds, thoughtSignature) must survive a round trip untouched. Only bytes are rewritten
// (base64 for the user) and uploaded-file objects become fileData parts.
import type { Content } from '../../generated/types/Content.js';
import type { Part } from '../../generated/types/Part.js';
import { toBase64 } from '../core/base64.js';
import { InvalidArgumentError } from '../core/errors.js';

/** Raw bytes the SDK base64-encodes for the user (a Node `Buffer` is a `Uint8Array`). */
export type Bytes = Uint8Array | ArrayBuffer | Blob;

/** An inline-data part whose `data` is raw bytes instead of base64. */
export interface BytesPart {
  /** The bytes and their MIME type (a `Blob`'s own `type` is used when `mimeType` is absent). */
  inlineData: { mimeType?: string; data: Bytes };
}

/** An uploaded file (e.g. what `files.upload` returns): referenced by its `uri`. */
export interface FileRef {
  /** `https://…/files/abc` as the Files API reports it. */
  readonly uri?: string;
  /** The file's MIME type. */
  readonly mimeType?: string;
  /** `files/abc`. */
  readonly name?: string;
}

/** One part: text, a wire part (kept as is), bytes to inline, a `Blob`/`File`, or an uploaded file. */
export type PartInput = string | Part | BytesPart | Blob | FileRef;

/** What a request accepts as contents: text, parts, one Content, or a whole conversation. */
export type ContentInput = string | PartInput | PartInput[] | Content | Content[];

type Obj = Record<string, unknown>;
const PART_KEYS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
  'thought',
  'thoughtSignature',
  'toolCall',
  'toolResponse',
  'videoMetadata',
  'partMetadata',
];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const isBlob = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;
const isRawBytes = (v: unknown): v is Uint8Array | ArrayBuffer =>
  v instanceof Uint8Array || v instanceof ArrayBuffer;

/** Whether `v` looks like a `Content` (has a `parts` array). */
export function isContent(v: unknown): v is Content {
  return isObj(v) && Array.isArray(v['parts']);
}

function isFileRef(v: Obj): boolean {
  return typeof v['uri'] === 'string' && !PART_KEYS.some((k) => k in v);
}

/** An inline-data part from raw bytes (a `Blob` is read, so the result is a promise). */
export function inlineData(bytes: Uint8Array | ArrayBuffer, mimeType: string): Part;
export function inlineData(bytes: Blob, mimeType?: string): Promise<Part>;
export function inlineData(bytes: Bytes, mimeType?: string): Part | Promise<Part> {
  if (isBlob(bytes)) {
    const type = mimeType || bytes.type;
    return bytes.arrayBuffer().then((b) => inlineData(b, type));
  }
  if (!mimeType) throw new InvalidArgumentError('inlineData: a mimeType is required for raw bytes');
  return { inlineData: { mimeType, data: toBase64(bytes) } };
}

/** A file-data part referencing an uploaded file: its URI, or the File object `files.upload` returned. */
export function fileData(file: string | FileRef, mimeType?: string): Part {
  const uri = typeof file === 'string' ? file : file.uri;
  if (!uri) throw new InvalidArgumentError('fileData: the file has no uri (is the upload finished?)');
  const type = mimeType ?? (typeof file === 'string' ? undefined : file.mimeType);
  return { fileData: type ? { fileUri: uri, mimeType: type } : { fileUri: uri } };
}

/** A part from any part input; wire parts are returned as the same object. */
export function toPart(p: PartInput, where = 'part'): Part | Promise<Part> {
  if (typeof p === 'string') return { text: p };
  if (isBlob(p)) return inlineData(p);
  if (!isObj(p) || Array.isArray(p))
    throw new InvalidArgumentError(`${where}: expected a string or a part object`);
  if (isRawBytes(p))
    throw new InvalidArgumentError(`${where}: raw bytes need a MIME type; use inlineData(bytes, mimeType)`);
  const inline = (p as Obj)['inlineData'];
  if (isObj(inline) && (isRawBytes(inline['data']) || isBlob(inline['data']))) {
    const { data, mimeType, ...rest } = inline as { data: Bytes; mimeType?: string };
    const done = (part: Part): Part => ({ ...(p as Part), inlineData: { ...rest, ...part.inlineData } });
    const made = isBlob(data) ? inlineData(data, mimeType) : inlineData(data, mimeType ?? '');
    return made instanceof Promise ? made.then(done) : done(made);
  }
  if (isFileRef(p as Obj)) return fileData(p as FileRef);
  return p as Part;
}

function userTurn(parts: PartInput[], where: string): Content | Promise<Content> {
  const out = parts.map((p, i) => toPart(p, `${where}[${i}]`));
  if (out.some((p) => p instanceof Promise))
    return Promise.all(out).then((ps) => ({ role: 'user', parts: ps }));
  return { role: 'user', parts: out as Part[] };
}

/** Content with its byte parts encoded (the same object when there is nothing to encode). */
function withEncodedParts(c: Content, where: string): Content | Promise<Content> {
  const parts = c.parts ?? [];
  let changed = false;
  const out = parts.map((p, i) => {
    const q = toPart(p as PartInput, `${where}.parts[${i}]`);
    if (q !== p) changed = true;
    return q;
  });
  if (!changed) return c;
  if (out.some((p) => p instanceof Promise)) return Promise.all(out).then((ps) => ({ ...c, parts: ps }));
  return { ...c, parts: out as Part[] };
}

/**
 * Normalises any content input into `Content[]`: plain text and parts become one user turn; Content
 * objects are kept as they are (only raw bytes inside them are base64-encoded). A promise only when a
 * `Blob` has to be read.
 */
export function toContents(input: ContentInput, where = 'contents'): Content[] | Promise<Content[]> {
  if (typeof input === 'string') return [{ role: 'user', parts: [{ text: input }] }];
  if (Array.isArray(input)) {
    if (input.length === 0) return [];
    if (input.every(isContent)) {
      const out = input.map((c, i) => withEncodedParts(c, `${where}[${i}]`));
      return out.some((c) => c instanceof Promise) ? Promise.all(out) : (out as Content[]);
    }
    if (input.some(isContent)) {
      throw new InvalidArgumentError(`${where}: mix of Content objects and parts; pass Content[] or parts`);
    }
    const turn = userTurn(input as PartInput[], where);
    return turn instanceof Promise ? turn.then((t) => [t]) : [turn];
  }
  if (isContent(input)) {
    const c = withEncodedParts(input, where);
    return c instanceof Promise ? c.then((x) => [x]) : [c];
  }
  if (isObj(input) || isBlob(input)) {
    const turn = userTurn([input as PartInput], where);
    return turn instanceof Promise ? turn.then((t) => [t]) : [turn];
  }
  throw new InvalidArgumentError(`${where}: expected a string, parts, a Content or Content[]`);
}

/** One Content from any input (system instructions, embeddings); several turns are merged into one. */
export function toContent(input: ContentInput, where: string): Content | Promise<Content> {
  const merge = (contents: Content[]): Content => {
    if (contents.length === 1) return contents[0]!;
    return { parts: contents.flatMap((c) => c.parts ?? []) };
  };
  const contents = toContents(input, where);
  return contents instanceof Promise ? contents.then(merge) : merge(contents);
}
