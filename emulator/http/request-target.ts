/**
 * Parsing the request target of an HTTP request without ever throwing: origin-form (`/v1beta/…`) and
 * absolute-form (`http://host/v1beta/…`, as proxies send) are served; `*` (asterisk-form, legal for
 * `OPTIONS * HTTP/1.1`), authority-form and anything unparsable (`http://[::1/ws`) are not.
 */

/** A parsed target: the URL (path and query) and, for absolute-form, the authority that replaces Host. */
export interface RequestTarget {
  readonly url: URL;
  /** `host[:port]` of an absolute-form target. */
  readonly authority?: string;
}

/** The parsed target, or `undefined` when it names no resource the emulator can serve. */
export function parseTarget(target: string | undefined): RequestTarget | undefined {
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
