// A loopback forward/CONNECT proxy for tests: forwards absolute-form HTTP requests and opens CONNECT
// tunnels, only to loopback targets, and records everything it carried.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One request or tunnel the proxy carried. */
export interface Carried {
  /** `GET http://127.0.0.1:1234/v1beta/models` for a forwarded request, `CONNECT 127.0.0.1:1234` for a tunnel. */
  line: string;
  /** The Proxy-Authorization header it came with. */
  auth: string | undefined;
}

/** A running test proxy. */
export interface TestProxy {
  /** `http://127.0.0.1:port`. */
  url: string;
  /** What it carried, oldest first. */
  carried: Carried[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** Starts a proxy on 127.0.0.1. */
export async function startProxy(): Promise<TestProxy> {
  const carried: Carried[] = [];
  const sockets = new Set<Socket>();
  const auth = (h: IncomingHttpHeaders): string | undefined => h['proxy-authorization'];
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    carried.push({ line: `${req.method} ${req.url}`, auth: auth(req.headers) });
    if (!LOOPBACK.has(target.hostname)) return void res.writeHead(403).end();
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: target.pathname + target.search,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    carried.push({ line: `CONNECT ${req.url}`, auth: auth(req.headers) });
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    if (!m || !LOOPBACK.has(m[1]!)) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = connect(Number(m[2]), m[1]!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.once('error', () => client.destroy());
    client.once('error', () => upstream.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    carried,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
