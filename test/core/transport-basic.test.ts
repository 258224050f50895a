import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiPromise, HttpTransport, InvalidArgumentError, type Logger } from '../../src/core/index.js';
import { json, startServer, type FixtureServer } from './support/server.js';
import { createAuthToken, gen, getModel, listFiles } from './support/specs.js';
import { transportFor } from './support/transport.js';

let server: FixtureServer;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

describe('HttpTransport.call', () => {
  it('sends JSON with x-goog-api-key (never in the URL) and parses the answer', async () => {
    server = await startServer((_req, res) => json(res, 200, { candidates: [], responseId: 'r1' }));
    const t = transportFor(server, { headers: { 'x-goog-api-client': 'gemini-ts/0.1.0' } });
    const p = t.call<{ responseId: string }>(
      gen('models/gemini-2.0-flash', { contents: [{ parts: [{ text: 'hi' }] }] }),
    );
    expect(p).toBeInstanceOf(ApiPromise);
    expect((await p).responseId).toBe('r1');
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(req?.headers['x-goog-api-key']).toBe('test-key');
    expect(req?.headers['x-goog-api-client']).toBe('gemini-ts/0.1.0');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ contents: [{ parts: [{ text: 'hi' }] }] });
  });

  it('gives the raw Response through withResponse()', async () => {
    server = await startServer((_req, res) => json(res, 200, { name: 'models/x' }, { 'x-custom': 'yes' }));
    const { data, response } = await transportFor(server)
      .call<{ name: string }>({ spec: getModel, params: { name: 'models/x' } })
      .withResponse();
    expect(data.name).toBe('models/x');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.body).toBe('');
  });

  it('puts params and per-call query in the query string and honours pinned versions and per-call headers', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const t = transportFor(server);
    await t.call(
      { spec: listFiles, params: { pageSize: 5, pageToken: 'tok' } },
      { query: { x: true }, headers: { 'x-a': 'b' } },
    );
    await t.call({ spec: createAuthToken, params: {}, body: {} });
    expect(server.requests[0]?.url).toBe('/v1beta/files?pageSize=5&pageToken=tok&x=true');
    expect(server.requests[0]?.headers['x-a']).toBe('b');
    expect(server.requests[1]?.url).toBe('/v1alpha/auth_tokens');
  });

  it('rejects a bad path param before any request', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const err = await transportFor(server)
      .call(gen('gemini-2.0-flash'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('"model" must match ^models/[^/]+$, got "gemini-2.0-flash"');
    expect(server.requests).toHaveLength(0);
  });

  it('reports a missing key at the first request, not at construction; reads the env lazily', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    vi.stubEnv('GEMINI_API_KEY', '');
    vi.stubEnv('GOOGLE_API_KEY', '');
    const t = new HttpTransport({ baseUrl: server.url, apiVersion: 'v1beta' });
    await expect(t.call(gen())).rejects.toThrow(
      new InvalidArgumentError('no API key: pass apiKey or set GEMINI_API_KEY/GOOGLE_API_KEY'),
    );
    expect(server.requests).toHaveLength(0);
    vi.stubEnv('GOOGLE_API_KEY', 'env-key');
    await t.call(gen());
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe('env-key');
  });

  it('accepts an Authorization header instead of a key', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    vi.stubEnv('GEMINI_API_KEY', '');
    vi.stubEnv('GOOGLE_API_KEY', '');
    const t = new HttpTransport({
      baseUrl: server.url,
      apiVersion: 'v1beta',
      headers: { authorization: 'Bearer t' },
    });
    await t.call(gen());
    expect(server.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t');
  });

  it('matches header names case-insensitively (per-call Authorization replaces the key, Content-Type wins)', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const t = transportFor(server, { headers: { 'X-Trace': 'a' } });
    await t.call(gen(), { headers: { Authorization: 'Bearer t', 'x-trace': 'b' } });
    await t.request({ method: 'POST', path: 'x', body: { a: 1 }, headers: { 'Content-Type': 'text/json' } });
    expect(server.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t');
    expect(server.requests[0]?.headers['x-trace']).toBe('b');
    expect(server.requests[1]?.headers['content-type']).toBe('text/json');
    expect(server.requests[1]?.headers['x-goog-api-key']).toBe('test-key');
  });

  it('gives fetch a signal only when something can cancel the attempt', async () => {
    // A signal costs undici a WeakRef, a finalizer and listeners per request: none without a timeout,
    // deadline or caller signal; the caller's own signal when only it can cancel; else an own one.
    server = await startServer((_req, res) => json(res, 200, {}));
    const signals: (AbortSignal | null | undefined)[] = [];
    const spy: typeof fetch = (input, init) => {
      signals.push(init?.signal);
      return fetch(input, init);
    };
    const untimed = transportFor(server, { fetch: spy, timeout: undefined });
    const caller = new AbortController().signal;
    await untimed.call(gen());
    await untimed.call(gen(), { signal: caller });
    await untimed.call(gen(), { timeout: 1000 });
    await untimed.call(gen(), { deadline: 1000 });
    await transportFor(server, { fetch: spy, timeout: undefined, deadline: 5000 }).call(gen());
    expect(signals[0]).toBeUndefined();
    expect(signals[1]).toBe(caller);
    for (const s of signals.slice(2)) expect(s).toBeInstanceOf(AbortSignal);
    expect(new Set(signals.slice(1)).size).toBe(4);
  });

  it('uses an injected fetch', async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: 1 }));
    const seen: string[] = [];
    const t = transportFor(server, {
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect(await t.call(gen())).toEqual({ ok: 1 });
    expect(seen).toEqual([`${server.url}/v1beta/models/gemini-2.0-flash:generateContent`]);
  });

  it('logs method, URL, status, latency and retries (without the key)', async () => {
    server = await startServer(
      (_req, res) => json(res, 503, { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }),
      (_req, res) => json(res, 200, {}),
    );
    const lines: [string, Record<string, unknown> | undefined][] = [];
    const logger: Logger = { debug: (m, d) => lines.push([m, d]) };
    await transportFor(server, { logger }).call(gen());
    expect(lines.map(([m]) => m)).toEqual(['request', 'response', 'retry', 'request', 'response']);
    expect(lines[1]?.[1]).toMatchObject({ method: 'POST', status: 503 });
    expect(typeof lines[1]?.[1]?.ms).toBe('number');
    expect(lines[2]?.[1]).toMatchObject({ error: 'ServerError', attempt: 0 });
    expect(JSON.stringify(lines)).not.toContain('test-key');
  });

  it('logs to the console when GEMINI_LOG=debug', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    vi.stubEnv('GEMINI_LOG', 'debug');
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    await transportFor(server).call(gen());
    expect(spy.mock.calls.map((c) => c[0])).toEqual(['[gemini] request', '[gemini] response']);
    spy.mockRestore();
  });
});

