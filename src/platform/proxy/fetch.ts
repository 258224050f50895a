// A WHATWG fetch over node:http(s) that goes through a proxy: absolute-form requests to the proxy for
// http: targets, a CONNECT tunnel for https: ones. Node's own fetch cannot take a proxy without undici,
// so this is what `proxy` / HTTPS_PROXY use. Bodies stream both ways; redirects follow fetch's rules.
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { ProxyServer } from './config.js';
import { HttpsTunnelAgent } from './tunnel.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NO_BODY = new Set([101, 204, 205, 304]);

/** Sends requests through proxies; keeps one keep-alive agent per proxy. */
export class ProxyFetcher {
  readonly #tunnels = new Map<string, HttpsTunnelAgent>();
  readonly #forward = new http.Agent({ keepAlive: true });
  readonly #forwardTls = new https.Agent({ keepAlive: true });

  /**
   * Performs `request`, each hop through the proxy `route` picks (or directly with the global fetch when
   * it picks none). `streamed`: the body is a stream (sent chunked, never replayed on a redirect).
   */
  async fetch(
    request: Request,
    streamed: boolean,
    route: (url: URL) => ProxyServer | undefined,
  ): Promise<Response> {
    let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
    if (request.body) body = streamed ? request.body : new Uint8Array(await request.arrayBuffer());
    let url = new URL(request.url);
    let method = request.method;
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    for (let hop = 0; ; hop++) {
      const proxy = route(url);
      if (!proxy) {
        const init: RequestInit & { duplex?: 'half' } = { method, headers, redirect: request.redirect };
        init.signal = request.signal;
        if (body) Object.assign(init, { body, duplex: 'half' });
        return globalThis.fetch(url, init);
      }
      const res = await this.#send(url, method, headers, body, proxy, request.signal);
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || location === null || request.redirect === 'manual') return res;
      await res.body?.cancel();
      if (request.redirect === 'error') throw new TypeError('fetch failed', { cause: new Error('redirect') });
      if (hop === 20) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
      const next = new URL(location, url);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        for (const h of ['content-type', 'content-length', 'content-encoding', 'content-language'])
          delete headers[h];
      } else if (body instanceof ReadableStream) {
        throw new TypeError('fetch failed', { cause: new Error('cannot replay a stream body on redirect') });
      }
      if (next.origin !== url.origin) for (const h of ['authorization', 'cookie']) delete headers[h];
      url = next;
    }
  }

  #send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Uint8Array | ReadableStream<Uint8Array> | undefined,
    proxy: ProxyServer,
    signal: AbortSignal,
  ): Promise<Response> {
    signal.throwIfAborted();
    const outHeaders: Record<string, string> = { ...headers, host: url.host };
    if (body instanceof Uint8Array) outHeaders['content-length'] = String(body.byteLength);
    else if (body === undefined && /^(POST|PUT|PATCH)$/.test(method)) outHeaders['content-length'] = '0';
    let req: http.ClientRequest;
    if (url.protocol === 'https:') {
      req = https.request(url, { method, headers: outHeaders, agent: this.#tunnel(proxy) });
    } else {
      // A plain-HTTP target: the proxy gets the absolute URL (RFC 9112 absolute-form).
      if (proxy.authorization) outHeaders['proxy-authorization'] = proxy.authorization;
      const options = { host: proxy.hostname, port: proxy.port, method, path: url.href, headers: outHeaders };
      req =
        proxy.protocol === 'https:'
          ? https.request({ ...options, agent: this.#forwardTls, servername: proxy.hostname })
          : http.request({ ...options, agent: this.#forward });
    }
    return new Promise<Response>((resolve, reject) => {
      const onAbort = (): void => void req.destroy(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      req.once('error', (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: err }));
      });
      req.once('response', (res) => {
        res.once('end', () => signal.removeEventListener('abort', onAbort));
        res.once('close', () => signal.removeEventListener('abort', onAbort));
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
          responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 502;
        if (method === 'HEAD' || NO_BODY.has(status)) {
          res.resume();
          resolve(
            new Response(null, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }),
          );
          return;
        }
        const encoding = (res.headers['content-encoding'] ?? '').toLowerCase();
        const decoded: Readable =
          encoding === 'gzip' || encoding === 'x-gzip'
            ? res.pipe(zlib.createGunzip())
            : encoding === 'deflate'
              ? res.pipe(zlib.createInflate())
              : encoding === 'br'
                ? res.pipe(zlib.createBrotliDecompress())
                : res;
        if (decoded !== res) res.once('error', (e) => decoded.destroy(e));
        const stream = Readable.toWeb(decoded) as unknown as ReadableStream<Uint8Array>;
        resolve(
          new Response(stream, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }),
        );
      });
      if (body instanceof ReadableStream) {
        Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>)
          .once('error', (e) => req.destroy(e))
          .pipe(req);
      } else req.end(body);
    });
  }

  #tunnel(proxy: ProxyServer): HttpsTunnelAgent {
    const key = `${proxy.protocol}//${proxy.hostname}:${proxy.port}|${proxy.authorization ?? ''}`;
    let agent = this.#tunnels.get(key);
    if (!agent) this.#tunnels.set(key, (agent = new HttpsTunnelAgent(proxy)));
    return agent;
  }
}
