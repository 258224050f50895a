// Which proxy, if any, a URL goes through: the proxy URLs and NO_PROXY rules (curl's syntax). Pure logic.

/** A parsed proxy configuration. */
export interface ProxyConfig {
  /** The proxy for `https:`/`wss:` URLs (and for `http:`/`ws:` unless `http` is given). */
  url: string;
  /** The proxy for `http:`/`ws:` URLs (default: `url`); `false`: none. */
  http?: string | false | undefined;
  /** `NO_PROXY` list: hosts, `.domain` / `*.domain` suffixes, `host:port`, IPs, or `*` for all. */
  noProxy?: string | undefined;
}

/** One proxy server. */
export interface ProxyServer {
  /** `http:` or `https:` (TLS to the proxy itself). */
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** `Basic …` from credentials in the proxy URL. */
  authorization: string | undefined;
}

function parseProxy(text: string): ProxyServer {
  const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`unsupported proxy protocol ${u.protocol} (http: and https: proxies are supported)`);
  }
  const user = decodeURIComponent(u.username);
  const auth = user || u.password ? `${user}:${decodeURIComponent(u.password)}` : undefined;
  return {
    protocol: u.protocol,
    hostname: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80,
    authorization: auth === undefined ? undefined : `Basic ${btoa(auth)}`,
  };
}

const defaultPort = (protocol: string): number => (protocol === 'https:' || protocol === 'wss:' ? 443 : 80);

/** Whether `target` is excluded by a `NO_PROXY` list. */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(target.port) || defaultPort(target.protocol);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let rule = raw.trim().toLowerCase();
    if (!rule) continue;
    if (rule === '*') return true;
    let rulePort: number | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(rule);
    if (m) {
      rule = m[1]!;
      rulePort = Number(m[2]);
    }
    rule = rule.replace(/^\[|\]$/g, '').replace(/^\*?\./, '.');
    if (rulePort !== undefined && rulePort !== port) continue;
    if (rule.startsWith('.') ? host.endsWith(rule) || host === rule.slice(1) : host === rule) return true;
  }
  return false;
}

/** Picks proxies for URLs per a configuration. */
export class ProxySelector {
  readonly #secure: ProxyServer;
  readonly #plain: ProxyServer | undefined;
  readonly #noProxy: string | undefined;

  /** Parses the proxy URLs now, so a malformed one fails the first request clearly. */
  constructor(config: ProxyConfig) {
    this.#secure = parseProxy(config.url);
    this.#plain = config.http === false ? undefined : config.http ? parseProxy(config.http) : this.#secure;
    this.#noProxy = config.noProxy;
  }

  /** The proxy for `target`, or `undefined` to connect directly. */
  select(target: URL): ProxyServer | undefined {
    if (bypassesProxy(target, this.#noProxy)) return undefined;
    return target.protocol === 'https:' || target.protocol === 'wss:' ? this.#secure : this.#plain;
  }
}
