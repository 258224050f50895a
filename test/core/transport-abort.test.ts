import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, PagePromise } from '../../src/core/index.js';
import {
  delay,
  hang,
  json,
  rpcError,
  sseStart,
  startServer,
  until,
  type FixtureServer,
} from './support/server.js';
import { gen, streamGen } from './support/specs.js';
import { transportFor } from './support/transport.js';

let server: FixtureServer;
afterEach(async () => {
  await server?.close();
});

const frame = (v: unknown) => `data: ${JSON.stringify(v)}\r\n\r\n`;

/** Runs `p`, returning its rejection and how long after `t0` it settled. */
async function settle(p: Promise<unknown>, t0: number): Promise<{ err: unknown; ms: number }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { err, ms: Date.now() - t0 };
}

describe('cancellation', () => {
  it('aborts mid-request promptly with the reason', async () => {
    server = await startServer(hang);
    const ac = new AbortController();
    const p = transportFor(server, { timeout: 10_000 }).call(gen(), { signal: ac.signal });
    await until(() => server.requests.length === 1);
    const reason = new Error('user cancelled');
    const t0 = Date.now();
    ac.abort(reason);
    const { err, ms } = await settle(p, t0);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe(reason);
    expect((err as Error).message).toBe('Request aborted: user cancelled');
    expect(ms).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });

  it("aborts mid-request with no timeout set (the caller's signal goes to fetch as it is)", async () => {
    server = await startServer(hang);
    const ac = new AbortController();
    const p = transportFor(server, { timeout: undefined }).call(gen(), { signal: ac.signal });
    await until(() => server.requests.length === 1);
    const t0 = Date.now();
    ac.abort(new Error('stop'));
    const { err, ms } = await settle(p, t0);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).message).toBe('Request aborted: stop');
    expect(ms).toBeLessThan(500);
    await server.requests[0]!.closed; // the connection itself is closed, not just the promise settled
  });

  it('aborts during backoff promptly', async () => {
    server = await startServer((_r, res) =>
      json(
        res,
        429,
        rpcError(429, 'RESOURCE_EXHAUSTED', 'quota', [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '10s' },
        ]),
      ),
    );
    const ac = new AbortController();
    const p = transportFor(server).call(gen(), { signal: ac.signal });
    await until(() => server.requests.length === 1);
    await delay(30);
    const t0 = Date.now();
    ac.abort('stop');
    const { err, ms } = await settle(p, t0);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe('stop');
    expect(ms).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects at once for an already-aborted signal', async () => {
    server = await startServer((_r, res) => json(res, 200, {}));
    const err = await transportFor(server)
      .call(gen(), { signal: AbortSignal.abort('early') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe('early');
  });

  it('aborts mid-stream promptly and closes the connection', async () => {
    server = await startServer((_r, res) => {
      sseStart(res)(frame({ n: 1 }));
    });
    const ac = new AbortController();
    const got: unknown[] = [];
    const t0 = { v: 0 };
    const p = (async () => {
      for await (const c of transportFor(server).stream(streamGen(), { signal: ac.signal })) {
        got.push(c);
        setTimeout(() => {
          t0.v = Date.now();
          ac.abort(new Error('enough'));
        }, 20);
      }
    })();
    const { err } = await settle(p, 0);
    expect(Date.now() - t0.v).toBeLessThan(500);
    expect(got).toEqual([{ n: 1 }]);
    expect(err).toBeInstanceOf(AbortError);
    expect(((err as AbortError).reason as Error).message).toBe('enough');
    await server.requests[0]?.closed;
  });

  it('Stream.abort() cancels a stream waiting for its response', async () => {
    server = await startServer(hang);
    const s = transportFor(server).stream(streamGen());
    const p = (async () => {
      for await (const _ of s) void _;
    })();
    await until(() => server.requests.length === 1);
    const t0 = Date.now();
    s.abort('bye');
    const { err, ms } = await settle(p, t0);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe('bye');
    expect(ms).toBeLessThan(500);
  });

  it('leaves no listeners on a long-lived signal', async () => {
    server = await startServer(
      (_r, res) => json(res, 503, rpcError(503, 'UNAVAILABLE', 'x')),
      (_r, res) => json(res, 200, {}),
      (_r, res) => json(res, 404, rpcError(404, 'NOT_FOUND', 'x')),
      (_r, res) => {
        sseStart(res)(frame({ a: 1 }));
        res.end();
      },
      (_r, res) => {
        const w = sseStart(res);
        w(frame({ a: 1 }));
        w(frame({ a: 2 }));
      },
    );
    const ac = new AbortController();
    const t = transportFor(server);
    await t.call(gen(), { signal: ac.signal });
    await t.call(gen(), { signal: ac.signal }).catch(() => {});
    for await (const _ of t.stream(streamGen(), { signal: ac.signal })) void _;
    for await (const _ of t.stream(streamGen(), { signal: ac.signal })) {
      expect(getEventListeners(ac.signal, 'abort').length).toBeGreaterThan(0);
      break;
    }
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('a pager stops before the next page when its signal aborts', async () => {
    const ac = new AbortController();
    const pages: Record<string, { files: number[]; nextPageToken?: string }> = {
      '': { files: [1, 2], nextPageToken: 'b' },
      b: { files: [3], nextPageToken: 'c' },
      c: { files: [4] },
    };
    const fetched: string[] = [];
    const pager = new PagePromise<number, { files: number[]; nextPageToken?: string }>(
      async (token) => {
        fetched.push(token ?? '');
        return pages[token ?? ''] ?? { files: [] };
      },
      'files',
      { signal: ac.signal },
    );
    const seen: number[] = [];
    const err = await (async () => {
      for await (const f of pager) {
        seen.push(f);
        if (f === 3) ac.abort('halt');
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1, 2, 3]);
    expect(fetched).toEqual(['', 'b']);
    expect(err).toBeInstanceOf(AbortError);
  });
});
