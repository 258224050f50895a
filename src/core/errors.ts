// The error hierarchy of the SDK. Every error thrown by the client is a `GeminiError`; server answers
// other than 2xx are `ApiError`s of a per-status subclass, picked by `ApiError.from`.
// Errors never hold the API key: the transport redacts it from server text before it gets here.

import { decodeDetails, type ErrorDetail, type OtherDetail } from './error-details.js';
import { parseRetryAfter } from './retry.js';
import { isObject } from './json.js';

/** Base class of every error thrown by the SDK. */
export class GeminiError extends Error {
  override get name(): string {
    return 'GeminiError';
  }

  /** A plain object for logs: name, message and the error's own fields. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** Input rejected locally before any request was sent (bad path parameter, missing API key, …). */
export class InvalidArgumentError extends GeminiError {
  override get name(): string {
    return 'InvalidArgumentError';
  }
}

/** The request could not reach the server or the connection broke (DNS, reset, refused, …). */
export class ConnectionError extends GeminiError {
  override get name(): string {
    return 'ConnectionError';
  }
}

/** An attempt exceeded its timeout (or the call exceeded its overall deadline). */
export class TimeoutError extends ConnectionError {
  override get name(): string {
    return 'TimeoutError';
  }
}

/**
 * A call that creates something (see `isSafeToResend`) failed after its request may have reached the
 * server: the connection broke or timed out before the answer arrived. The server may have acted, so
 * the call was not sent again; list or get the resource to learn whether it exists before retrying
 * (or pass `idempotent: true` to allow re-sending). `cause` is the `ConnectionError`/`TimeoutError`.
 */
export class UnknownOutcomeError extends ConnectionError {
  override get name(): string {
    return 'UnknownOutcomeError';
  }
}

/** The caller aborted the request through its `AbortSignal` (or by leaving a stream early). */
export class AbortError extends GeminiError {
  /** The abort reason given to `AbortController.abort(reason)`. */
  readonly reason: unknown;

  constructor(reason: unknown) {
    super(reason instanceof Error ? `Request aborted: ${reason.message}` : 'Request aborted', {
      cause: reason,
    });
    this.reason = reason;
  }

  override get name(): string {
    return 'AbortError';
  }
}

/** A stream ended before its last event was complete, or its bytes were not a valid event stream. */
export class StreamError extends GeminiError {
  override get name(): string {
    return 'StreamError';
  }
}

/**
 * A generateContent stream ended cleanly (no error, no cut mid-event) but no chunk said it was over:
 * no candidate carried a `finishReason` and no prompt was blocked. The service always ends a complete
 * answer with one, so the answer was probably cut short (a proxy or the network closed the connection
 * between events). `partial` holds what arrived, aggregated.
 */
export class IncompleteStreamError extends StreamError {
  /** The response aggregated from the chunks that did arrive. */
  readonly partial: unknown;

  constructor(message: string, partial: unknown) {
    super(message);
    this.partial = partial;
  }

  override get name(): string {
    return 'IncompleteStreamError';
  }
}

/** Fields of an `ApiError`. */
export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  details?: readonly ErrorDetail[];
  retryDelay?: number | undefined;
  headers?: Headers;
  requestId?: string | undefined;
  body?: unknown;
}

const STATUS_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

type Json = Record<string, unknown>;

/** Finds the google.rpc.Status envelope in a parsed body: `{error}` or `[{error}]`. */
function envelope(body: unknown): Json | undefined {
  const first = Array.isArray(body) ? body.find((x) => isObject(x) && isObject(x.error)) : body;
  return isObject(first) && isObject(first.error) ? first.error : undefined;
}

