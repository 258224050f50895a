import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { GeminiError, HttpTransport, type Logger } from '../../src/core/index.js';
import {
  cut,
  hang,
  json,
  sseStart,
  startServer,
  type FixtureServer,
  type Handler,
} from './support/server.js';
import { gen, streamGen } from './support/specs.js';
import { collect } from './support/streams.js';

const KEY = 'AIzaSECRETkey-123';
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const logLines: unknown[] = [];
const logger: Logger = { debug: (m, d) => logLines.push([m, d]) };

function transport(url: string, extra: Partial<ConstructorParameters<typeof HttpTransport>[0]> = {}) {
  return new HttpTransport({
    apiKey: KEY,
    baseUrl: url,
    apiVersion: 'v1beta',
    timeout: 100,
    maxRetries: 1,
    backoff: { baseDelay: 1, maxDelay: 2 },
    logger,
    ...extra,
  });
}

/** Every textual view of a value that could end up in a log or a bug report. */
function views(x: unknown): string[] {
  const out = [inspect(x, { depth: Infinity, showHidden: true }), inspect(x), JSON.stringify(x) ?? ''];
  if (x instanceof Error) out.push(x.message, x.stack ?? '', String(x));
  return out;
}

function expectClean(x: unknown): void {
  for (const v of views(x)) expect(v).not.toContain(KEY);
}

/** A server handler echoing the key it received in every place it can. */
const echo =
  (status: number, shape: 'json' | 'html'): Handler =>
  (req, res) => {
    const key = String(req.headers['x-goog-api-key']);
    if (shape === 'html') {
      res.writeHead(status, { 'content-type': 'text/html', 'x-echo': key });
      res.end(`<html><body>bad key ${key}</body></html>`);
    } else {
      json(
        res,
        status,
        {
          error: {
            code: status,
            message: `API key not valid: ${key}`,
            status: 'X',
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'API_KEY_INVALID',
                metadata: { key },
              },
            ],
          },
        },
        { 'x-echo': key },
      );
    }
  };

const cases: [string, Handler, 'call' | 'stream' | 'raw'][] = [
  ['400 JSON echoing the key', echo(400, 'json'), 'call'],
  ['403', echo(403, 'json'), 'call'],
  ['404', echo(404, 'json'), 'call'],
  ['429', echo(429, 'json'), 'call'],
  ['502 HTML echoing the key', echo(502, 'html'), 'call'],
  ['network cut', cut, 'call'],
  ['timeout', hang, 'call'],
  [
    '2xx non-JSON echoing the key',
    (req, res) => {
      res.writeHead(200);
      res.end(`oops ${String(req.headers['x-goog-api-key'])}`);
    },
    'call',
  ],
  ['raw 500', echo(500, 'json'), 'raw'],
  ['stream 400', echo(400, 'json'), 'stream'],
  [
    'stream error event echoing the key',
    (req, res) => {
      sseStart(res)(
        `data: ${JSON.stringify({ error: { code: 500, message: `boom ${String(req.headers['x-goog-api-key'])}` } })}\r\n\r\n`,
      );
      res.end();
    },
    'stream',
  ],
  [
    'stream plain JSON echoing the key',
    (req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        JSON.stringify({ error: { code: 400, message: `bad ${String(req.headers['x-goog-api-key'])}` } }),
      );
    },
    'stream',
  ],
  [
    'stream cut mid-event',
    (_req, res) => {
      sseStart(res)('data: {"a"');
      setTimeout(() => res.socket?.destroy(), 5);
    },
    'stream',
  ],
  [
    'stream ends mid-event',
    (_req, res) => {
      sseStart(res)(`data: {"k":"${KEY}`);
      res.end();
    },
    'stream',
  ],
  [
    'stream idle timeout',
    (_req, res) => {
      sseStart(res)('data: {}\n\n');
    },
    'stream',
  ],
];

describe('the API key never leaks', () => {
  it.each(cases)('%s', async (name, handler, mode) => {
    server = await startServer(handler);
    const t = transport(server.url, { timeout: /timeout/.test(name) ? 100 : 5000 });
    const run =
      mode === 'stream'
        ? collect(t.stream(streamGen()))
        : mode === 'raw'
          ? t.request({ method: 'GET', path: 'models', raw: true })
          : t.call(gen());
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GeminiError);
    expectClean(err);
    expectClean(t);
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe(KEY);
  });

  it('connection refused', async () => {
    const s = await startServer(hang);
    await s.close();
    const err = await transport(s.url)
      .call(gen())
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConnectionError');
    expectClean(err);
  });

  it('a fetch that puts the key in its error', async () => {
    const t = transport('http://127.0.0.1:9', {
      fetch: async (_url, init) => {
        throw new TypeError(
          `fetch failed with headers ${JSON.stringify(Object.fromEntries(new Headers(init?.headers)))}`,
        );
      },
    });
    const err = await t.call(gen()).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConnectionError');
    expect((err as Error).message).toContain('[REDACTED]');
    expectClean(err);
  });

  it('abort and local validation errors', async () => {
    server = await startServer(hang);
    const t = transport(server.url, { timeout: 5000 });
    const ac = new AbortController();
    const p = t.call(gen(), { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    expectClean(await p.catch((e: unknown) => e));
    expectClean(await t.call(gen('bad-model')).catch((e: unknown) => e));
    expectClean(await collect(t.stream(gen('bad') as never)).catch((e: unknown) => e));
  });

  it('the transport, its streams and promises, and the logs', async () => {
    server = await startServer((_r, res) => json(res, 200, {}));
    const t = transport(server.url, { headers: { 'x-goog-api-key': KEY } });
    expectClean(t);
    const s = t.stream(streamGen());
    expectClean(s);
    const p = t.call(gen());
    expectClean(p);
    const { response } = await p.withResponse();
    expectClean(response);
    expectClean(new HttpTransport({ apiKey: KEY, baseUrl: 'http://x', apiVersion: 'v1beta' }));
    expect(JSON.stringify(logLines)).not.toContain(KEY);
    expect(logLines.length).toBeGreaterThan(10);
  });
});
