// Retry policy: which failures are worth retrying, and how long to wait before the next attempt.
// Pure functions (plus an abortable sleep) so the policy can be tested without a network.

import { ApiError, ConnectionError, GeminiError, TimeoutError } from './errors.js';
import { setLongTimeout } from './timer.js';

/** Tuning of the exponential backoff between attempts. */
export interface BackoffOptions {
  /** Delay scale of the first retry in ms (default 500). */
  baseDelay?: number | undefined;
  /** Largest computed backoff in ms (default 8000). */
  maxDelay?: number | undefined;
  /** Largest server-requested delay (Retry-After / RetryInfo) that is honoured, in ms (default 60000); a longer request is not retried. */
  maxServerDelay?: number | undefined;
  /** Source of randomness in [0, 1) (default `Math.random`); inject for deterministic tests. */
  random?: (() => number) | undefined;
}

/**
 * POST methods that only compute an answer and create nothing (plus `cancel`, which is idempotent), by
 * method name: `models.`, `tunedModels.` and `dynamic.` share them. Every other POST creates or changes
 * something (batches, caches, stores, Veo jobs, tokens, tuned models, interactions, permissions, …).
 */
const PURE_POSTS = new Set(
  'generateContent streamGenerateContent countTokens countTextTokens countMessageTokens embedContent batchEmbedContents embedText batchEmbedText generateText generateMessage generateAnswer predict cancel'.split(
    ' ',
  ),
);

/**
 * The retry-safety table (STYLE rule 20): whether a method may be sent again after its request may have
 * reached the server. Reads (GET), deletes, updates (PUT/PATCH set the same fields again) and the POSTs
 * in `PURE_POSTS` may; every other POST is a create and may not. A hand-built request names no method
 * (`id` undefined): its POST counts as a create.
 */
export function isSafeToResend(httpMethod: string, id?: string): boolean {
  return httpMethod !== 'POST' || (id !== undefined && PURE_POSTS.has(id.slice(id.lastIndexOf('.') + 1)));
}

/**
 * The one retry rule of the transport, the uploader and the realtime engine: whether a failed attempt
 * may be sent again. An HTTP answer is retried on 408/429/5xx, or for a call that is not `safe` to
 * re-send (see `isSafeToResend`) only on 408/429/503, where the server refused before acting; a timeout
 * or a network error only when the call is `safe`, or when the connection was never made (refused,
 * DNS, unreachable: the request cannot have reached the server).
 */
export function isRetryable(error: unknown, safe: boolean): boolean {
  if (error instanceof ApiError) {
    return safe ? isRetryableStatus(error.status) : [408, 429, 503].includes(error.status);
  }
  if (error instanceof TimeoutError) return safe;
  // Any other error of ours (stream, argument, …) is final; a raw one (a body read cut) is judged itself.
  const e = error instanceof ConnectionError ? error.cause : error instanceof GeminiError ? 0 : error;
  return isNetworkError(e) && (safe || neverSent(e));
}

/** HTTP statuses that are retried: request timeout, rate limit and transient server errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Whether an HTTP status is worth retrying (408, 429, 500, 502, 503, 504). */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Exponential backoff with full jitter: a uniform random delay in `[0, min(maxDelay, baseDelay * 2^retry))`.
 * `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const base = options.baseDelay ?? 500;
  const cap = options.maxDelay ?? 8000;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** Math.max(0, retry)));
}

/**
 * How long to wait before the next attempt: at least the server-requested delay (if any), and at least the
 * jittered backoff. Returns `undefined` when the server asks for more than `maxServerDelay`.
 */
export function retryDelay(retry: number, serverDelay: number | undefined, options: BackoffOptions = {}) {
  const jitter = backoffDelay(retry, options);
  if (serverDelay === undefined) return jitter;
  if (serverDelay > (options.maxServerDelay ?? 60_000)) return undefined;
  return Math.max(serverDelay, jitter);
}

/** Parses a protobuf Duration string (`"34s"`, `"1.5s"`, `"0.000000500s"`) into milliseconds. */
export function parseDuration(value: string | undefined): number | undefined {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)s\s*$/.exec(value ?? '');
  return m?.[1] === undefined ? undefined : Math.round(Number(m[1]) * 1000);
}

/**
 * Parses a `Retry-After` header into milliseconds: delta-seconds (`"120"`, leniently `"1.5"`) or an HTTP
 * date (a date in the past gives 0). Unparseable or absent values give `undefined`.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = /[a-z]/i.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const NETWORK_MESSAGE =
  /fetch failed|failed to fetch|networkerror|network error|load failed|socket hang up|terminated|other side closed|ECONNRESET/i;

/**
 * Whether an error thrown by `fetch` (or while reading a body) is a transient network failure: the
 * fetch `TypeError`s of Node/browsers, `ECONNRESET`, "socket hang up", undici `UND_ERR_SOCKET`, … —
 * looked up along the `cause` chain. Invalid-URL `TypeError`s and aborts are not network errors.
 */
export function isNetworkError(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (name === 'AbortError' || name === 'TimeoutError') return false;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (typeof message === 'string' && NETWORK_MESSAGE.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const NOT_SENT =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|ENETDOWN|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/** Whether a network error happened before a connection existed, so no byte of the request was sent. */
function neverSent(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string' && NOT_SENT.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Waits `ms` milliseconds (any length); rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = setLongTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
