/** google.rpc error envelopes, in the shapes the real service answers with. */

/** A google.rpc detail object (`@type` plus payload). */
export type RpcDetail = { readonly '@type': string } & Readonly<Record<string, unknown>>;

/** The JSON body of every error response: `{ error: { code, message, status, details? } }`. */
export interface RpcErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly status: string;
    readonly details?: readonly RpcDetail[];
  };
}

/** Standard HTTP status → google.rpc.Code name mapping. */
const STATUS_BY_HTTP: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The google.rpc status name conventionally paired with an HTTP status. */
export function statusNameFor(code: number): string {
  return STATUS_BY_HTTP[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

/** An error a handler throws; the server turns it into the envelope (and optional headers). */
export class RpcError extends Error {
  /** HTTP status code (also `error.code`). */
  readonly code: number;
  /** google.rpc status name (`error.status`). */
  readonly status: string;
  /** google.rpc details, omitted from the body when empty. */
  readonly details: readonly RpcDetail[];
  /** Extra response headers, e.g. `retry-after`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: number,
    message: string,
    opts: { status?: string; details?: readonly RpcDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.status = opts.status ?? statusNameFor(code);
    this.details = opts.details ?? [];
    this.headers = opts.headers ?? {};
  }

  /** The JSON envelope for this error. */
  toBody(): RpcErrorBody {
    const error = { code: this.code, message: this.message, status: this.status };
    return { error: this.details.length > 0 ? { ...error, details: this.details } : error };
  }
}

const RPC = 'type.googleapis.com/google.rpc.';

/** 403 for a request without any API key (recorded wording). */
export function unregisteredCaller(): RpcError {
  return new RpcError(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** 400 for a key that is not accepted (recorded wording and details). */
export function apiKeyInvalid(): RpcError {
  const message = 'API key not valid. Please pass a valid API key.';
  return new RpcError(400, message, {
    details: [
      {
        '@type': `${RPC}ErrorInfo`,
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
      { '@type': `${RPC}LocalizedMessage`, locale: 'en-US', message },
    ],
  });
}

/**
 * 404 for an unknown model or one that does not support the method. The newest recorded wording
 * says `ModelService.ListModels` (older recordings say `ListModels`).
 */
export function modelNotFound(model: string, version: string, method: string): RpcError {
  return new RpcError(
    404,
    `${model} is not found for API version ${version}, or is not supported for ${method}. Call ModelService.ListModels to see the list of available models and their supported methods.`,
  );
}

/** JSON 404 for a path under a known collection that names no method (standard ESF wording). */
export function methodNotFound(): RpcError {
  return new RpcError(404, 'Method not found.');
}

/** 501 for a routed method whose feature area is not emulated yet. */
export function unimplemented(methodId: string): RpcError {
  return new RpcError(
    501,
    `Method generativelanguage.${methodId} is not implemented by the Gemini emulator.`,
  );
}

/** A 400 INVALID_ARGUMENT with a google.rpc.BadRequest detail listing each violation. */
export function badRequest(violations: readonly { field?: string; description: string }[]): RpcError {
  return new RpcError(400, violations.map((v) => v.description).join('\n'), {
    details: [
      {
        '@type': `${RPC}BadRequest`,
        fieldViolations: violations.map((v) =>
          v.field === undefined
            ? { description: v.description }
            : { field: v.field, description: v.description },
        ),
      },
    ],
  });
}

/** A 400 INVALID_ARGUMENT with a plain message and no details. */
export function invalidArgument(message: string): RpcError {
  return new RpcError(400, message);
}

/** A google.rpc.RetryInfo detail; `delay` in seconds or a Duration string like `"1.5s"`. */
export function retryInfo(delay: number | string): RpcDetail {
  return { '@type': `${RPC}RetryInfo`, retryDelay: typeof delay === 'number' ? `${delay}s` : delay };
}
