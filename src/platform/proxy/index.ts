// Proxy support for Node (loaded on the first request of a client that has a proxy): a fetch and a
// WebSocket constructor that send each URL through the proxy its configuration picks, or directly.
import type { WebSocketConstructor } from '../../realtime/socket.js';
import { ProxySelector, type ProxyConfig } from './config.js';
import { ProxyFetcher } from './fetch.js';
import { HttpsTunnelAgent, HttpTunnelAgent } from './tunnel.js';

/** What a proxied client uses instead of the global fetch and WebSocket. */
export interface ProxyAgents {
  /** A WHATWG fetch that goes through the proxy. */
  fetch: typeof fetch;
  /** A `ws` constructor whose handshake goes through the proxy (CONNECT). */
  WebSocket: WebSocketConstructor;
}

/** Builds the proxied fetch and WebSocket for a configuration (throws for a malformed proxy URL). */
export async function createProxyAgents(config: ProxyConfig): Promise<ProxyAgents> {
  const selector = new ProxySelector(config);
  const fetcher = new ProxyFetcher();
  const route = (url: URL) => selector.select(url);
  const mod = (await import('ws')) as unknown as { WebSocket?: unknown; default?: unknown };
  const WS = (mod.WebSocket ?? mod.default) as new (url: string, options?: object) => object;
  const proxiedFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const streamed = typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream;
    return fetcher.fetch(request, streamed, route);
  };
  const ProxiedWebSocket = function (url: string, init?: { headers: Record<string, string> }): object {
    const target = new URL(url);
    const proxy = selector.select(target);
    if (!proxy) return new WS(url, init);
    const agent = target.protocol === 'wss:' ? new HttpsTunnelAgent(proxy) : new HttpTunnelAgent(proxy);
    return new WS(url, { ...init, agent });
  } as unknown as WebSocketConstructor;
  return { fetch: proxiedFetch as typeof fetch, WebSocket: ProxiedWebSocket };
}
