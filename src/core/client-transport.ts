// What hand-written areas need from the transport (an interface, so areas do not depend on `HttpTransport`),
// and `respond`, which lets a many-step area method give the HTTP response of its last call.

import type { MethodCall, Transport } from '../../generated/transport.js';
import { ApiPromise } from './api-promise.js';
import type { Logger } from './log.js';
import type { CallOptions, TransportRequest } from './transport.js';

/** The transport areas work with: the stubs' `Transport` plus hand-built requests and WebSocket credentials. */
export interface ClientTransport extends Transport {
  /** Service root the requests go to. */
  readonly baseUrl: string;
  /** Default API version prefix. */
  readonly apiVersion: string;
  /** Performs a unary method call (`.withResponse()` adds the `Response`). */
  call<T>(call: MethodCall, options?: CallOptions): ApiPromise<T>;
  /** Sends a hand-built request and resolves with the `Response` (status checked, body unread). */
  request(req: TransportRequest & { raw: true }): ApiPromise<Response>;
  /** Sends a hand-built request and resolves with the parsed JSON body (`undefined` when empty). */
  request<T = unknown>(req: TransportRequest): ApiPromise<T>;
  /** The API key (or `''`), a redactor and the headers a WebSocket handshake needs. */
  socketAuth(needKey?: boolean): {
    apiKey: string;
    redact: (text: string) => string;
    logger: Logger | undefined;
    headers: Record<string, string>;
  };
}

/**
 * Runs an area method whose result is built from one or more HTTP calls: `run` gets a view of `t` that
 * notes the response of each call it makes (`track` notes an `ApiPromise` made another way), and
 * `.withResponse()` gives `run`'s result with the last response.
 */
export function respond<Tr extends Transport, R>(
  t: Tr,
  run: (t: Tr, track: <P>(p: P) => P) => PromiseLike<R>,
): ApiPromise<R> {
  let last: Response | undefined;
  // Notes the response of an `ApiPromise` made elsewhere (another area method, a handle's `wait()`).
  const note = <P>(p: P): P => {
    (p as Partial<ApiPromise<unknown>>).withResponse?.().then(
      (r) => void (last = r.response),
      () => undefined,
    );
    return p;
  };
  const view = new Proxy(t, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key);
      if (typeof v !== 'function') return v;
      const f = v as (...a: unknown[]) => unknown;
      return key === 'call' || key === 'request'
        ? (...a: unknown[]) => note(f.apply(target, a) as unknown)
        : (...a: unknown[]) => f.apply(target, a);
    },
  });
  return new ApiPromise<R>(
    (async () => {
      const out: PromiseLike<R> & Partial<Pick<ApiPromise<R>, 'withResponse'>> = run(view, note);
      // A call returned as is (not through the view) still gives its own response.
      if (out.withResponse)
        return out.withResponse().catch(async () => ({ data: await out, response: last }));
      const data = await out;
      return { data, response: last };
    })(),
  );
}
