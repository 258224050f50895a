/**
 * Which `Host` names the emulator answers (DNS-rebinding defence). A page on `attacker.example` whose
 * DNS record is switched to 127.0.0.1 becomes same-origin with the emulator; its requests still say
 * `Host: attacker.example`, so they are refused. Served: `localhost`, IP literals (no DNS involved, so
 * nothing to rebind), the name the emulator was bound to, and names listed in `allowedHosts`
 * (`.example.test` also allows its subdomains; `'all'` turns the check off, e.g. behind a proxy).
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The `allowedHosts` option of `startEmulator`. */
export type AllowedHosts = readonly string[] | 'all';

/** A `Host` value split into a lower-case name (IPv6 without brackets) and a port. */
export function parseHost(
  value: string,
): { readonly name: string; readonly port: number | undefined } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s/@]+))(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return undefined;
  const name = (m[1] ?? m[2] ?? '').toLowerCase().replace(/\.$/, '');
  if (m[1] !== undefined && isIP(name) !== 6) return undefined;
  return { name, port: m[3] === undefined ? undefined : Number(m[3]) };
}

/** The Host policy of one emulator instance (bound once it listens). */
export class HostCheck {
  private boundName = '127.0.0.1';
  private boundPort = 0;
  private readonly extra: AllowedHosts;

  constructor(allowedHosts: AllowedHosts = []) {
    this.extra = allowedHosts === 'all' ? 'all' : allowedHosts.map((h) => h.toLowerCase());
  }

  /** Records the address the server listens on. */
  bind(host: string, port: number): void {
    this.boundName = host.toLowerCase();
    this.boundPort = port;
  }

  /** The port the server listens on. */
  get port(): number {
    return this.boundPort;
  }

  /** Whether a host name (no port) is one the emulator answers to. */
  allowsName(name: string): boolean {
    if (this.extra === 'all') return true;
    if (name === 'localhost' || isIP(name) !== 0 || name === this.boundName) return true;
    return this.extra.some((h) => (h.startsWith('.') ? name === h.slice(1) || name.endsWith(h) : name === h));
  }

  /** Whether `host:port` names this server: an allowed name and (when `withPort`) the bound port. */
  allows(value: string, withPort: boolean): boolean {
    const parsed = parseHost(value);
    if (!parsed || !this.allowsName(parsed.name)) return false;
    return !withPort || this.extra === 'all' || (parsed.port ?? 80) === this.boundPort;
  }

  /**
   * The refused Host of a request, or `undefined` when it may be served. `authority` is the host of an
   * absolute-form target, which replaces the Host header (RFC 9112 §3.2.2). A request without any Host
   * (HTTP/1.0) is served unless `required`.
   */
  refused(
    req: IncomingMessage,
    authority: string | undefined,
    opts: { withPort: boolean; required: boolean },
  ): string | undefined {
    const host = authority ?? req.headers.host;
    if (host === undefined) return opts.required ? '(none)' : undefined;
    return this.allows(host, opts.withPort) ? undefined : host;
  }
}
