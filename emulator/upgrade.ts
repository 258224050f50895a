/**
 * WebSocket endpoints of the emulator (Live `BidiGenerateContent…`, Music `BidiGenerateMusic`): the HTTP
 * server hands every `upgrade` request here; a feature area serves the paths it registered with
 * `core.upgrades.add(match, handler)` (typically through a `ws` WebSocketServer in `noServer` mode).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { RpcError } from './errors.js';
import { endSocketWithError } from './http/client-error.js';
import type { HostCheck } from './http/host-check.js';
import { framingError, parseTarget } from './http/request-target.js';

/** Serves one upgrade request; `url` is parsed (path and query). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => void;

/**
 * Upgrade routes by URL path. Upgrades pass the Host check (DNS rebinding) but not an Origin check:
 * the service accepts WebSockets from pages on any origin (the key or token in the URL is the
 * credential), and so does the emulator. There is no control WebSocket; one would use http/local-only.ts.
 */
export class UpgradeRoutes {
  private readonly routes: { readonly match: string | RegExp; readonly handler: UpgradeHandler }[] = [];

  constructor(private readonly hosts: HostCheck) {}

  /** Serves upgrades whose path equals `match` (string) or matches it (RegExp). */
  add(match: string | RegExp, handler: UpgradeHandler): void {
    this.routes.push({ match, handler });
  }

  /** Dispatches an upgrade; a bad target or Host, or an unknown path, gets an HTTP error; never throws. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy()); // a reset during the handshake must not crash the server
    try {
      const framing = framingError(req);
      if (framing !== undefined) return endSocketWithError(socket, new RpcError(400, framing));
      const target = parseTarget(req);
      if (!target) return endSocketWithError(socket, new RpcError(400, 'Invalid request target.'));
      const host = this.hosts.refused(req, target.authority, { withPort: false, required: false });
      if (host !== undefined)
        return endSocketWithError(
          socket,
          new RpcError(403, `Host ${JSON.stringify(host)} is not served by this emulator.`),
        );
      // The official client joins its base URL and `/ws/…` with an extra slash (`//ws/…`); the
      // service serves that path, so leading slashes collapse before routes are matched.
      const url = target.url;
      url.pathname = url.pathname.replace(/^\/{2,}/, '/');
      const route = this.routes.find((r) =>
        typeof r.match === 'string' ? r.match === url.pathname : r.match.test(url.pathname),
      );
      if (!route) return endSocketWithError(socket, new RpcError(404, 'Not Found'));
      route.handler(req, socket, head, url);
    } catch {
      endSocketWithError(socket, new RpcError(500, 'Internal error encountered.'));
    }
  }
}
