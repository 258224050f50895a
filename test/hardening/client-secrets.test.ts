// Issue 14 items 7 and 8: redirects are followed by the client so credentials never reach another
// origin, and secrets are redacted by their exact value wherever an error or a log line can show them,
// without mangling short words and without changing retry decisions. Small loopback servers stand in
// for a hostile redirect target and for a server that echoes the credentials it received.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ConnectionError, GeminiError, HttpTransport } from '../../src/core/index.js';
import { redact } from '../../src/core/env.js';
import { isRetryable } from '../../src/core/retry.js';
import { Gemini } from '../../src/client.js';
import { SessionClosedError, SessionConnectError } from '../../src/realtime/errors.js';
import { collect, memoryLogger, MODEL, rejection, setup } from '../integration/helpers.js';

const KEY = 'AIzaHardeningSecret0123456789';
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((ok) => s.close(ok))));
});

/** A loopback server answering with `handler`; resolves with its base URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Every textual view of an error a log, a bug report or a crash dump could hold. */
function views(e: unknown): string {
  const err = e as Error;
  return [
    err.message,
    err.stack,
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
    String(err.cause),
  ].join('\n');
}

describe('redirects', () => {
  it('a cross-origin redirect of a download carries no key, token or key parameter', async () => {
    const seen: IncomingMessage[] = [];
    const thief = await serve((req, res) => {
      seen.push(req);
      res.end('the bytes');
    });
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: `${thief}/file?key=${KEY}&access_token=${KEY}&x=1` }).end();
    });
    for (const options of [
      { apiKey: KEY },
      { headers: { 'x-goog-api-key': KEY, authorization: `Bearer ${KEY}` } },
    ]) {
      const client = new Gemini({ ...options, baseUrl: api, maxRetries: 0 });
      const body = await client.files.download('files/abc');
      expect(await new Response(body).text()).toBe('the bytes');
    }
    expect(seen).toHaveLength(2);
    for (const req of seen) {
      expect(JSON.stringify(req.headers)).not.toContain(KEY);
      expect(req.url).toBe('/file?x=1');
    }
  });

  it('a same-origin redirect keeps the key (the emulator download flow) and redirects are bounded', async () => {
    const { emu, client } = await setup({ apiKey: KEY });
    const f = emu.control.files.create({ bytes: new Uint8Array([1, 2, 3]), mimeType: 'video/mp4' });
    const bytes = await new Response(await client.files.download(String(f['name']))).arrayBuffer();
    expect(new Uint8Array(bytes)).toEqual(new Uint8Array([1, 2, 3]));
    // Both hops (the API's 302 and the /download/ target) carried the key: the emulator accepted both.
    expect(emu.control.requests.filter((r) => r.methodId === 'files.download')).toHaveLength(2);

    let hops = 0;
    const loop = await serve((req, res) => {
      hops++;
      res.writeHead(302, { location: req.url ?? '/' }).end();
    });
    const e = await rejection(
      new Gemini({ apiKey: KEY, baseUrl: loop, maxRetries: 0 }).files.download('files/abc'),
    );
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as Error).message).toMatch(/more than 5 redirects/);
    expect(hops).toBe(6);
  });
});

