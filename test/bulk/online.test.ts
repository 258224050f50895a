// The online runner against the emulator: every item exactly once under a 429 storm, input or
// completion order, per-item errors as results, budgets, progress and abort.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { AbortError, BadRequestError, Gemini, type BulkProgress, type BulkResult } from '../../src/index.js';

let emu: RunningEmulator;
let client: Gemini;
beforeAll(async () => {
  emu = await startEmulator();
  client = new Gemini({ apiKey: 'test-key', baseUrl: emu.url });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const prompts = (n: number, tag = 'item') =>
  Array.from({ length: n }, (_, i) => ({ model: 'gemini-2.5-flash', contents: `${tag} ${i}`, key: `k${i}` }));

const generateCalls = () => emu.control.requests.filter((r) => r.methodId === 'models.generateContent');

async function collect<R>(run: AsyncIterable<BulkResult<R>>): Promise<BulkResult<R>[]> {
  const out: BulkResult<R>[] = [];
  for await (const r of run) out.push(r);
  return out;
}

describe('client.bulk.generateContent (online)', () => {
  it('returns each of 300 items exactly once, in input order, under a 30% 429 storm', async () => {
    let draws = 0;
    const random = () => (draws = (draws * 1103515245 + 12345) % 2 ** 31) / 2 ** 31; // deterministic 30%
    emu.control.faults.failRate(0.3, {
      code: 429,
      retryDelay: 0.02,
      methodId: 'models.generateContent',
      random,
    });
    const run = client.bulk.generateContent(prompts(300), { concurrency: 16 });
    const results = await collect(run);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results[7]!.key).toBe('k7');
    expect(results[7]!.ok && results[7]!.response.text).toEqual(expect.any(String));
    const summary = await run.done();
    expect(summary.rateLimited).toBeGreaterThan(30);
    expect(summary.succeeded).toBe(300);
    // Every 429 was one extra request: requests = items + 429s, and the server saw each prompt succeed once.
    expect(summary.requests).toBe(300 + summary.rateLimited);
    expect(generateCalls().length).toBe(summary.requests);
    // The storm pulled concurrency down at some point: retries were paced, not hammered.
    expect(results.some((r) => r.attempts > 1)).toBe(true);
  }, 60_000);

  it('gives results in completion order with ordered: false, still each once', async () => {
    emu.control.faults.delayNext(300, { count: 1, methodId: 'models.generateContent' });
    const results = await collect(
      client.bulk.generateContent(prompts(20), { concurrency: 4, ordered: false }),
    );
    expect(results).toHaveLength(20);
    expect(new Set(results.map((r) => r.index)).size).toBe(20);
    expect(results[0]!.index).not.toBe(0); // the delayed first item finished later
  });

  it('captures per-item failures as results and goes on', async () => {
    const items = [
      { model: 'gemini-2.5-flash', contents: 'fine' },
      { contents: 'no model here' },
      { model: 'gemini-2.5-flash', contents: 'also fine' },
      'a plain string needs the run model',
    ];
    emu.control.faults.failNext(1, { code: 400, methodId: 'models.generateContent' });
    const results = await collect(client.bulk.generateContent(items as never));
    expect(results.map((r) => r.ok)).toEqual([false, false, true, false]);
    expect(results[0]!.error).toBeInstanceOf(BadRequestError);
    expect(results[1]!.error?.message).toMatch(/no model/);
    const withModel = await collect(
      client.bulk.generateContent(['one', 'two'], { model: 'gemini-2.5-flash' }),
    );
    expect(withModel.every((r) => r.ok)).toBe(true);
  });

  it('retries 503s per item with backoff and gives up after maxRetries', async () => {
    emu.control.faults.failNext(2, { code: 503, methodId: 'models.generateContent' });
    const ok = await collect(client.bulk.generateContent(prompts(3), { concurrency: 1 }));
    expect(ok.every((r) => r.ok)).toBe(true);
    expect(ok.reduce((n, r) => n + r.attempts, 0)).toBe(5);
    emu.control.faults.failNext(10, { code: 503, methodId: 'models.generateContent' });
    const failed = await collect(client.bulk.generateContent(prompts(1), { maxRetries: 1 }));
    expect(failed[0]!.ok).toBe(false);
    expect(failed[0]!.attempts).toBe(2);
  });

  it('keeps to requestsPerMinute and tokensPerMinute', async () => {
    // 120 rpm = 2 per second: 5 items fit the first minute window at once; the 6th must wait.
    const t0 = Date.now();
    await collect(client.bulk.generateContent(prompts(5), { requestsPerMinute: 5, concurrency: 5 }));
    expect(Date.now() - t0).toBeLessThan(5000);
    const run = client.bulk.generateContent(prompts(6), {
      requestsPerMinute: 5,
      concurrency: 5,
      ordered: false,
    });
    const seen: number[] = [];
    const it = run[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) seen.push((await it.next()).value!.index);
    const pending = it.next();
    const sixth = await Promise.race([pending, new Promise((r) => setTimeout(() => r('waiting'), 1500))]);
    expect(sixth).toBe('waiting');
    run.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    // tokens: each prompt is ~2 estimated tokens; a 3-token budget lets one start, then waits.
    const tpm = client.bulk.generateContent(prompts(2), { tokensPerMinute: 3, tokenizer: 'estimate' });
    const ti = tpm[Symbol.asyncIterator]();
    await ti.next();
    const next = ti.next();
    const second = await Promise.race([next, new Promise((r) => setTimeout(() => r('waiting'), 1000))]);
    expect(second).toBe('waiting');
    tpm.abort();
    await expect(next).rejects.toBeInstanceOf(AbortError);
  }, 20_000);

  it('reports progress (done, failed, in flight, tokens, ETA) and a summary', async () => {
    const seen: BulkProgress[] = [];
    const run = client.bulk.generateContent(prompts(40), {
      concurrency: 4,
      onProgress: (p) => seen.push(p),
      progressInterval: 0,
    });
    const summary = await run.done();
    expect(summary).toMatchObject({ done: 40, succeeded: 40, failed: 0, total: 40, inFlight: 0, etaMs: 0 });
    expect(summary.tokens).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThanOrEqual(40);
    expect(seen.some((p) => p.inFlight > 0)).toBe(true);
    expect(seen.some((p) => p.etaMs !== undefined && p.etaMs > 0)).toBe(true);
  });

  it('stops on abort (AbortError) and on break, sending nothing more', async () => {
    emu.control.setLatency(50);
    const ac = new AbortController();
    const run = client.bulk.generateContent(prompts(100), { concurrency: 2, signal: ac.signal });
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of run) if (++n === 3) ac.abort();
      })(),
    ).rejects.toBeInstanceOf(AbortError);
    const sent = generateCalls().length;
    expect(sent).toBeLessThan(20);
    for await (const _ of client.bulk.generateContent(prompts(100, 'brk'), { concurrency: 2 })) break;
    await new Promise((r) => setTimeout(r, 200));
    expect(generateCalls().length - sent).toBeLessThan(10);
    emu.control.setLatency(0);
  });

  it('runs embedContent and countTokens the same way', async () => {
    const emb = await collect(client.bulk.embedContent(['a', 'b', 'c'], { model: 'gemini-embedding-001' }));
    expect(emb.every((r) => r.ok && Array.isArray(r.response.embedding?.values))).toBe(true);
    const counts = await collect(
      client.bulk.countTokens(['hello world', 'x'], { model: 'gemini-2.5-flash' }),
    );
    expect(counts.every((r) => r.ok && typeof r.response.totalTokens === 'number')).toBe(true);
  });
});
