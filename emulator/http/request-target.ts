/**
 * Parsing the request target of an HTTP request without ever throwing: origin-form (`/v1beta/…`) and
 * absolute-form (`http://host/v1beta/…`, as proxies send) are served; `*` (asterisk-form, legal for
 * `OPTIONS * HTTP/1.1`), authority-form and anything unparsable (`http://[::1/ws`) are not.
 */

import type { IncomingMessage } from 'node:http';

/** A parsed target: the URL (path and query) and, for absolute-form, the authority that replaces Host. */
export interface RequestTarget {
  readonly url: URL;
  /** `host[:port]` of an absolute-form target. */
  readonly authority?: string;
}

/**
 * What makes a request unservable before its target is even read: a version other than HTTP/1.x
 * (Node's parser lets `HTTP/2.0` through) or more than one Host header (RFC 9112 §3.2: answer 400).
 */
export function framingError(req: IncomingMessage): string | undefined {
  if (req.httpVersionMajor !== 1) return `Unsupported HTTP version ${req.httpVersion}.`;
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'host') hosts++;
  if (hosts > 1) return 'A request may carry only one Host header.';
  return undefined;
}

/** The parsed target of a request, or `undefined` when it names no resource the emulator can serve. */
export function parseTarget(req: IncomingMessage): RequestTarget | undefined {
  const target = req.url;
  if (target === undefined || target === '') return undefined;
  try {
    // Origin-form is resolved against a dummy origin; "//x" must stay a path, not become a host.
    if (target.startsWith('/')) return { url: new URL(`http://emulator.local${target}`) };
    if (!/^https?:\/\//i.test(target)) return undefined;
    const url = new URL(target);
    return { url, authority: url.host };
  } catch {
    return undefined;
  }
}
