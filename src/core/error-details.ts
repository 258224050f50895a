// Decoding of google.rpc error details (the `details` array of a google.rpc.Status error body).
// See google/rpc/error_details.proto. Known types are normalised (missing lists become `[]`) and
// tagged with a short `kind`; unknown types are kept as they arrived.

import { parseDuration } from './retry.js';
import { isObject } from './json.js';

const PREFIX = 'type.googleapis.com/google.rpc.';

/** google.rpc.ErrorInfo: the machine-readable reason of an error (e.g. `API_KEY_INVALID`). */
export interface ErrorInfoDetail {
  readonly kind: 'ErrorInfo';
  readonly '@type': string;
  /** UPPER_SNAKE_CASE reason, e.g. `API_KEY_INVALID`. */
  readonly reason: string;
  /** Domain of the reason, e.g. `googleapis.com`. */
  readonly domain: string;
  /** Extra key/value context, e.g. `{ service: 'generativelanguage.googleapis.com' }`. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** google.rpc.RetryInfo: how long the server asks the client to wait before retrying. */
export interface RetryInfoDetail {
  readonly kind: 'RetryInfo';
  readonly '@type': string;
  /** The Duration string as sent, e.g. `34s` or `1.5s`. */
  readonly retryDelay: string;
  /** `retryDelay` in milliseconds, when it parses. */
  readonly retryDelayMs?: number;
}

/** One violated quota in a QuotaFailure. */
export interface QuotaViolation {
  readonly subject?: string;
  readonly description?: string;
  readonly quotaMetric?: string;
  readonly quotaId?: string;
  readonly quotaDimensions?: Readonly<Record<string, string>>;
  /** int64 on the wire, so a decimal string. */
  readonly quotaValue?: string;
  readonly futureQuotaValue?: string;
}

/** google.rpc.QuotaFailure: which quotas were exceeded. */
export interface QuotaFailureDetail {
  readonly kind: 'QuotaFailure';
  readonly '@type': string;
  readonly violations: readonly QuotaViolation[];
}

/** One invalid request field in a BadRequest. */
export interface FieldViolation {
  /** Path of the field, e.g. `contents[0].parts`. */
  readonly field: string;
  readonly description: string;
  readonly reason?: string;
}

/** google.rpc.BadRequest: which request fields were invalid. */
export interface BadRequestDetail {
  readonly kind: 'BadRequest';
  readonly '@type': string;
  readonly fieldViolations: readonly FieldViolation[];
}

/** A documentation link in a Help detail. */
export interface HelpLink {
  readonly description: string;
  readonly url: string;
}

/** google.rpc.Help: links to documentation about the error. */
export interface HelpDetail {
  readonly kind: 'Help';
  readonly '@type': string;
  readonly links: readonly HelpLink[];
}

/** google.rpc.LocalizedMessage: a user-facing message in a locale. */
export interface LocalizedMessageDetail {
  readonly kind: 'LocalizedMessage';
  readonly '@type': string;
  readonly locale: string;
  readonly message: string;
}

/** A detail of a type this SDK does not decode; its fields are kept as they arrived. */
export interface OtherDetail {
  readonly kind: 'Other';
  readonly '@type': string;
  readonly [field: string]: unknown;
}

/** A decoded google.rpc error detail; narrow on `kind`. */
export type ErrorDetail =
  | ErrorInfoDetail
  | RetryInfoDetail
  | QuotaFailureDetail
  | BadRequestDetail
  | HelpDetail
  | LocalizedMessageDetail
  | OtherDetail;

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
};

/** Decodes one google.rpc detail object; anything that is not an object yields `undefined`. */
export function decodeDetail(raw: unknown): ErrorDetail | undefined {
  if (!isObject(raw)) return undefined;
  const type = str(raw['@type']);
  const name = type.startsWith(PREFIX) ? type.slice(PREFIX.length) : '';
  const base = { '@type': type };
  switch (name) {
    case 'ErrorInfo':
      return {
        ...base,
        kind: name,
        reason: str(raw.reason),
        domain: str(raw.domain),
        metadata: strMap(raw.metadata),
      };
    case 'RetryInfo': {
      const retryDelay = str(raw.retryDelay);
      const ms = parseDuration(retryDelay);
      return ms === undefined
        ? { ...base, kind: name, retryDelay }
        : { ...base, kind: name, retryDelay, retryDelayMs: ms };
    }
    case 'QuotaFailure':
      return { ...base, kind: name, violations: list(raw.violations) as QuotaViolation[] };
    case 'BadRequest':
      return {
        ...base,
        kind: name,
        fieldViolations: list(raw.fieldViolations).map((f) => ({
          ...f,
          field: str(f.field),
          description: str(f.description),
        })),
      };
    case 'Help':
      return {
        ...base,
        kind: name,
        links: list(raw.links).map((l) => ({ description: str(l.description), url: str(l.url) })),
      };
    case 'LocalizedMessage':
      return { ...base, kind: name, locale: str(raw.locale), message: str(raw.message) };
    default:
      return { ...raw, ...base, kind: 'Other' };
  }
}

/** Decodes a google.rpc `details` array, dropping entries that are not objects. */
export function decodeDetails(raw: unknown): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (Array.isArray(raw))
    for (const d of raw) {
      const x = decodeDetail(d);
      if (x) out.push(x);
    }
  return out;
}
