// The HTTP transport behind every generated stub: URL building, API-key auth, retries with backoff,
// per-attempt timeouts, an overall deadline, cancellation, typed errors and SSE streaming.
// Runs on platform fetch/ReadableStream/AbortController only (Node ≥ 20, browsers, workers).

import type { HttpMethod, MethodCall, RequestOptions, Transport } from '../../generated/transport.js';
import { ApiPromise, type WithResponse } from './api-promise.js';
import { readEnv, redact } from './env.js';
import {
  AbortError,
  ApiError,
  ConnectionError,
  GeminiError,
  InvalidArgumentError,
  StreamError,
  UnknownOutcomeError,
} from './errors.js';
import { toJson } from './body.js';
import { resolveLogger, type Logger } from './log.js';
import { isRetryable, isSafeToResend, retryDelay, sleep, type BackoffOptions } from './retry.js';
import { AttemptScope } from './scope.js';
import { readJsonStream } from './sse-json.js';
import { Stream } from './stream.js';
import { checkOption } from './timer.js';
import { appendQuery, buildUrl, joinUrl, type QueryValue } from './url.js';

/** The production endpoint of the Gemini API. */
export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Options of `HttpTransport`. */
export interface HttpTransportOptions {
  /** API key sent as `x-goog-api-key`; if absent, `GEMINI_API_KEY` / `GOOGLE_API_KEY` is read at the first request. */
  apiKey?: string | undefined;
  /** Service root, e.g. `https://generativelanguage.googleapis.com` or an emulator's `http://127.0.0.1:port`. */
  baseUrl: string;
  /** Version prefix of method paths, e.g. `v1beta` (a method's pinned `version` wins). */
  apiVersion: string;
  /** The fetch to use (default: `globalThis.fetch`, looked up at each request). */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. An `authorization` or `x-goog-api-key` header here replaces the API key. */
  headers?: Record<string, string> | undefined;
  /**
   * Per-attempt timeout in ms; for streams, the longest wait for headers and between chunks. Default: none,
   * because model calls can legitimately take minutes (Node's fetch itself gives up after 300 s without
   * response headers or body data). Setting one costs each request an AbortController and a timer.
   * Any length works (`Infinity`: none); a negative, NaN or non-number value is an `InvalidArgumentError`.
   */
  timeout?: number | undefined;
  /** Retries of a retryable failure (default 2). */
  maxRetries?: number | undefined;
  /** Overall time budget of a call in ms across attempts and backoff (streams: until the response starts). */
  deadline?: number | undefined;
  /** Backoff tuning (base/max delay, injectable random). */
  backoff?: BackoffOptions | undefined;
  /** Receives debug lines; default: console when `GEMINI_LOG=debug`. */
  logger?: Logger | undefined;
}

/** Per-call options: the generated `RequestOptions` plus an overall deadline and an idempotency hint. */
export interface CallOptions extends RequestOptions {
  /** Overall time budget of this call in ms (overrides the transport's `deadline`). */
  deadline?: number | undefined;
  /**
   * Overrides the method's retry safety (`isSafeToResend`): `true` lets a create be sent again after its
   * request may have reached the server (you know a duplicate is harmless); `false` forbids that for any
   * method. Either way a failure before the server saw the request (refused, 429, 503) is retried.
   */
  idempotent?: boolean | undefined;
}

/** A hand-built request for calls outside the manifest (uploads, downloads, `/v1beta/interactions`, …). */
export interface TransportRequest {
  /** HTTP verb. */
  method: HttpMethod;
  /** `/upload/v1beta/files` (absolute), `files/abc` (relative to the API version) or a full URL. */
  path: string;
  /** Query parameters; arrays repeat the key. */
  query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Extra headers. */
  headers?: Record<string, string> | undefined;
  /** A string, bytes (`Uint8Array`, `ArrayBuffer`, `Blob`), a `ReadableStream` (never retried), or JSON. */
  body?: unknown;
  /** Cancels the request, its retries and (for `raw`) the body. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms. */
  timeout?: number | undefined;
  /** Retries of a retryable failure. */
  maxRetries?: number | undefined;
  /** Overall time budget in ms. */
  deadline?: number | undefined;
  /** Whether the request may be sent again after it may have reached the server (default: not for a POST). */
  idempotent?: boolean | undefined;
  /** Resolve with the `Response` (status checked, body unread) instead of parsed JSON. */
  raw?: boolean | undefined;
  /** `'manual'`: a raw request resolves with a 3xx answer instead of fetch following it with the credentials. */
  redirect?: 'follow' | 'manual' | 'error' | undefined;
}

