/**
 * The handler registry: feature areas plug in one handler per manifest method id (and route kind),
 * in their own files. Methods nobody registered answer 501 UNIMPLEMENTED, so every route exists.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
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
  /** The raw body bytes (what upload handlers read); empty for handlers registered with `streamBody`. */
  readonly rawBody: Buffer;
  /** The request itself: its body is still unread for handlers registered with `{ streamBody: true }`. */
  readonly request: IncomingMessage;
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
  /** Named events (Interactions API): every chunk is an `SseFrame`, always sent as SSE whatever `alt` says. */
  readonly frames?: boolean;
}

/** One named server-sent event: `event:`, `id:` and `data:` lines (string data is written verbatim, e.g. `[DONE]`). */
export interface SseFrame {
  readonly event?: string;
  readonly id?: string;
  readonly data: unknown;
}

/** Raw bytes (media downloads, upload protocol answers). */
export interface RawResult {
  readonly kind: 'raw';
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

/** No answer: the connection is destroyed (a network cut, e.g. injected mid-upload). */
export interface DropResult {
  readonly kind: 'drop';
}

/** What a handler answers with; throw an `RpcError` for error envelopes. */
export type HandlerResult = JsonResult | StreamResult | RawResult | DropResult;

/** How a handler is registered. */
export interface HandlerOptions {
  /** The handler reads `call.request` itself (uploads of any size); the pipeline does not buffer the body. */
  readonly streamBody?: boolean;
}

/** Serves one method. */
export type Handler = (call: ApiCall) => HandlerResult | Promise<HandlerResult>;

/** Method id → handler, per route kind. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Handler>();
  private readonly streaming = new Set<string>();

  /** Registers (or replaces) the handler of a method for a route kind (default `rest`). */
  register(methodId: string, handler: Handler, kind: RouteKind = 'rest', options: HandlerOptions = {}): void {
    this.handlers.set(`${kind} ${methodId}`, handler);
    if (options.streamBody) this.streaming.add(`${kind} ${methodId}`);
    else this.streaming.delete(`${kind} ${methodId}`);
  }

  /** Whether the handler reads the request body itself. */
  streamsBody(methodId: string, kind: RouteKind): boolean {
    return this.streaming.has(`${kind} ${methodId}`);
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
