// A transport wired to a fixture server with ms-scale backoff.

import { HttpTransport, type HttpTransportOptions } from '../../../src/core/index.js';
import type { FixtureServer } from './server.js';

/** An `HttpTransport` for `server` (key `test-key`, 1–5 ms backoff, 2 s timeout) with overrides. */
export function transportFor(
  server: FixtureServer,
  options: Partial<HttpTransportOptions> = {},
): HttpTransport {
  return new HttpTransport({
    apiKey: 'test-key',
    baseUrl: server.url,
    apiVersion: 'v1beta',
    timeout: 2000,
    backoff: { baseDelay: 1, maxDelay: 5 },
    ...options,
  });
}
