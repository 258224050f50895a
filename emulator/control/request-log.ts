/**
 * The log of API requests the emulator received, for assertions in tests. Secrets never enter it
 * (API keys removed, bearer tokens and access tokens redacted) and it is capped by bytes: a large body
 * is cut to `maxBodyBytes` (the entry says so), and the oldest entries go first past `maxBytes`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { setOwn } from '../json.js';

/** One received request; credentials are removed or redacted from headers and query. */
export interface LoggedRequest {
  /** HTTP verb. */
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Query parameters (last value wins), without `key`; `access_token`/`oauth_token` read `[REDACTED]`. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers (lower-case names), without `x-goog-api-key`; `authorization` keeps only its scheme. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Parsed JSON body, the raw text when it is not JSON, or `undefined` when empty. A body over the
   * log's `maxBodyBytes` is kept as the text of its first `maxBodyBytes` bytes (`bodyTruncated`).
   */
  readonly body: unknown;
  /** Size of the request body in bytes, when it had one. */
  readonly bodyBytes?: number;
  /** Set when `body` holds only the start of the body. */
  readonly bodyTruncated?: true;
  /** The manifest method id the request routed to, if any. */
  readonly methodId?: string;
  /** Emulated time the request arrived (epoch ms). */
  readonly time: number;
}

/** Caps of the request log (`startEmulator({ requestLog })`). */
export interface RequestLogOptions {
  /** Total bytes the log keeps (bodies, headers, query, path); oldest entries are dropped first (default 32 MiB). */
  readonly maxBytes?: number;
  /** Body bytes kept per entry; longer bodies are truncated and marked (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Entries kept at most (default 10,000). */
  readonly maxEntries?: number;
}

/** What the log holds now (`control.requestLogUsage()`). */
export interface RequestLogUsage {
  readonly entries: number;
  /** Bytes accounted to the kept entries. */
  readonly bytes: number;
  readonly maxBytes: number;
  /** Entries dropped to stay under the caps since the last clear. */
  readonly dropped: number;
}

/** What the log is told about a request. */
export interface RequestLogInput {
  readonly method: string;
  readonly path: string;
  readonly search: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly raw: Buffer;
  readonly methodId?: string;
  readonly time: number;
}

const REDACTED = '[REDACTED]';
/** Headers and query parameters that carry an API key: left out entirely. */
const KEY_HEADERS = new Set(['x-goog-api-key']);
const KEY_PARAMS = new Set(['key']);
/** Headers and query parameters that carry other credentials: kept, value redacted. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-emulator-control-token',
]);
const SECRET_PARAMS = new Set(['access_token', 'oauth_token']);

/** `Bearer abc` → `Bearer [REDACTED]`: the scheme stays so tests can see which kind of credential was sent. */
function redactCredential(value: string): string {
  const scheme = /^[A-Za-z][\w.+-]*\s+(?=\S)/.exec(value)?.[0] ?? '';
  return `${scheme}${REDACTED}`;
}

function headersForLog(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (KEY_HEADERS.has(k) || v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    setOwn(out, k, SECRET_HEADERS.has(k) ? redactCredential(value) : value);
  }
  return out;
}

function queryForLog(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of search) if (!KEY_PARAMS.has(k)) setOwn(out, k, SECRET_PARAMS.has(k) ? REDACTED : v);
  return out;
}

/** Builds the logged form of a request body: JSON when it parses, otherwise text. */
export function describeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (contentType === undefined || /json|text/.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return `<${raw.length} bytes ${contentType}>`;
}

const textBytes = (record: Readonly<Record<string, string>>): number =>
  Object.entries(record).reduce((n, [k, v]) => n + k.length + v.length, 0);

/** Request log of one emulator instance, capped by entries and bytes. */
export class RequestLog {
  private readonly entries: { readonly entry: LoggedRequest; readonly bytes: number }[] = [];
  private readonly maxBytes: number;
  private readonly maxBodyBytes: number;
  private readonly maxEntries: number;
  private bytes = 0;
  private dropped = 0;

  constructor(options: RequestLogOptions = {}) {
    this.maxBytes = limit('maxBytes', options.maxBytes, 32 * 1024 * 1024);
    this.maxBodyBytes = limit('maxBodyBytes', options.maxBodyBytes, 1024 * 1024);
    this.maxEntries = limit('maxEntries', options.maxEntries, 10_000);
  }

  /** Records a request: credentials redacted, the body cut to `maxBodyBytes`. */
  add(input: RequestLogInput): void {
    const headers = headersForLog(input.headers);
    const query = queryForLog(input.search);
    const contentType = input.headers['content-type'];
    const truncated = input.raw.length > this.maxBodyBytes;
    const kept = truncated ? input.raw.subarray(0, this.maxBodyBytes) : input.raw;
    const entry: LoggedRequest = {
      method: input.method,
      path: input.path,
      query,
      headers,
      body: truncated ? kept.toString('utf8') : describeBody(kept, contentType),
      ...(input.raw.length > 0 ? { bodyBytes: input.raw.length } : {}),
      ...(truncated ? { bodyTruncated: true as const } : {}),
      ...(input.methodId !== undefined ? { methodId: input.methodId } : {}),
      time: input.time,
    };
    const bytes = kept.length + input.path.length + textBytes(headers) + textBytes(query);
    this.entries.push({ entry, bytes });
    this.bytes += bytes;
    while (this.entries.length > 0 && (this.bytes > this.maxBytes || this.entries.length > this.maxEntries)) {
      this.bytes -= this.entries.shift()?.bytes ?? 0;
      this.dropped++;
    }
  }

  /** A snapshot of the log, oldest first. */
  list(): readonly LoggedRequest[] {
    return this.entries.map((e) => e.entry);
  }

  /** Entries, bytes and drops so far. */
  usage(): RequestLogUsage {
    return {
      entries: this.entries.length,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      dropped: this.dropped,
    };
  }

  /** Empties the log. */
  clear(): void {
    this.entries.length = 0;
    this.bytes = 0;
    this.dropped = 0;
  }
}

function limit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`requestLog.${name} must be a non-negative integer, got ${value}`);
  return value;
}
