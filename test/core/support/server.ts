// A scriptable node:http fixture server on 127.0.0.1:0. Each request is answered by the next handler in
// the script (the last one repeats). Requests are recorded with their fully read bodies.

import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it. */
export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Resolves when the client side of the connection closes or the response finishes. */
  closed: Promise<void>;
}

/** Answers one request. */
export type Handler = (req: Recorded, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received so far. */
  requests: Recorded[];
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

/** Starts a server that answers the n-th request with `handlers[min(n, last)]`. */
export async function startServer(...handlers: Handler[]): Promise<FixtureServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const closed = new Promise<void>((resolve) => {
        res.on('close', () => resolve());
      });
      const rec: Recorded = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        closed,
      };
      const handler = handlers[Math.min(requests.length, handlers.length - 1)];
      requests.push(rec);
      void Promise.resolve(handler?.(rec, res, raw)).catch((e: unknown) => {
        res.destroy(e instanceof Error ? e : undefined);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON answer. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(text);
}

/** Starts an SSE answer (200, text/event-stream) and returns a writer for raw text. */
export function sseStart(res: ServerResponse, status = 200): (text: string) => void {
  res.writeHead(status, { 'content-type': 'text/event-stream' });
  res.flushHeaders();
  return (text) => void res.write(text);
}

/** A google.rpc.Status error body. */
export function rpcError(code: number, status: string, message: string, details?: unknown[]): unknown {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

/** Resolves after `ms`. */
export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A handler that never answers (the client must time out or abort). */
export const hang: Handler = () => {};

/** A handler that destroys the socket without answering (a network cut). */
export const cut: Handler = (_req, res) => {
  res.socket?.destroy();
};

/** Polls `cond` every 5 ms until it holds (throws after `timeout` ms). */
export async function until(cond: () => boolean, timeout = 2000): Promise<void> {
  const end = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await delay(5);
  }
}