/** A request ready to send (same for every attempt). */
interface Prepared {
  method: HttpMethod;
  url: string;
  init: RequestInit & { duplex?: 'half' };
  /** Names the call in errors: the method id, else `METHOD url`. */
  what: string;
  /** May be sent again even if the server may have received it (`isSafeToResend`, or `idempotent`). */
  safe: boolean;
  /** The body is a stream: it cannot be sent twice. */
  once: boolean;
  /** The secrets this request carries, removed from any text an error or log shows. */
  secrets: (string | undefined)[];
  signal: AbortSignal | undefined;
  timeout: number | undefined;
  maxRetries: number;
  deadline: number | undefined;
}

const isBytes = (b: unknown): boolean =>
  typeof b === 'string' ||
  b instanceof Uint8Array ||
  b instanceof ArrayBuffer ||
  (typeof Blob !== 'undefined' && b instanceof Blob) ||
  (typeof FormData !== 'undefined' && b instanceof FormData) ||
  b instanceof URLSearchParams;

/** A copy of `headers` with lower-cased names, so lookups and overrides are case-insensitive. */
function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) out[k.toLowerCase()] = headers[k]!;
  return out;
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** `e` with `redact` applied to the messages and stacks along its cause chain (the same object if clean). */
function scrub(e: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (!(e instanceof Error) || depth > 4) return e;
  const cause = scrub(e.cause, redact, depth + 1);
  const stack = e.stack ?? '';
  if (cause === e.cause && redact(`${e.message}${stack}`) === `${e.message}${stack}`) return e;
  const copy = Object.assign(new Error(redact(e.message), { cause }), {
    name: e.name,
    code: (e as { code?: unknown }).code,
  });
  copy.stack = redact(stack);
  return copy;
}

/** Refuses nonsense durations and counts before anything is sent (`InvalidArgumentError`). */
function checkOptions(o: { timeout?: unknown; deadline?: unknown; maxRetries?: unknown }): void {
  checkOption('timeout', o.timeout);
  checkOption('deadline', o.deadline);
  checkOption('maxRetries', o.maxRetries, true);
}

/** The messages along an error's `cause` chain, e.g. `fetch failed: other side closed`. */
function describe(e: unknown): string {
  const parts: string[] = [];
  for (let x = e, i = 0; x !== undefined && x !== null && i < 4; i++) {
    const m = x instanceof Error ? x.message : String(x);
    if (m && !parts.includes(m)) parts.push(m);
    x = x instanceof Error ? x.cause : undefined;
  }
  return parts.join(': ') || 'unknown error';
}

/** Talks HTTP to the Gemini API for the generated stubs (`Transport`) and hand-written areas (`request`). */
export class HttpTransport implements Transport {
  /** Service root the requests go to. */
  readonly baseUrl: string;
  /** Default API version prefix. */
  readonly apiVersion: string;
  #apiKey: string | undefined;
  readonly #fetch: typeof fetch | undefined;
  /** Default headers, names lower-cased (a plain record is cheaper for fetch than a `Headers`). */
  readonly #headers: Record<string, string>;
  readonly #timeout: number | undefined;
  readonly #maxRetries: number;
  readonly #deadline: number | undefined;
  readonly #backoff: BackoffOptions;
  #logger: Logger | undefined | null = null;

  /** Creates a transport; nothing is validated or read from the environment until the first request. */
  constructor(options: HttpTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiVersion = options.apiVersion;
    this.#apiKey = options.apiKey || undefined;
    this.#fetch = options.fetch;
    this.#headers = lowerKeys(options.headers);
    checkOptions(options);
    this.#timeout = options.timeout;
    this.#maxRetries = options.maxRetries ?? 2;
    this.#deadline = options.deadline;
    this.#backoff = { ...options.backoff };
    this.#logger = options.logger ?? null;
  }

