/**
 * The handler registry: feature areas plug in one handler per manifest method id (and route kind),
 * in their own files. Methods nobody registered answer 501 UNIMPLEMENTED, so every route exists.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorCore } from './core.js';
import type { RouteKind } from './router.js';
import type { ManifestEntry } from './spec-source.js';
import type { QueryParams } from './validation/query.js';

/** Everything a handler gets about one routed call. */
export interface ApiCall {
  /** The manifest method. */
  readonly entry: ManifestEntry;
  /** `rest`, or `upload`/`download` for the media paths. */
  readonly routeKind: RouteKind;
  /** API version from the path (`v1beta`, `v1`, `v1alpha`). */
  readonly version: string;
  /** Path parameters by wire name, e.g. `{ model: 'models/gemini-2.5-flash' }`. */
  readonly params: Readonly<Record<string, string>>;
  /** Typed method query parameters by wire name (system parameters excluded). */
  readonly query: QueryParams;
  /** The raw query string, system parameters included (`alt`, `upload_id`, …). */
  readonly search: URLSearchParams;
  /** Request headers. */
  readonly headers: IncomingHttpHeaders;
  /** Validated, normalized JSON body (camelCase keys, lists as arrays); `undefined` without one. */
  readonly body: unknown;
  /** The raw body bytes (what upload handlers read). */
  readonly rawBody: Buffer;
  /** Aborted when the client goes away or the emulator closes. */
  readonly signal: AbortSignal;
  /** The emulator instance (state, clock, control). */
  readonly core: EmulatorCore;
}

/** A JSON response (pretty-printed unless `prettyPrint=false`, like the service). */
export interface JsonResult {
  readonly kind: 'json';
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A streamed response: server-sent events with `alt=sse`, otherwise one JSON array. A chunk with an
 * `error` member is sent as the last event (a mid-stream error).
 */
export interface StreamResult {
  readonly kind: 'stream';
  readonly chunks: Iterable<unknown> | AsyncIterable<unknown>;
}

/** Raw bytes (media downloads, upload protocol answers). */
export interface RawResult {
  readonly kind: 'raw';
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

/** What a handler answers with; throw an `RpcError` for error envelopes. */
export type HandlerResult = JsonResult | StreamResult | RawResult;

/** Serves one method. */
export type Handler = (call: ApiCall) => HandlerResult | Promise<HandlerResult>;

/** Method id → handler, per route kind. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Handler>();

  /** Registers (or replaces) the handler of a method for a route kind (default `rest`). */
  register(methodId: string, handler: Handler, kind: RouteKind = 'rest'): void {
    this.handlers.set(`${kind} ${methodId}`, handler);
  }

  /** The handler of a method, if one is registered. */
  get(methodId: string, kind: RouteKind): Handler | undefined {
    return this.handlers.get(`${kind} ${methodId}`);
  }

  /** Whether a handler is registered. */
  has(methodId: string, kind: RouteKind = 'rest'): boolean {
    return this.handlers.has(`${kind} ${methodId}`);
  }
}

/** A JSON result with status 200. */
export const json = (body: unknown, headers?: Readonly<Record<string, string>>): JsonResult =>
  headers ? { kind: 'json', body, headers } : { kind: 'json', body };
