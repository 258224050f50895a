import { describe, expect, it } from 'vitest';
import { api, body, sseEvents, start, userTurn, type ErrorEnvelope } from './helpers.js';

const GEN = '/v1beta/models/gemini-2.5-flash:generateContent';
const STREAM = '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse';

describe('fault injection', () => {
  it('fails the next N calls with status, Retry-After and RetryInfo, then recovers', async () => {
    const emu = await start();
    emu.control.faults.failNext(2, { code: 429, retryAfter: 2, retryDelay: '1.5s' });
    for (let i = 0; i < 2; i++) {
      const res = await api(emu, GEN, { json: userTurn('q') });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      const err = (await body<ErrorEnvelope>(res)).error;
      expect(err.status).toBe('RESOURCE_EXHAUSTED');
      expect(err.details).toEqual([
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' },
      ]);
    }
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(200);
  });

  it('fails a share of calls at random (failRate) until cleared or its count is used up', async () => {
    const emu = await start();
    const draws = [0.1, 0.9, 0.2, 0.95, 0.05];
    emu.control.faults.failRate(0.3, {
      code: 429,
      retryDelay: 0.05,
      count: 2,
      random: () => draws.shift() ?? 0,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api(emu, GEN, { json: userTurn('q') })).status);
    expect(statuses).toEqual([429, 200, 429, 200, 200]); // the third low draw finds the count used up
    emu.control.faults.failRate(1);
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(503);
    emu.control.faults.clear();
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(200);
    expect(() => emu.control.faults.failRate(1.5)).toThrow(RangeError);
    const http = await fetch(`${emu.url}/__emulator/faults/rate`, {
      method: 'POST',
      body: JSON.stringify({ rate: 1, code: 500, count: 1 }),
    });
    expect(http.ok).toBe(true);
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(500);
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(200);
  });

  it('narrows failures to a method id or a model', async () => {
    const emu = await start();
    emu.control.faults.failNext(1, { methodId: 'models.countTokens' });
    emu.control.faults.failNext(1, { model: 'gemini-2.0-flash', code: 500 });
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(200);
    const count = await api(emu, '/v1beta/models/gemini-2.5-flash:countTokens', { json: userTurn('q') });
    expect(count.status).toBe(503);
    expect((await body<ErrorEnvelope>(count)).error.message).toBe(
      'The model is overloaded. Please try again later.',
    );
    const other = await api(emu, '/v1beta/models/gemini-2.0-flash:generateContent', { json: userTurn('q') });
    expect(other.status).toBe(500);
  });

  it('cuts a response mid-body', async () => {
    const emu = await start();
    emu.control.faults.cutNext(10);
    const res = await api(emu, GEN, { json: userTurn('q') });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(200);
  });

  it('truncates an SSE stream after N events without a clean end', async () => {
    const emu = await start();
    emu.control.faults.truncateStream(1);
    const res = await api(emu, STREAM, { json: userTurn('one two three four') });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const read = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += decoder.decode(value, { stream: true });
      }
    };
    await expect(read()).rejects.toThrow();
    expect(sseEvents(received)).toHaveLength(1);
  });

  it('adds latency per call and globally', async () => {
    const emu = await start({ latencyMs: 0 });
    emu.control.faults.delayNext(150);
    let t = Date.now();
    await (await api(emu, GEN, { json: userTurn('q') })).text();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    t = Date.now();
    await (await api(emu, GEN, { json: userTurn('q') })).text();
    expect(Date.now() - t).toBeLessThan(140);
    emu.control.setLatency(100);
    t = Date.now();
    await (await api(emu, GEN, { json: userTurn('q') })).text();
    expect(Date.now() - t).toBeGreaterThanOrEqual(90);
  });

  it('is controllable over HTTP under /__emulator/', async () => {
    const emu = await start();
    const control = (path: string, json?: unknown, method = 'POST'): Promise<Response> =>
      fetch(`${emu.url}/__emulator/${path}`, {
        method,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        signal: AbortSignal.timeout(5000),
      });
    expect(await body(await control('health', undefined, 'GET'))).toEqual({ ok: true });
    await control('replies', { model: 'gemini-2.5-flash', replies: [{ text: 'over http' }] });
    const r = await body<{ candidates: { content: { parts: { text: string }[] } }[] }>(
      await api(emu, GEN, { json: userTurn('q') }),
    );
    expect(r.candidates[0]?.content.parts[0]?.text).toBe('over http');
    await control('faults/fail', { count: 1, code: 503, retryAfter: 1 });
    expect((await api(emu, GEN, { json: userTurn('q') })).status).toBe(503);
    const log = await body<{ requests: { methodId?: string }[] }>(
      await control('requests', undefined, 'GET'),
    );
    expect(log.requests.map((x) => x.methodId)).toEqual(['models.generateContent', 'models.generateContent']);
    const before = (await body<{ now: number }>(await control('clock', undefined, 'GET'))).now;
    await control('clock/advance', { ms: 60_000 });
    const after = (await body<{ now: number }>(await control('clock', undefined, 'GET'))).now;
    expect(after - before).toBeGreaterThanOrEqual(60_000);
    await control('reset');
    expect(emu.control.requests).toHaveLength(0);
    expect((await control('nope', {})).status).toBe(404);
    expect((await control('faults/delay', { ms: 'x' })).status).toBe(400);
  });
});
