/**
 * Running one request of a batch: it is handed to the handler `generateContent` / `embedContent`
 * have (in process, no HTTP), so a batch answers exactly what single calls answer: scripted replies,
 * the deterministic replies, cached content, the same embedding vectors. A failure becomes that
 * request's google.rpc.Status; the batch itself goes on.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorCore } from '../../core.js';
import { RpcError } from '../../errors.js';
import type { ApiCall } from '../../registry.js';
import { manifest } from '../../spec-source.js';
import { validateBody } from '../../validation/body.js';

type Obj = Readonly<Record<string, unknown>>;

/** A google.rpc.Status of one failed request. */
export interface RequestStatus {
  readonly code: number;
  readonly message: string;
}

/** What one request produced. */
export type Outcome = { readonly response: unknown } | { readonly error: RequestStatus };

/** One request of a batch, as received (inline or one JSONL line). */
export interface BatchItem {
  /** The JSONL line's `key`. */
  readonly key?: string | undefined;
  /** Inline `metadata`, echoed back with the response. */
  readonly metadata?: unknown;
  /** The request; absent when the line could not be read. */
  readonly request?: Obj | undefined;
  /** Why the line could not be read. */
  readonly invalid?: string | undefined;
}

/** The kinds of batch: batchGenerateContent and asyncBatchEmbedContent. */
export type BatchKind = 'generate' | 'embed';

/** google.rpc.Code numbers by name. */
const CODES: Readonly<Record<string, number>> = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
};

/** The google.rpc.Code number of a status name (`INVALID_ARGUMENT` → 3). */
export function rpcCode(status: string): number {
  return CODES[status] ?? 2;
}

function statusOf(e: unknown): RequestStatus {
  if (e instanceof RpcError) return { code: rpcCode(e.status), message: e.message };
  return { code: 13, message: 'Internal error encountered.' };
}

const SCHEMA: Readonly<Record<BatchKind, string>> = {
  generate: 'GenerateContentRequest',
  embed: 'EmbedContentRequest',
};

/** Validates a request read from a JSONL file (inline ones were validated with the create call). */
export function checkFileRequest(
  kind: BatchKind,
  request: unknown,
): { ok: true; value: Obj } | { ok: false; error: RequestStatus } {
  // The model comes from the batch; lines need not repeat it.
  const checked = validateBody(SCHEMA[kind], request, { pathBound: new Set(['model']) });
  if (!checked.ok) return { ok: false, error: statusOf(checked.error) };
  return { ok: true, value: checked.value as Obj };
}

const METHOD: Readonly<Record<BatchKind, string>> = {
  generate: 'models.generateContent',
  embed: 'models.embedContent',
};

/** The call a single request of the batch would have been. */
function inProcessCall(core: EmulatorCore, methodId: string, model: string, body: Obj): ApiCall {
  const entry = manifest.find((m) => m.id === methodId);
  if (!entry) throw new RpcError(500, `no manifest entry ${methodId}`);
  return {
    entry,
    routeKind: 'rest',
    version: 'v1beta',
    params: { model },
    query: {},
    search: new URLSearchParams(),
    headers: {},
    body,
    rawBody: Buffer.alloc(0),
    // In-process calls have no HTTP request; the generate and embed handlers never read it.
    request: undefined as unknown as IncomingMessage,
    signal: core.closing.signal,
    core,
  };
}

/** Runs one request. */
export async function runItem(
  core: EmulatorCore,
  kind: BatchKind,
  model: string,
  item: BatchItem,
  fromFile: boolean,
): Promise<Outcome> {
  if (item.invalid !== undefined || !item.request)
    return { error: { code: 3, message: item.invalid ?? 'Missing request.' } };
  let request = item.request;
  if (fromFile) {
    const checked = checkFileRequest(kind, request);
    if (!checked.ok) return { error: checked.error };
    request = checked.value;
  }
  const handler = core.registry.get(METHOD[kind], 'rest');
  if (!handler) return { error: { code: 12, message: `${METHOD[kind]} is not emulated.` } };
  try {
    const result = await handler(inProcessCall(core, METHOD[kind], model, request));
    if (result.kind !== 'json') return { error: { code: 13, message: 'Internal error encountered.' } };
    return { response: result.body };
  } catch (e) {
    return { error: statusOf(e) };
  }
}

/** Reads a JSONL input file: one `{ "key": …, "request": {…} }` per non-empty line. */
export function parseJsonl(bytes: Buffer): BatchItem[] {
  const items: BatchItem[] = [];
  const text = bytes.toString('utf8');
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    lineNo++;
    if (line === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      const o = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
      const request = o?.['request'];
      const key = typeof o?.['key'] === 'string' ? o['key'] : undefined;
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        items.push({ key, invalid: `Line ${lineNo}: expected an object with a "request" member.` });
      } else {
        items.push({ key, metadata: o?.['metadata'], request: request as Obj });
      }
    } catch {
      items.push({ invalid: `Line ${lineNo}: invalid JSON.` });
    }
  }
  return items;
}