describe('redaction', () => {
  /** A server that puts every credential it received into a 400 error message and a header. */
  const echo = (): Promise<string> =>
    serve((req, res) => {
      const got = `${req.headers['x-goog-api-key']} ${req.headers.authorization} ${req.url}`;
      res.writeHead(400, { 'content-type': 'application/json', 'x-echo': got });
      res.end(JSON.stringify({ error: { code: 400, message: `got ${got}`, status: 'INVALID_ARGUMENT' } }));
    });

  it('a key or token given as a header, an option or a query parameter never shows in the error or the log', async () => {
    const url = await echo();
    const logger = memoryLogger();
    const clients = [
      new Gemini({ apiKey: KEY, baseUrl: url, maxRetries: 0, logger }),
      new Gemini({ headers: { 'x-goog-api-key': KEY }, baseUrl: url, maxRetries: 0, logger }),
      new Gemini({ headers: { Authorization: `Bearer ${KEY}` }, baseUrl: url, maxRetries: 0, logger }),
      new Gemini({ apiKey: 'other-key-000000', baseUrl: url, maxRetries: 0, logger }),
    ];
    for (const [i, client] of clients.entries()) {
      const headers = i === 3 ? { 'X-Goog-Api-Key': KEY } : {};
      const e = await rejection(
        client.models.generateContent({ model: MODEL, contents: 'x' }, { headers, query: { key: KEY } }),
      );
      expect(e).toBeInstanceOf(GeminiError);
      expect((e as Error).message).toContain('[REDACTED]');
      expect(views(e)).not.toContain(KEY);
    }
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });

  it('a short key is redacted as a whole token only: messages stay readable, the cause stays, retries are unchanged', async () => {
    expect(redact('terminated: other side closed', 'e')).toBe('terminated: other side closed');
    expect(redact('got key k, and kk', 'k')).toBe('got key [REDACTED], and kk');
    expect(redact('https://h/x?key=e&alt=sse', 'e')).toBe('https://h/x?key=[REDACTED]&alt=sse');

    // A connection cut mid-answer with the key 'e': the message is intact, the cause is kept and the
    // error is still a retryable network error (a GET is retried, then succeeds).
    let n = 0;
    const url = await serve((_req, res) => {
      if (n++ === 0) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"na');
        setTimeout(() => res.destroy(), 10);
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"models/m"}');
    });
    const t = new HttpTransport({ apiKey: 'e', baseUrl: url, apiVersion: 'v1beta', maxRetries: 0 });
    const e = await rejection(t.request({ method: 'GET', path: 'models/m' }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as Error).message).toMatch(/terminated/);
    expect((e as Error).cause).toBeDefined();
    expect(isRetryable(e, true)).toBe(true);
    const retried = new HttpTransport({
      apiKey: 'e',
      baseUrl: url,
      apiVersion: 'v1beta',
      maxRetries: 1,
      backoff: { baseDelay: 1 },
    });
    n = 0;
    await expect(retried.request({ method: 'GET', path: 'models/m' })).resolves.toEqual({ name: 'models/m' });
  });

  it('a cause that quotes the key is kept, with the key redacted from its message and stack', async () => {
    const t = new HttpTransport({
      apiKey: KEY,
      baseUrl: 'http://127.0.0.1:1',
      apiVersion: 'v1beta',
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error(`socket for ${KEY} reset`), { code: 'ECONNRESET' }),
        });
      },
    });
    const e = await rejection(t.request({ method: 'GET', path: 'models' }));
    expect(e).toBeInstanceOf(ConnectionError);
    const cause = (e as Error).cause as Error & { cause: Error & { code: string } };
    expect(cause).toBeInstanceOf(Error);
    expect(cause.cause.code).toBe('ECONNRESET');
    expect(cause.cause.message).toBe('socket for [REDACTED] reset');
    expect(views(e)).not.toContain(KEY);
    expect(isRetryable(e, true)).toBe(true);
  });

  it('a Live close reason quoting the key is redacted in .message, .reason and JSON (before and after setup)', async () => {
    // A WebSocket server that closes with the key it was given in the URL, at once or after the setup.
    const http1 = http.createServer();
    servers.push(http1);
    const wss = new WebSocketServer({ server: http1 });
    wss.on('connection', (ws, req) => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key');
      const early = (req.url ?? '').includes('early');
      ws.on('message', () => {
        if (early) return ws.close(1008, `API key ${key} not valid`);
        ws.send(JSON.stringify({ setupComplete: {} }));
        setTimeout(() => ws.close(1011, `internal error for ${key}`), 20);
      });
    });
    await new Promise<void>((ok) => http1.listen(0, '127.0.0.1', () => ok()));
    const base = `http://127.0.0.1:${(http1.address() as AddressInfo).port}`;

    const early = new Gemini({ apiKey: KEY, baseUrl: `${base}/early`, maxRetries: 0 });
    const e1 = await rejection(early.live.connect({ model: 'gemini-live-2.5-flash-preview' }));
    expect(e1).toBeInstanceOf(SessionConnectError);
    expect((e1 as SessionConnectError).reason).toBe('API key [REDACTED] not valid');
    expect(views(e1)).not.toContain(KEY);

    const later = new Gemini({ apiKey: KEY, baseUrl: base, maxRetries: 0 });
    const session = await later.live.connect({ model: 'gemini-live-2.5-flash-preview' });
    const e2 = await rejection(collect(session));
    expect(e2).toBeInstanceOf(SessionClosedError);
    expect((e2 as SessionClosedError).reason).toBe('internal error for [REDACTED]');
    expect(views(e2)).not.toContain(KEY);
    expect(JSON.stringify(session.closeInfo ?? (await session.closed))).not.toContain(KEY);
    wss.close();
  });
});