/** Parses text as JSON if it looks like JSON (also a single SSE `data:` line); otherwise `undefined`. */
function parseLoose(text: string): unknown {
  const t = text.trim().replace(/^data:\s*/, '');
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** A short readable excerpt of a non-JSON body (HTML tags, scripts and styles removed). */
function excerpt(text: string): string {
  const plain = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** An error answer of the Gemini API (any HTTP status other than 2xx, or an error object in a stream). */
export class ApiError extends GeminiError {
  /** HTTP status of the answer (for an error inside a stream, the `code` of the error object). */
  readonly status: number;
  /** google.rpc status string, e.g. `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED` (derived from `status` if absent). */
  readonly code: string;
  /** Decoded google.rpc details; narrow on `kind`. */
  readonly details: readonly ErrorDetail[];
  /** How long the server asked to wait before retrying, in ms (RetryInfo, else `Retry-After`). */
  readonly retryDelay: number | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** A request id from the response, when the server sent one. */
  readonly requestId: string | undefined;
  /** The parsed body (JSON) or its text when it was not JSON. */
  readonly body: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.retryDelay = init.retryDelay;
    this.headers = init.headers ?? new Headers();
    this.requestId = init.requestId;
    this.body = init.body;
  }

  override get name(): string {
    return 'ApiError';
  }

  /** The first detail of the given kind, e.g. `err.detail('ErrorInfo')?.reason`. */
  detail<K extends ErrorDetail['kind']>(kind: K): Extract<ErrorDetail, { kind: K }> | undefined {
    return this.details.find((d) => d.kind === kind) as Extract<ErrorDetail, { kind: K }> | undefined;
  }

  /**
   * Builds the error for an HTTP answer: decodes the google.rpc.Status envelope (`{error}`, `[{error}]`,
   * or a `data:` line), falls back to a text excerpt for non-JSON bodies (e.g. a proxy's HTML page), and
   * picks the subclass for the status.
   */
  static from(
    status: number,
    bodyText: string,
    headers: Headers | Record<string, string> = {},
    statusText = '',
  ): ApiError {
    const h = new Headers(headers);
    const parsed = parseLoose(bodyText);
    const env = envelope(parsed);
    const details = decodeDetails(env?.details);
    const retryInfo = details.find((d) => d.kind === 'RetryInfo');
    const requestInfo = details.find(
      (d): d is OtherDetail => d.kind === 'Other' && d['@type'].endsWith('.RequestInfo'),
    );
    const serverMessage = typeof env?.message === 'string' ? env.message : undefined;
    const head = `${status} ${statusText}`.trim();
    const text = parsed === undefined ? excerpt(bodyText) : '';
    const init: ApiErrorInit = {
      status,
      code: typeof env?.status === 'string' ? env.status : (STATUS_CODES[status] ?? 'UNKNOWN'),
      message: serverMessage ?? (text ? `${head}: ${text}` : head),
      details,
      retryDelay:
        (retryInfo?.kind === 'RetryInfo' ? retryInfo.retryDelayMs : undefined) ??
        parseRetryAfter(h.get('retry-after')),
      headers: h,
      requestId:
        (typeof requestInfo?.requestId === 'string' ? requestInfo.requestId : undefined) ??
        h.get('x-request-id') ??
        h.get('x-goog-request-id') ??
        undefined,
      body: parsed ?? bodyText,
    };
    if (status === 400) return new BadRequestError(init);
    if (status === 401) return new AuthenticationError(init);
    if (status === 403) return new PermissionDeniedError(init);
    if (status === 404) return new NotFoundError(init);
    if (status === 409) return new ConflictError(init);
    if (status === 429) return new RateLimitError(init);
    if (status >= 500) return new ServerError(init);
    return new ApiError(init);
  }
}

/** 400: the request is invalid (INVALID_ARGUMENT, FAILED_PRECONDITION; also an invalid API key). */
export class BadRequestError extends ApiError {
  override get name(): string {
    return 'BadRequestError';
  }
}

/** 401: the credentials were rejected (UNAUTHENTICATED). */
export class AuthenticationError extends ApiError {
  override get name(): string {
    return 'AuthenticationError';
  }
}

/** 403: the caller may not do this (PERMISSION_DENIED; also a missing API key). */
export class PermissionDeniedError extends ApiError {
  override get name(): string {
    return 'PermissionDeniedError';
  }
}

/** 404: the resource does not exist (NOT_FOUND), e.g. an unknown model. */
export class NotFoundError extends ApiError {
  override get name(): string {
    return 'NotFoundError';
  }
}

/** 409: the resource already exists or a concurrent change conflicted (ALREADY_EXISTS, ABORTED). */
export class ConflictError extends ApiError {
  override get name(): string {
    return 'ConflictError';
  }
}

/** 429: rate limit or quota exceeded (RESOURCE_EXHAUSTED); see `retryDelay` and the QuotaFailure detail. */
export class RateLimitError extends ApiError {
  override get name(): string {
    return 'RateLimitError';
  }
}

/** 5xx: the server failed (INTERNAL, UNAVAILABLE "model is overloaded", DEADLINE_EXCEEDED, …). */
export class ServerError extends ApiError {
  override get name(): string {
    return 'ServerError';
  }
}
