// Unit tests of the poller and Operation (pure: the getter is an in-memory function, no HTTP).
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, TimeoutError } from '../../src/core/errors.js';
import {
  Operation,
  OperationError,
  poll,
  pollDelay,
  type OperationResource,
} from '../../src/operations/index.js';

const fast = { initialDelay: 1, maxDelay: 5, multiplier: 2 };

describe('pollDelay', () => {
  it('grows exponentially and caps', () => {
    const o = { initialDelay: 100, multiplier: 2, maxDelay: 500 };
    expect([1, 2, 3, 4, 5].map((n) => pollDelay(n, o))).toEqual([100, 200, 400, 500, 500]);
    expect(pollDelay(1)).toBe(1000);
    expect(pollDelay(50)).toBe(10_000);
  });
});

describe('poll', () => {
  it('polls until done and reports every state', async () => {
    let n = 0;
    const seen: number[] = [];
    const v = await poll(
      { fetch: async () => ++n, isDone: (x) => x >= 3, onPoll: (x) => seen.push(x) },
      fast,
    );
    expect(v).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('does not fetch when the initial state is final', async () => {
    let calls = 0;
    const v = await poll({ initial: 'done', fetch: async () => (calls++, 'x'), isDone: (s) => s === 'done' });
    expect(v).toBe('done');
    expect(calls).toBe(0);
  });

  it('times out with TimeoutError and cuts the request in flight', async () => {
    let cut = false;
    const p = poll(
      {
        label: 'thing',
        fetch: (signal) =>
          new Promise<number>((_, reject) =>
            signal.addEventListener('abort', () => ((cut = true), reject(new Error('x')))),
          ),
        isDone: () => false,
      },
      { timeout: 30 },
    );
    await expect(p).rejects.toBeInstanceOf(TimeoutError);
    await expect(p).rejects.toThrow(/thing: not done after 30 ms/);
    expect(cut).toBe(true);
  });

  it('aborts promptly during the sleep', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const p = poll(
      { fetch: async () => 0, isDone: () => false },
      { initialDelay: 10_000, signal: ac.signal },
    );
    setTimeout(() => ac.abort(new Error('stop')), 20);
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('rejects at once with an already-aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      poll({ fetch: async () => 0, isDone: () => true }, { signal: ac.signal }),
    ).rejects.toBeInstanceOf(AbortError);
  });

  it('passes fetch errors through unchanged', async () => {
    const boom = new Error('boom');
    await expect(poll({ fetch: async () => Promise.reject(boom), isDone: () => true })).rejects.toBe(boom);
  });
});

describe('Operation', () => {
  const states = (...s: OperationResource[]) => {
    let i = 0;
    const names: string[] = [];
    const get = async (name: string): Promise<OperationResource> => {
      names.push(name);
      return s[Math.min(i++, s.length - 1)] ?? {};
    };
    return { get, names };
  };

  it('waits for the response and reports progress', async () => {
    const { get, names } = states(
      { name: 'ops/1', metadata: { pct: 50 } },
      { name: 'ops/1', done: true, response: { ok: 1 } },
    );
    const op = new Operation({ name: 'ops/1' }, get);
    const progress: unknown[] = [];
    const r = await op.wait({ ...fast, onProgress: (o) => progress.push(o.metadata) });
    expect(r).toEqual({ ok: 1 });
    expect(op.done).toBe(true);
    expect(op.response).toEqual({ ok: 1 });
    expect(progress).toEqual([{ pct: 50 }, undefined]);
    expect(names).toEqual(['ops/1', 'ops/1']);
  });

  it('turns the google.rpc.Status into a typed OperationError', async () => {
    const status = {
      code: 3,
      message: 'bad file',
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'X', domain: 'd' }],
    };
    const { get } = states({ name: 'ops/2', done: true, error: status });
    const op = new Operation({ name: 'ops/2' }, get);
    const e = await op.wait(fast).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OperationError);
    const err = e as OperationError;
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.rpcCode).toBe(3);
    expect(err.operation).toBe('ops/2');
    expect(err.message).toMatch(/bad file/);
    expect(err.details[0]?.kind).toBe('ErrorInfo');
    expect(op.error?.code).toBe('INVALID_ARGUMENT');
  });

  it('resolves at once when already done and refuses to poll without a name', async () => {
    const op = new Operation({ done: true, response: { a: 1 } }, async () => ({}));
    await expect(op.wait()).resolves.toEqual({ a: 1 });
    const nameless = new Operation({}, async () => ({}));
    await expect(nameless.wait()).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(nameless.refresh()).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('refresh fetches one new state; toJSON gives the wire state', async () => {
    const { get } = states({ name: 'ops/3', done: false, metadata: { step: 1 } });
    const op = await new Operation({ name: 'ops/3' }, get).refresh();
    expect(op.metadata).toEqual({ step: 1 });
    expect(JSON.parse(JSON.stringify(op))).toEqual({ name: 'ops/3', done: false, metadata: { step: 1 } });
  });
});