  /** Performs a unary method call; resolves with the parsed JSON (`.withResponse()` adds the `Response`). */
  call<T>(call: MethodCall, options: CallOptions = {}): ApiPromise<T> {
    return new ApiPromise<T>(
      (async () => {
        const url = buildUrl(this.baseUrl, this.apiVersion, call, options.query);
        const p = this.#prepare(call.spec.httpMethod, url, true, call.body, options, call.spec.id);
        if (!call.spec.media) return this.#unary<T>(p);
        // Media methods (alt=media) resolve with the Response itself: its body is streamed by the caller.
        const { value, scope } = await this.#run(p, async (res) => res);
        scope?.arm(Infinity, ''); // the body may take any time to read; the caller's signal still cancels it
        return { data: value as T, response: value };
      })(),
    );
  }

  /**
   * Performs a streaming (SSE) method call. Returns at once; the request starts on the first iteration,
   * is retried only until a 2xx response arrives, and is cancelled when the loop is left early.
   */
  stream<T>(call: MethodCall, options: CallOptions = {}): Stream<T> {
    return new Stream<T>((signal, seen) => this.#streamItems<T>(call, options, signal, seen), options.signal);
  }

  /** Sends a hand-built request and resolves with the `Response` (status checked, body unread). */
  request(req: TransportRequest & { raw: true }): ApiPromise<Response>;
  /** Sends a hand-built request and resolves with the parsed JSON body (`undefined` when empty). */
  request<T = unknown>(req: TransportRequest): ApiPromise<T>;
  request<T>(req: TransportRequest): ApiPromise<T | Response> {
    return new ApiPromise<T | Response>(this.#request<T>(req));
  }

  async #request<T>(req: TransportRequest): Promise<WithResponse<T | Response>> {
    const abs = /^https?:\/\//i.test(req.path);
    let url = joinUrl(this.baseUrl, this.apiVersion, req.path);
    const search = new URLSearchParams();
    appendQuery(search, req.query ?? {});
    const qs = search.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    const sameOrigin = !abs || originOf(url) === originOf(this.baseUrl);
    const p = this.#prepare(req.method, url, sameOrigin, req.body, req);
    if (!req.raw) return this.#unary<T>(p);
    const { value, scope } = await this.#run(p, async (res) => res);
    scope?.arm(Infinity, ''); // the body may take any time to read; the caller's signal still cancels it
    return { data: value, response: value };
  }

  /**
   * For WebSocket areas (Live, Music), whose URL must carry the key: the API key (an `x-goog-api-key`
   * header, else options, else the environment; `InvalidArgumentError` if none; `''` with `needKey:
   * false`, for sessions opened with an ephemeral token), a redactor for text that may contain it, the
   * logger, and the other client headers for the handshake request (all but `x-goog-api-key`).
   */
  socketAuth(needKey = true): {
    apiKey: string;
    redact: (text: string) => string;
    logger: Logger | undefined;
    headers: Record<string, string>;
  } {
    // The key goes in the URL (the protocol's way); the other client headers go on the handshake.
    const { 'x-goog-api-key': header, ...headers } = this.#headers;
    const apiKey = header ?? (needKey ? this.#key() : '');
    const auth = headers['authorization'];
    return {
      apiKey,
      redact: (text) => redact(text, apiKey, this.#apiKey, auth, auth?.split(' ').pop()),
      logger: this.#log,
      headers,
    };
  }

  /** Safe to log: no key, no headers. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, apiVersion: this.apiVersion };
  }

  get #log(): Logger | undefined {
    if (this.#logger === null) this.#logger = resolveLogger(undefined);
    return this.#logger;
  }

  /** Text with the request's secrets (key, tokens, `?key=` values) replaced by `[REDACTED]`. */
  #redact(text: string, p: Prepared): string {
    return redact(text, ...p.secrets);
  }

  #key(): string {
    this.#apiKey ??= readEnv('GEMINI_API_KEY') ?? readEnv('GOOGLE_API_KEY');
    if (!this.#apiKey) {
      throw new InvalidArgumentError('no API key: pass apiKey or set GEMINI_API_KEY/GOOGLE_API_KEY');
    }
    return this.#apiKey;
  }

  #prepare(
    method: HttpMethod,
    url: string,
    auth: boolean,
    body: unknown,
    o: Omit<TransportRequest, 'method' | 'path' | 'query' | 'body'>,
    id?: string,
  ): Prepared {
    checkOptions(o);
    const headers = o.headers ? { ...this.#headers, ...lowerKeys(o.headers) } : { ...this.#headers };
    if (!auth) {
      // Another origin (a redirect target, a full URL): the credentials stay home.
      delete headers['x-goog-api-key'];
      delete headers['authorization'];
    } else if (headers['x-goog-api-key'] === undefined && headers['authorization'] === undefined) {
      const key = this.#key();
      if (key.startsWith('auth_tokens/')) {
        // The service refuses them on REST; say why before sending rather than relay a bare 400.
        throw new InvalidArgumentError(
          'an ephemeral token (auth_tokens/…) opens Live API sessions only; REST calls need an API key',
        );
      }
      headers['x-goog-api-key'] = key;
    }
    const init: Prepared['init'] = { method, headers };
    const streamBody = typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
    if (streamBody) {
      init.body = body;
      init.duplex = 'half';
    } else if (isBytes(body)) {
      init.body = body as BodyInit;
    } else if (body !== undefined) {
      init.body = toJson(body);
      headers['content-type'] ??= 'application/json';
    }
    if (o.redirect) init.redirect = o.redirect;
    const bearer = headers['authorization'];
    return {
      method,
      url,
      init,
      what: id ?? `${method} ${url}`,
      safe: o.idempotent ?? isSafeToResend(method, id),
      once: streamBody,
      secrets: [this.#apiKey, headers['x-goog-api-key'], bearer, bearer?.split(' ').pop()],
      signal: o.signal,
      timeout: o.timeout ?? this.#timeout,
      maxRetries: o.maxRetries ?? this.#maxRetries,
      deadline: o.deadline ?? this.#deadline,
    };
  }

  async #unary<T>(p: Prepared): Promise<WithResponse<T>> {
    const { value, scope } = await this.#run(p, async (response) => {
      const text = await response.text();
      try {
        return { data: JSON.parse(text) as T, response };
      } catch {
        if (!text.trim()) return { data: undefined as T, response };
        throw new GeminiError(
          this.#redact(
            `expected JSON from ${p.method} ${p.url} (${response.status}), got: ${JSON.stringify(text.slice(0, 120))}`,
            p,
          ),
        );
      }
    });
    scope?.dispose();
    return value;
  }

  async *#streamItems<T>(
    call: MethodCall,
    options: CallOptions,
    signal: AbortSignal,
    seen: (response: Response) => void,
  ): AsyncGenerator<T, void> {
    const url = buildUrl(this.baseUrl, this.apiVersion, call, options.query);
    const p = this.#prepare(call.spec.httpMethod, url, true, call.body, { ...options, signal }, call.spec.id);
    const { value: res, scope } = await this.#run(p, async (r) => r, true);
    seen(res);
    const idle = (): void => scope.arm(p.timeout ?? Infinity, `no data from the stream for ${p.timeout} ms`);
    idle();
    try {
      if (res.body) {
        const redact = (text: string): string => this.#redact(text, p);
        yield* readJsonStream<T>(res.body, { headers: res.headers, redact, onChunk: idle });
      }
    } catch (e) {
      if (signal.aborted) throw new AbortError(signal.reason);
      if (scope.timedOut) throw scope.timedOut;
      if (e instanceof GeminiError) throw e;
      throw new StreamError(`stream interrupted: ${this.#redact(describe(e), p)}`, {
        cause: scrub(e, (t) => this.#redact(t, p)),
      });
    } finally {
      scope.dispose(true);
    }
  }

  /**
   * Sends `p`, retrying per policy; returns what `read` made of the first 2xx response and the attempt's
   * live scope. An attempt gets its own scope (AbortController + timer) only when it needs one: a timeout,
   * a deadline, or `scoped` (streams). Otherwise the caller's signal, if any, goes to fetch as it is —
   * a signal costs undici a WeakRef, a finalizer and listeners per request, a good part of a loopback call.
   */
  async #run<R>(
    p: Prepared,
    read: (res: Response) => Promise<R>,
    scoped: true,
  ): Promise<{ value: R; scope: AttemptScope }>;
  async #run<R>(
    p: Prepared,
    read: (res: Response) => Promise<R>,
  ): Promise<{ value: R; scope: AttemptScope | undefined }>;
  async #run<R>(
    p: Prepared,
    read: (res: Response) => Promise<R>,
    scoped = false,
  ): Promise<{ value: R; scope: AttemptScope | undefined }> {
    const deadlineAt = p.deadline === undefined ? Infinity : Date.now() + p.deadline;
    const timed = p.timeout !== undefined || p.deadline !== undefined;
    const f = this.#fetch ?? globalThis.fetch;
    const url = this.#redact(p.url, p);
    for (let attempt = 0; ; attempt++) {
      let scope: AttemptScope | undefined;
      if (timed || scoped) {
        scope = new AttemptScope(p.signal);
        const remaining = deadlineAt - Date.now();
        if (remaining < (p.timeout ?? Infinity))
          scope.arm(remaining, `deadline of ${p.deadline} ms exceeded`);
        else scope.arm(p.timeout ?? Infinity, `request timed out after ${p.timeout} ms`);
      }
      const t0 = Date.now();
      try {
        this.#log?.debug('request', { method: p.method, url, attempt });
        const signal = scope ? scope.signal : p.signal;
        const res = await f(p.url, signal ? { ...p.init, signal } : p.init);
        this.#log?.debug('response', { method: p.method, url, status: res.status, ms: Date.now() - t0 });
        // A raw GET's redirect goes back to its caller (files.download follows it, see download.ts).
        if (!res.ok && !(res.status < 400 && p.init.redirect)) {
          const text = this.#redact(await res.text(), p);
          const headers = new Headers();
          res.headers.forEach((v, k) => headers.set(k, this.#redact(v, p)));
          throw ApiError.from(res.status, text, headers, res.statusText);
        }
        return { value: await read(res), scope };
      } catch (e) {
        scope?.dispose(true);
        let err = this.#classify(e, scope, p);
        const retry = !p.once && isRetryable(err, p.safe);
        const delay =
          retry && attempt < p.maxRetries
            ? retryDelay(attempt, err instanceof ApiError ? err.retryDelay : undefined, this.#backoff)
            : undefined;
        const info = { method: p.method, url, attempt, error: err.name, ms: Date.now() - t0 };
        if (delay === undefined || Date.now() + delay >= deadlineAt) {
          // A lost answer (not a refused connection) of a call that is not safe to re-send: it may have acted.
          if (!p.safe && !(err instanceof ApiError) && isRetryable(err, true) && !isRetryable(err, false)) {
            err = new UnknownOutcomeError(
              `${p.what} may have reached the server; no answer (${err.message}). Not re-sent: check whether it exists first`,
              { cause: err },
            );
          }
          this.#log?.debug('failed', info);
          throw err;
        }
        this.#log?.debug('retry', { ...info, delayMs: delay });
        try {
          await sleep(delay, p.signal);
        } catch {
          throw new AbortError(p.signal?.reason);
        }
      }
    }
  }

  #classify(e: unknown, scope: AttemptScope | undefined, p: Prepared): GeminiError {
    if (p.signal?.aborted) return new AbortError(p.signal.reason);
    if (scope?.timedOut) return scope.timedOut;
    if (e instanceof GeminiError) return e;
    const redact = (t: string): string => this.#redact(t, p);
    return new ConnectionError(`connection error: ${redact(describe(e))}`, { cause: scrub(e, redact) });
  }
}
