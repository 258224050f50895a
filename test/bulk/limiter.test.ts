// The limiter's pure logic with an injected clock: one shared 429 window, concurrency halved once per
// window and ramped back up, sliding request and token windows with usage corrections.
import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/bulk/limiter.js';
import { estimateTokens, tokenCounter } from '../../src/bulk/tokens.js';
import { LocalTokenizer } from '../../src/tokens/index.js';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('Limiter', () => {
  it('halves concurrency once per 429 window, pauses everyone, then ramps back up', () => {
    const c = clock();
    const l = new Limiter({ concurrency: 8, now: c.now });
    for (let i = 0; i < 8; i++) {
      expect(l.wait(0)).toBe(0);
      l.take(0);
    }
    expect(l.wait(0)).toBe(Infinity); // full
    const pause = l.rateLimited(1000);
    expect(pause).toBeGreaterThanOrEqual(1000);
    expect(l.limit).toBe(4);
    l.rateLimited(1000); // the same storm, answered by another request in flight
    l.rateLimited(1000);
    expect(l.limit).toBe(4);
    expect(l.wait(0)).toBeGreaterThanOrEqual(900); // the shared window
    c.advance(pause + 1);
    for (let i = 0; i < 5; i++) l.succeeded();
    expect(l.active).toBe(0);
    // +1 after each round of successes at the current level: 4 → 5 after 4, → 6 after 5 more…
    for (let i = 0; i < 4 + 5 + 6 + 7; i++) {
      l.take(0);
      l.succeeded();
    }
    expect(l.limit).toBe(8);
    for (let i = 0; i < 20; i++) {
      l.take(0);
      l.succeeded();
    }
    expect(l.limit).toBe(8); // never above the ceiling
  });

  it('backs off 1 s, 2 s, 4 s… without RetryInfo, and a success resets it', () => {
    const c = clock();
    const l = new Limiter({ concurrency: 4, now: c.now });
    l.take(0);
    const a = l.rateLimited(undefined);
    c.advance(a);
    l.take(0);
    const b = l.rateLimited(undefined);
    expect(a).toBeGreaterThanOrEqual(1000);
    expect(b).toBeGreaterThanOrEqual(2000);
    c.advance(b);
    l.take(0);
    l.succeeded();
    l.take(0);
    expect(l.rateLimited(undefined)).toBeLessThan(1300);
  });

  it('keeps to requests per minute over a sliding window', () => {
    const c = clock();
    const l = new Limiter({ concurrency: 100, requestsPerMinute: 3, now: c.now });
    for (let i = 0; i < 3; i++) {
      expect(l.wait(0)).toBe(0);
      l.take(0);
      l.succeeded();
      c.advance(10_000);
    }
    expect(l.wait(0)).toBe(30_000); // the first one leaves the window 60 s after it started
    c.advance(30_000);
    expect(l.wait(0)).toBe(0);
  });

  it('keeps to tokens per minute, replacing estimates by real usage', () => {
    const c = clock();
    const l = new Limiter({ concurrency: 100, tokensPerMinute: 100, now: c.now });
    const h = l.take(60);
    expect(l.wait(50)).toBeGreaterThan(0); // 60 + 50 > 100
    l.usage(h, 30); // it really used 30
    expect(l.wait(50)).toBe(0);
    l.take(50);
    expect(l.wait(500)).toBeGreaterThan(0);
    c.advance(60_001);
    expect(l.wait(500)).toBe(0); // larger than the budget, but the window is empty
  });
});

describe('token counts for the budget', () => {
  it('estimates ~4 characters a token from the request text', () => {
    expect(estimateTokens({ model: 'gemini-2.5-flash', contents: 'x'.repeat(40) })).toBe(10);
    expect(
      estimateTokens({
        contents: [{ parts: [{ inlineData: { data: 'A'.repeat(4000) } }, { text: 'abcd' }] }],
      }),
    ).toBe(1);
  });

  it('uses LocalTokenizer when installed and the model is known, else the estimate', async () => {
    const count = tokenCounter('local');
    const text = 'What is the capital of France?';
    const local = await new LocalTokenizer('gemini-2.5-flash').countTokens(text);
    expect(await count({ model: 'gemini-2.5-flash', contents: text })).toBe(local.totalTokens);
    expect(await count({ model: 'unknown-model-x', contents: 'x'.repeat(40) })).toBe(10);
    expect(await tokenCounter((i) => (i as { n: number }).n)({ n: 7 })).toBe(7);
  }, 120_000); // the vocabulary takes seconds to build, more on a busy machine
});
