/**
 * CORS on the API routes, as the service answers browsers: any origin may call (the key authorises,
 * not the origin), a preflight is granted only when every requested header is one the service allows
 * (else 403 without CORS headers, so the browser blocks the call, as with `api-revision` today), and the
 * resumable-upload headers are exposed so a page can run an upload. Control routes never come here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request headers the service lets pages send (lower case), besides the CORS-safelisted ones. */
export const ALLOWED_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-language',
  'authorization',
  'cache-control',
  'content-language',
  'content-type',
  'range',
  'x-goog-api-client',
  'x-goog-api-key',
  'x-goog-request-params',
  'x-goog-user-project',
  'x-http-method-override',
  'x-server-timeout',
  'x-goog-upload-command',
  'x-goog-upload-file-name',
  'x-goog-upload-header-content-length',
  'x-goog-upload-header-content-type',
  'x-goog-upload-offset',
  'x-goog-upload-protocol',
]);

/** Methods granted to a preflight. */
const ALLOWED_METHODS = 'DELETE,GET,HEAD,PATCH,POST,PUT';

/** Response headers a page may read: the resumable upload's state lives in them. */
export const EXPOSED_RESPONSE_HEADERS = [
  'x-goog-upload-url',
  'x-goog-upload-status',
  'x-goog-upload-size-received',
  'x-goog-upload-chunk-granularity',
  'x-goog-upload-control-url',
  'retry-after',
  'content-range',
].join(', ');

const VARY = 'Origin, X-Origin, Referer';

const origin = (req: IncomingMessage): string | undefined => {
  const o = req.headers.origin;
  return typeof o === 'string' && o !== '' ? o : undefined;
};

/**
 * Answers a CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) and returns
 * true; returns false for any other request (then `applyCors` adds the headers to the real answer).
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  const from = origin(req);
  const method = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || from === undefined || typeof method !== 'string') return false;
  const asked = (req.headers['access-control-request-headers'] ?? '')
    .toString()
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const granted = ALLOWED_METHODS.split(',').includes(method.toUpperCase());
  if (!granted || asked.some((h) => !ALLOWED_REQUEST_HEADERS.has(h))) {
    res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', 'content-length': '0', vary: VARY });
    res.end();
    return true;
  }
  res.writeHead(200, {
    'access-control-allow-origin': from,
    'access-control-allow-methods': ALLOWED_METHODS,
    ...(asked.length > 0 ? { 'access-control-allow-headers': asked.join(',') } : {}),
    'access-control-max-age': '3600',
    vary: VARY,
    'content-type': 'text/html; charset=UTF-8',
    'content-length': '0',
  });
  res.end();
  return true;
}

/** Adds the CORS headers of an actual (non-preflight) answer to a request that carries an `Origin`. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const from = origin(req);
  if (from === undefined) return;
  res.setHeader('access-control-allow-origin', from);
  res.setHeader('access-control-expose-headers', EXPOSED_RESPONSE_HEADERS);
  res.setHeader('vary', VARY);
}
