/**
 * API key checks, as the service's front end does them: the key comes from the `x-goog-api-key`
 * header or the `key` query parameter; none at all is 403 PERMISSION_DENIED, a rejected one is
 * 400 INVALID_ARGUMENT with ErrorInfo reason API_KEY_INVALID.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { apiKeyInvalid, unregisteredCaller, type RpcError } from './errors.js';

/** The API key a request carries, if any (header first, then query). */
export function apiKeyOf(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const header = headers['x-goog-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value ?? query.get('key') ?? undefined;
}

/**
 * Checks a request's key: missing → 403; empty, blank, an ephemeral token or outside `allowed` (when
 * given) → 400.
 * Returns `undefined` when the key is accepted.
 */
export function checkApiKey(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  allowed: ReadonlySet<string> | undefined,
): RpcError | undefined {
  const key = apiKeyOf(headers, query);
  if (key === undefined) return unregisteredCaller();
  // An ephemeral token (auth_tokens/…) is not an API key: it opens Live sessions only, never REST.
  if (key.trim() === '' || /\s/.test(key) || key.startsWith('auth_tokens/')) return apiKeyInvalid();
  if (allowed !== undefined && !allowed.has(key)) return apiKeyInvalid();
  return undefined;
}
