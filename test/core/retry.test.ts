import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isNetworkError,
  isRetryableStatus,
  parseDuration,
  parseRetryAfter,
  retryDelay,
  sleep,
} from '../../src/core/retry.js';

describe('backoff', () => {
  it('is full jitter over an exponentially growing, capped window', () => {
    const at = (r: number) => ({ baseDelay: 100, maxDelay: 1000, random: () => r });
    expect(backoffDelay(0, at(0))).toBe(0);
    expect(backoffDelay(0, at(0.5))).toBe(50);
    expect(backoffDelay(1, at(0.5))).toBe(100);
    expect(backoffDelay(2, at(0.999))).toBe(399);
    expect(backoffDelay(10, at(0.999))).toBe(999);
  });

  it('stays within [0, min(cap, base * 2^n)) for any random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, base, cap, r) => {
          const d = backoffDelay(n, { baseDelay: base, maxDelay: cap, random: () => r });
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThan(Math.max(1, Math.min(cap, base * 2 ** n)));
        },
      ),
    );
  });

  it('waits at least the server delay and refuses one beyond maxServerDelay', () => {
    const o = { baseDelay: 100, maxDelay: 1000, maxServerDelay: 10_000, random: () => 0.5 };
    expect(retryDelay(0, undefined, o)).toBe(50);
    expect(retryDelay(0, 2000, o)).toBe(2000);
    expect(retryDelay(0, 10, o)).toBe(50);
    expect(retryDelay(0, 10_001, o)).toBeUndefined();
    expect(retryDelay(0, 60_000, { random: () => 0 })).toBe(60_000);
    expect(retryDelay(0, 60_001, { random: () => 0 })).toBeUndefined();
  });
});

describe('parseDuration (RetryInfo.retryDelay)', () => {
  it.each([
    ['37s', 37_000],
    ['1.5s', 1500],
    ['34.4s', 34_400],
    ['0s', 0],
    ['0.000000500s', 0],
    ['.25s', 250],
    [' 2s ', 2000],
  ])('%s → %i ms', (s, ms) => expect(parseDuration(s)).toBe(ms));

  it.each(['', '5', '5m', 's', '-1s', 'abc', undefined])('rejects %s', (s) => {
    expect(parseDuration(s)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('parses delta-seconds (and lenient decimals)', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('0.05', now)).toBe(50);
  });
  it('parses HTTP dates, clamping past ones to 0', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('retryability', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i', (s) => expect(isRetryableStatus(s)).toBe(true));
  it.each([200, 400, 401, 403, 404, 409, 413, 501])('never retries %i', (s) =>
    expect(isRetryableStatus(s)).toBe(false),
  );

  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each([
    [
      'fetch TypeError',
      new TypeError('fetch failed', { cause: withCode('other side closed', 'UND_ERR_SOCKET') }),
    ],
    ['browser TypeError', new TypeError('Failed to fetch')],
    ['firefox TypeError', new TypeError('NetworkError when attempting to fetch resource.')],
    ['ECONNRESET code', withCode('read ECONNRESET', 'ECONNRESET')],
    ['socket hang up', new Error('socket hang up')],
    ['UND_ERR_SOCKET', withCode('x', 'UND_ERR_SOCKET')],
    [
      'ECONNREFUSED cause',
      new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
    ['body terminated', new TypeError('terminated')],
  ])('network error: %s', (_, e) => expect(isNetworkError(e)).toBe(true));

  it.each([
    ['invalid URL', new TypeError('Failed to parse URL from nope')],
    ['abort', new DOMException('This operation was aborted', 'AbortError')],
    ['plain error', new Error('boom')],
    ['not an error', 'fetch failed'],
    ['null', null],
  ])('not a network error: %s', (_, e) => expect(isNetworkError(e)).toBe(false));
});

describe('sleep', () => {
  it('waits and is cancelled promptly by a signal', async () => {
    const t0 = Date.now();
    await sleep(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    const ac = new AbortController();
    const p = sleep(10_000, ac.signal);
    setTimeout(() => ac.abort(new Error('stop')), 10);
    const t1 = Date.now();
    await expect(p).rejects.toThrow('stop');
    expect(Date.now() - t1).toBeLessThan(1000);
    await expect(sleep(10, AbortSignal.abort('already'))).rejects.toBe('already');
  });
});
