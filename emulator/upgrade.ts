/**
 * WebSocket endpoints of the emulator (Live `BidiGenerateContent…`, Music `BidiGenerateMusic`): the HTTP
 * server hands every `upgrade` request here; a feature area serves the paths it registered with
 * `core.upgrades.add(match, handler)` (typically through a `ws` WebSocketServer in `noServer` mode).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Serves one upgrade request; `url` is parsed (path and query). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => void;

/** Upgrade routes by URL path. */
export class UpgradeRoutes {
  private readonly routes: { readonly match: string | RegExp; readonly handler: UpgradeHandler }[] = [];

  /** Serves upgrades whose path equals `match` (string) or matches it (RegExp). */
  add(match: string | RegExp, handler: UpgradeHandler): void {
    this.routes.push({ match, handler });
  }

  /** Dispatches an upgrade; an unknown path gets an HTTP 404 and the socket is closed. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy()); // a reset during the handshake must not crash the server
    // The official client joins its base URL and `/ws/…` with an extra slash (`//ws/…`); the service
    // serves that path, and a URL parser would read `//ws` as a host, so leading slashes collapse first.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://emulator.invalid');
    const route = this.routes.find((r) =>
      typeof r.match === 'string' ? r.match === url.pathname : r.match.test(url.pathname),
    );
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nNot Found');
      return;
    }
    route.handler(req, socket, head, url);
  }
}