describe('HttpTransport.request', () => {
  it('sends absolute and version-relative paths with query, and returns JSON or undefined', async () => {
    server = await startServer(
      (_req, res) => json(res, 200, { file: { name: 'files/a' } }),
      (_req, res) => {
        res.writeHead(200, { 'x-goog-upload-status': 'active' });
        res.end();
      },
    );
    const t = transportFor(server);
    const r = await t.request<{ file: { name: string } }>({
      method: 'POST',
      path: '/upload/v1beta/files',
      query: { uploadType: 'multipart', n: [1, 2] },
      body: { file: {} },
    });
    expect(r.file.name).toBe('files/a');
    expect(await t.request({ method: 'GET', path: 'files/a' })).toBeUndefined();
    expect(server.requests[0]?.url).toBe('/upload/v1beta/files?uploadType=multipart&n=1&n=2');
    expect(server.requests[1]?.url).toBe('/v1beta/files/a');
  });

  it('sends string and byte bodies as-is and returns the raw Response', async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(req.body.toUpperCase());
    });
    const t = transportFor(server);
    const res = await t.request({
      method: 'POST',
      path: 'x',
      body: new TextEncoder().encode('bytes'),
      raw: true,
    });
    expect(res).toBeInstanceOf(Response);
    expect(await res.text()).toBe('BYTES');
    const res2 = await t.request({
      method: 'POST',
      path: 'x',
      body: 'text',
      raw: true,
      headers: { 'content-type': 'text/plain' },
    });
    expect(await res2.text()).toBe('TEXT');
    expect(server.requests[1]?.headers['content-type']).toBe('text/plain');
  });

  it('sends the key only to the base URL origin', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const other = await startServer((_req, res) => json(res, 200, {}));
    try {
      const t = transportFor(server);
      await t.request({ method: 'PUT', path: `${server.url}/upload/x?upload_id=1`, body: 'a' });
      await t.request({ method: 'PUT', path: `${other.url}/upload/x?upload_id=1`, body: 'a' });
      expect(server.requests[0]?.headers['x-goog-api-key']).toBe('test-key');
      expect(other.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('rejects a non-JSON 2xx body for a JSON request', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>captive portal</html>');
    });
    await expect(transportFor(server).request({ method: 'GET', path: 'models' })).rejects.toThrow(
      /expected JSON from GET .* \(200\), got: "<html>captive portal<\/html>"/,
    );
  });

  it('serialises to JSON without secrets', () => {
    const t = new HttpTransport({ apiKey: 'k', baseUrl: 'http://x/', apiVersion: 'v1beta' });
    expect(JSON.stringify(t)).toBe('{"baseUrl":"http://x","apiVersion":"v1beta"}');
  });
});
