/**
 * WebSocket endpoints of the emulator (Live `BidiGenerateContent…`, Music `BidiGenerateMusic`): the HTTP
 * server hands every `upgrade` request here; a feature area serves the paths it registered with
 * `core.upgrades.add(match, handler)` (typically through a `ws` WebSocketServer in `noServer` mode).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { RpcError } from './errors.js';
import type { HostCheck } from './http/host-check.js';
import { framingError, parseTarget } from './http/request-target.js';
import { JSON_TYPE } from './http/write.js';

/** Serves one upgrade request; `url` is parsed (path and query). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => void;

/** Answers a refused handshake with a plain HTTP error in the google.rpc shape and closes the socket. */
function refuse(socket: Duplex, error: RpcError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(error.toBody());
  const reason = error.code === 404 ? 'Not Found' : error.code === 403 ? 'Forbidden' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${error.code} ${reason}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

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
      if (framing !== undefined) return refuse(socket, new RpcError(400, framing));
      const target = parseTarget(req);
      if (!target) return refuse(socket, new RpcError(400, 'Invalid request target.'));
      const host = this.hosts.refused(req, target.authority, { withPort: false, required: false });
      if (host !== undefined)
        return refuse(
          socket,
          new RpcError(403, `Host ${JSON.stringify(host)} is not served by this emulator.`),
        );
      const { url } = target;
      const route = this.routes.find((r) =>
        typeof r.match === 'string' ? r.match === url.pathname : r.match.test(url.pathname),
      );
      if (!route) return refuse(socket, new RpcError(404, 'Not Found'));
      route.handler(req, socket, head, url);
    } catch {
      refuse(socket, new RpcError(500, 'Internal error encountered.'));
    }
  }
}
