// Connections through an HTTP proxy: a CONNECT tunnel (for https:/wss: targets and ws: upgrades) and
// agents that hand out tunnelled sockets, so Node's http/https (and `ws`) run unchanged on top.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { ProxyServer } from './config.js';

/** A socket to the proxy itself (TLS when the proxy URL is `https:`). */
export function connectToProxy(proxy: ProxyServer): net.Socket {
  return proxy.protocol === 'https:'
    ? tls.connect({ host: proxy.hostname, port: proxy.port, servername: proxy.hostname })
    : net.connect({ host: proxy.hostname, port: proxy.port });
}

/** Opens `CONNECT host:port` through `proxy`; resolves with the raw tunnel once the proxy answers 2xx. */
export function openTunnel(proxy: ProxyServer, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectToProxy(proxy);
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    let head = '';
    const fail = (err: Error): void => {
      socket.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail(new Error('proxy CONNECT answer too long'));
        return;
      }
      socket.off('data', onData);
      socket.off('error', fail);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      if (!status || !status.startsWith('2')) {
        return fail(new Error(`proxy refused CONNECT ${authority}: ${head.slice(0, head.indexOf('\r\n'))}`));
      }
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
    socket.once('error', fail);
    const auth = proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '';
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
  });
}

type Created = (err: Error | null, socket?: Duplex) => void;

/** Keep-alive agent whose sockets are CONNECT tunnels, TLS on top (https:/wss: targets). */
export class HttpsTunnelAgent extends https.Agent {
  constructor(readonly proxy: ProxyServer) {
    super({ keepAlive: true });
  }
  override createConnection(options: tls.ConnectionOptions, created: Created): undefined {
    const host = options.host ?? 'localhost';
    openTunnel(this.proxy, host, Number(options.port) || 443).then(
      (socket) => created(null, tls.connect({ ...options, socket, servername: options.servername || host })),
      (err: Error) => created(err),
    );
    return undefined;
  }
}

/** Agent whose sockets are plain CONNECT tunnels (ws: upgrades through a proxy). */
export class HttpTunnelAgent extends http.Agent {
  constructor(readonly proxy: ProxyServer) {
    super({ keepAlive: false });
  }
  override createConnection(options: net.NetConnectOpts, created: Created): undefined {
    const o = options as net.TcpNetConnectOpts;
    openTunnel(this.proxy, o.host ?? 'localhost', Number(o.port) || 80).then(
      (socket) => created(null, socket),
      (err: Error) => created(err),
    );
    return undefined;
  }
}
