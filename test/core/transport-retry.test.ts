import { afterEach, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../src/core/index.js';
import {
  cut,
  delay,
  hang,
  json,
  rpcError,
  startServer,
  until,
  type FixtureServer,
} from './support/server.js';
import { gen, getModel } from './support/specs.js';
import { transportFor } from './support/transport.js';

let server: FixtureServer;
afterEach(async () => {
  await server?.close();
});

const ok = (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 200, { ok: true });
const retryInfo = (delay: string) =>
  rpcError(429, 'RESOURCE_EXHAUSTED', 'quota', [
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay },
  ]);

describe('retries', () => {
  it('waits the RetryInfo delay, then succeeds', async () => {
    server = await startServer((_r, res) => json(res, 429, retryInfo('0.15s')), ok);
    const t0 = Date.now();
    expect(await transportFor(server).call(gen())).toEqual({ ok: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(server.requests).toHaveLength(2);
  });

  it('waits the Retry-After delay, then succeeds', async () => {
    server = await startServer(
      (_r, res) => json(res, 503, rpcError(503, 'UNAVAILABLE', 'x'), { 'retry-after': '0.12' }),
      ok,
    );
    const t0 = Date.now();
    await transportFor(server).call(gen());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    expect(server.requests).toHaveLength(2);
  });

  it('retries 5xx (500, 502, 503, 504) and 408, then succeeds', async () => {
    server = await startServer(
      (_r, res) => json(res, 500, rpcError(500, 'INTERNAL', 'An internal error has occurred.')),
      (_r, res) => json(res, 502, '<html>bad gateway</html>'),
      (_r, res) => json(res, 503, rpcError(503, 'UNAVAILABLE', 'The model is overloaded.')),
      (_r, res) => json(res, 504, rpcError(504, 'DEADLINE_EXCEEDED', 'timeout')),
      (_r, res) => json(res, 408, 'timeout'),
      ok,
    );
    expect(await transportFor(server, { maxRetries: 5 }).call(gen())).toEqual({ ok: true });
    expect(server.requests).toHaveLength(6);
  });

  it('gives up after maxRetries with the last error', async () => {
    server = await startServer((_r, res) =>
      json(res, 503, rpcError(503, 'UNAVAILABLE', 'The model is overloaded.')),
    );
    const err = await transportFor(server, { maxRetries: 2 })
      .call(gen())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).message).toBe('The model is overloaded.');
    expect(server.requests).toHaveLength(3);
  });

  it('never retries 400 or 404', async () => {
    server = await startServer((_r, res) => json(res, 400, rpcError(400, 'INVALID_ARGUMENT', 'bad')));
    await expect(transportFor(server).call(gen())).rejects.toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(1);
    await server.close();
    server = await startServer((_r, res) =>
      json(res, 404, rpcError(404, 'NOT_FOUND', 'models/x is not found')),
    );
    await expect(
      transportFor(server).call({ spec: getModel, params: { name: 'models/x' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a network cut (socket destroyed) and succeeds', async () => {
    server = await startServer(cut, ok);
    expect(await transportFor(server).call(gen())).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a body cut mid-response', async () => {
    server = await startServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 5);
    }, ok);
    expect(await transportFor(server).call(gen())).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('surfaces a ConnectionError when the network stays down', async () => {
    server = await startServer(cut);
    const err = await transportFor(server, { maxRetries: 1 })
      .call(gen())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/^connection error: fetch failed/);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a per-attempt timeout, then raises TimeoutError', async () => {
    server = await startServer(hang);
    const t0 = Date.now();
    const err = await transportFor(server, { timeout: 200, maxRetries: 1 })
      .call(gen())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe('request timed out after 200 ms');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    expect(Date.now() - t0).toBeLessThan(3000);
    await until(() => server.requests.length === 2);
  });

  it('times out a slow body too, then succeeds on retry', async () => {
    server = await startServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    }, ok);
    expect(await transportFor(server, { timeout: 80 }).call(gen())).toEqual({ ok: true });
  });

  it('idempotent: false still retries a 503 (refused before acting) but not a 500', async () => {
    server = await startServer(
      (_r, res) => json(res, 503, rpcError(503, 'UNAVAILABLE', 'x')),
      ok,
      (_r, res) => json(res, 500, rpcError(500, 'INTERNAL', 'x')),
      ok,
    );
    await expect(transportFor(server).call(gen(), { idempotent: false })).resolves.toEqual({ ok: true });
    await expect(
      transportFor(server).request({ method: 'POST', path: 'x', body: {}, idempotent: false }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('refuses to retry a ReadableStream body', async () => {
    server = await startServer((_r, res) => json(res, 503, rpcError(503, 'UNAVAILABLE', 'x')), ok);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('streamed bytes'));
        c.close();
      },
    });
    await expect(
      transportFor(server).request({ method: 'POST', path: '/upload/v1beta/files', body }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toBe('streamed bytes');
  });

  it('does not wait past the deadline for a long server delay', async () => {
    server = await startServer((_r, res) => json(res, 429, retryInfo('5s')), ok);
    const t0 = Date.now();
    await expect(transportFor(server, { deadline: 1000 }).call(gen())).rejects.toBeInstanceOf(RateLimitError);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });

  it('does not honour a server delay above maxServerDelay', async () => {
    server = await startServer((_r, res) => json(res, 429, retryInfo('2s')), ok);
    const err = await transportFor(server, { backoff: { baseDelay: 1, maxServerDelay: 1000 } })
      .call(gen())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryDelay).toBe(2000);
    expect(server.requests).toHaveLength(1);
  });

  it('caps the whole call by the deadline (attempt timeouts shrink to fit)', async () => {
    server = await startServer(hang);
    const t0 = Date.now();
    const err = await transportFor(server, { deadline: 300, timeout: 200, maxRetries: 10 })
      .call(gen())
      .catch((e: unknown) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe('deadline of 300 ms exceeded');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    await until(() => server.requests.length === 2);
  });

  it('per-call maxRetries and timeout override the transport defaults', async () => {
    server = await startServer(async (_r, res) => {
      await delay(1000);
      json(res, 200, {});
    });
    await expect(transportFor(server).call(gen(), { timeout: 150, maxRetries: 0 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    await delay(100);
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });
});
