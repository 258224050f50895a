/**
 * Which SDK call answers a recorded route: `client.models.*` for the models area, the generated stubs
 * through `client.transport` for resources without a hand-written area in this test, and a raw
 * transport request for upload endpoints. Routes outside the discovery surface (interactions, the
 * OpenAI-compatible endpoint) and media bytes (download redirect, raw video) have no entry.
 */
import * as batches from '../../generated/methods/batches.js';
import * as cachedContents from '../../generated/methods/cachedContents.js';
import * as fileSearchStores from '../../generated/methods/fileSearchStores.js';
import * as modelOperations from '../../generated/methods/models.operations.js';
import type { CachedContent } from '../../generated/types/CachedContent.js';
import type { Gemini } from '../../src/client.js';
import type { Transcript } from './recorded.js';

/** How a route's answer is read: one JSON value, a stream of chunks, or a raw `Response`. */
export type RouteKind = 'generate' | 'stream' | 'json' | 'raw';

/** One recorded route and the SDK call for it. */
export interface Route {
  readonly name: string;
  readonly kind: RouteKind;
  readonly method: string;
  readonly pattern: RegExp;
  /** Makes the call; `m` is the path match (groups: model / id). */
  readonly call: (client: Gemini, t: Transcript, m: RegExpExecArray) => unknown;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** The recorded request body as a generateContent-style input (a default prompt when not recorded). */
function genInput(t: Transcript, model: string): { model: string; contents: never } {
  const body = requestBody(t);
  return { contents: 'Hello', ...body, model } as unknown as { model: string; contents: never };
}

/**
 * The recorded request body as the SDK's input types take it: the service also accepts a single Tool
 * where the schema says `tools: Tool[]` (3 recordings do that), the SDK wants the array.
 */
export function requestBody(t: Transcript): Obj {
  const body = obj(t.request_body);
  const tools = body['tools'];
  return tools === undefined || Array.isArray(tools) ? body : { ...body, tools: [tools] };
}

const MODEL = '/v1beta/models/([^/:]+)';

/** The routes, most specific first. */
export const ROUTES: readonly Route[] = [
  {
    name: 'models.generateContent',
    kind: 'generate',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:generateContent$`),
    call: (c, t, m) => c.models.generateContent(genInput(t, m[1]!)),
  },
  {
    name: 'models.streamGenerateContent',
    kind: 'stream',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:streamGenerateContent$`),
    call: (c, t, m) => c.models.generateContentStream(genInput(t, m[1]!)),
  },
  {
    name: 'models.countTokens',
    kind: 'json',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:countTokens$`),
    call: (c, t, m) => c.models.countTokens({ contents: 'Hello', ...obj(t.request_body), model: m[1]! }),
  },
  {
    name: 'models.embedContent',
    kind: 'json',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:embedContent$`),
    call: (c, t, m) => c.models.embedContent({ content: 'Hello', ...obj(t.request_body), model: m[1]! }),
  },
  {
    name: 'models.batchEmbedContents',
    kind: 'json',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:batchEmbedContents$`),
    call: (c, t, m) =>
      c.models.batchEmbedContents({
        model: m[1]!,
        requests: (obj(t.request_body)['requests'] as never) ?? [{ content: 'Hello' }],
      }),
  },
  {
    name: 'models.batchGenerateContent',
    kind: 'json',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:batchGenerateContent$`),
    call: (c, t, m) => c.models.batchGenerateContent({ ...obj(t.request_body), model: m[1]! } as never),
  },
  {
    name: 'models.predictLongRunning',
    kind: 'json',
    method: 'POST',
    pattern: new RegExp(`^${MODEL}:predictLongRunning$`),
    call: (c, t, m) => c.models.predictLongRunning({ ...obj(t.request_body), model: m[1]! } as never),
  },
  {
    name: 'models.list',
    kind: 'json',
    method: 'GET',
    pattern: /^\/v1beta\/models$/,
    call: (c) => c.models.list().page(),
  },
  {
    name: 'models.operations.get',
    kind: 'json',
    method: 'GET',
    pattern: /^\/v1beta\/(models\/[^/]+\/operations\/[^/]+)$/,
    call: (c, _t, m) => modelOperations.get(c.transport, { name: m[1]! }),
  },
  {
    name: 'batches.get',
    kind: 'json',
    method: 'GET',
    pattern: /^\/v1beta\/(batches\/[^/]+)$/,
    call: (c, _t, m) => batches.get(c.transport, { name: m[1]! }),
  },
  {
    name: 'cachedContents.create',
    kind: 'json',
    method: 'POST',
    pattern: /^\/v1beta\/cachedContents$/,
    call: (c, t) =>
      cachedContents.create(c.transport, {}, (t.request_body ?? { model: 'models/x' }) as CachedContent),
  },
  {
    name: 'cachedContents.get',
    kind: 'json',
    method: 'GET',
    pattern: /^\/v1beta\/(cachedContents\/[^/]+)$/,
    call: (c, _t, m) => cachedContents.get(c.transport, { name: m[1]! }),
  },
  {
    name: 'cachedContents.patch',
    kind: 'json',
    method: 'PATCH',
    pattern: /^\/v1beta\/(cachedContents\/[^/]+)$/,
    call: (c, t, m) => cachedContents.patch(c.transport, { name: m[1]! }, t.request_body as CachedContent),
  },
  {
    name: 'cachedContents.delete',
    kind: 'json',
    method: 'DELETE',
    pattern: /^\/v1beta\/(cachedContents\/[^/]+)$/,
    call: (c, _t, m) => cachedContents.delete(c.transport, { name: m[1]! }),
  },
  {
    name: 'fileSearchStores.create',
    kind: 'json',
    method: 'POST',
    pattern: /^\/v1beta\/fileSearchStores$/,
    call: (c, t) => fileSearchStores.create(c.transport, {}, obj(t.request_body)),
  },
  {
    name: 'fileSearchStores.delete',
    kind: 'json',
    method: 'DELETE',
    pattern: /^\/v1beta\/(fileSearchStores\/[^/]+)$/,
    call: (c, t, m) =>
      fileSearchStores.delete(c.transport, { name: m[1]!, force: t.query['force'] === 'True' }),
  },
  {
    name: 'upload (resumable finalize)',
    kind: 'json',
    method: 'POST',
    pattern: /^\/upload\/v1beta\/files$/,
    call: (c, t) =>
      c.transport.request({
        method: 'POST',
        path: '/upload/v1beta/files',
        query: t.query,
        headers: { 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' },
        body: new Uint8Array(16),
      }),
  },
  {
    name: 'upload (resumable start)',
    kind: 'raw',
    method: 'POST',
    pattern: /^\/upload\/v1beta\/(fileSearchStores\/[^/]+):uploadToFileSearchStore$/,
    call: (c, t, m) =>
      c.transport.request({
        method: 'POST',
        path: `/upload/v1beta/${m[1]!}:uploadToFileSearchStore`,
        headers: { 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start' },
        body: t.request_body ?? {},
        raw: true,
      }),
  },
];

/** The route and path match for a transcript, if the SDK has a call for it. */
export function routeOf(t: Transcript): { route: Route; match: RegExpExecArray } | undefined {
  for (const route of ROUTES) {
    if (route.method !== t.method) continue;
    const match = route.pattern.exec(t.path);
    if (match) return { route, match };
  }
  return undefined;
}
