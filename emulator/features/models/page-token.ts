/**
 * Opaque page tokens in the recorded format: base64 of a tiny protobuf message whose field 1 is the
 * name of the last item returned (`Ch9tb2RlbHMv…` = `\n\x1fmodels/veo-3.1-generate-preview`).
 */
import { invalidArgument } from '../../errors.js';

/** Encodes the name of the last item on a page as a page token. */
export function encodePageToken(lastName: string): string {
  const name = Buffer.from(lastName, 'utf8');
  const len = name.length < 0x80 ? [name.length] : [(name.length & 0x7f) | 0x80, name.length >> 7];
  return Buffer.concat([Buffer.from([0x0a, ...len]), name])
    .toString('base64')
    .replace(/=+$/, '');
}

/** Decodes a page token back to the last item name, or `undefined` when it is not one of ours. */
export function decodePageToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(token)) return undefined;
  const bytes = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes[0] !== 0x0a || bytes.length < 2) return undefined;
  let len = bytes[1] ?? 0;
  let start = 2;
  if (len & 0x80) {
    len = (len & 0x7f) | ((bytes[2] ?? 0) << 7);
    start = 3;
  }
  if (bytes.length !== start + len) return undefined;
  return bytes.subarray(start).toString('utf8');
}

/** One page of `items` after the item named by `pageToken` (opaque tokens; bad token → `undefined`). */
export function paginate<T extends { readonly name: string }>(
  items: readonly T[],
  pageSize: number,
  pageToken: string | undefined,
): { page: readonly T[]; nextPageToken?: string } | undefined {
  let start = 0;
  if (pageToken !== undefined && pageToken !== '') {
    const last = decodePageToken(pageToken);
    const i = last === undefined ? -1 : items.findIndex((x) => x.name === last);
    if (i < 0) return undefined;
    start = i + 1;
  }
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  const last = page[page.length - 1];
  return more && last ? { page, nextPageToken: encodePageToken(last.name) } : { page };
}

/** What a list method needs to answer one page. */
export interface ListPageOptions<T> {
  /** Field of the response that holds the items, e.g. `files`. */
  readonly key: string;
  /** Page size when the request gives none (or a non-positive one). */
  readonly defaultSize: number;
  /** Largest page size the method honours; bigger requests are capped. */
  readonly maxSize: number;
  /** The wire form of one item. */
  readonly view: (item: T) => unknown;
}

/**
 * The body of a list answer as the service shapes it: the items field and `nextPageToken` only when
 * non-empty. A page token we did not issue is a 400 (wording not recorded; the status is documented).
 */
export function listPage<T extends { readonly name: string }>(
  query: Readonly<Record<string, unknown>>,
  items: readonly T[],
  o: ListPageOptions<T>,
): Record<string, unknown> {
  const requested = query['pageSize'];
  const size =
    typeof requested === 'number' && requested > 0 ? Math.min(requested, o.maxSize) : o.defaultSize;
  const token = query['pageToken'];
  const result = paginate(items, size, typeof token === 'string' ? token : undefined);
  if (!result) throw invalidArgument('Invalid page token.');
  const body: Record<string, unknown> = {};
  if (result.page.length > 0) body[o.key] = result.page.map(o.view);
  if (result.nextPageToken !== undefined) body['nextPageToken'] = result.nextPageToken;
  return body;
}
