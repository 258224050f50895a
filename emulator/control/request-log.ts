/** The log of API requests the emulator received, for assertions in tests. */

/** One received request; the API key is removed from headers and query. */
export interface LoggedRequest {
  /** HTTP verb. */
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Query parameters (last value wins), without `key`. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers (lower-case names), without `x-goog-api-key`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, the raw text when it is not JSON, or `undefined` when empty. */
  readonly body: unknown;
  /** The manifest method id the request routed to, if any. */
  readonly methodId?: string;
  /** Emulated time the request arrived (epoch ms). */
  readonly time: number;
}

/** Keeps memory bounded when an emulator serves a long benchmark. */
const MAX_ENTRIES = 10_000;

/** Append-only request log of one emulator instance. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  /** Records a request. */
  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  /** A snapshot of the log, oldest first. */
  list(): readonly LoggedRequest[] {
    return [...this.entries];
  }

  /** Empties the log. */
  clear(): void {
    this.entries.length = 0;
  }
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
