/**
 * Retries against a real emulator: server-requested delays (Retry-After, RetryInfo) are waited out,
 * exhausted retries surface the last typed error, client errors are never retried, and a connection
 * cut mid-body is retried.
 */
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '../../src/core/index.js';
import { callsTo, MODEL, rejection, setup, timed } from './helpers.js';

const GEN = 'models.generateContent';

/** Gaps between consecutive logged requests to `methodId`, in ms (emulator clock = real time). */
function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('retries against the emulator', () => {
  it('waits the Retry-After delay of a 503, then succeeds', async () => {
    const { emu, client } = await setup();
    emu.control.faults.failNext(1, { code: 503, retryAfter: 0.15, methodId: GEN });
    const { ms, value } = await timed(() => client.models.generateContent({ model: MODEL, contents: 'hi' }));
    expect(value?.text).toBe('Echo: hi');
    const times = emu.control.requests.map((r) => r.time);
    expect(times).toHaveLength(2);
    expect(gaps(times)[0]).toBeGreaterThanOrEqual(150);
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(2000);
  });

  it('waits the RetryInfo delay of each 429, then succeeds', async () => {
    const { emu, client } = await setup();
    emu.control.faults.failNext(2, { code: 429, retryDelay: '0.08s', methodId: GEN });
    const { ms, value } = await timed(() =>
      client.models.generateContent({ model: MODEL, contents: 'again' }),
    );
    expect(value?.text).toBe('Echo: again');
    expect(callsTo(emu, GEN)).toBe(3);
    for (const gap of gaps(emu.control.requests.map((r) => r.time))) expect(gap).toBeGreaterThanOrEqual(80);
    expect(ms).toBeGreaterThanOrEqual(160);
  });

  it('prefers RetryInfo over a longer Retry-After', async () => {
    const { emu, client } = await setup();
    emu.control.faults.failNext(1, { code: 429, retryDelay: '0.05s', retryAfter: 30, methodId: GEN });
    const { ms, value } = await timed(() => client.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(value?.text).toBe('Echo: x');
    expect(gaps(emu.control.requests.map((r) => r.time))[0]).toBeGreaterThanOrEqual(50);
    expect(ms).toBeLessThan(2000);
  });

  it('retries a GET too (models.get)', async () => {
    const { emu, client } = await setup();
    emu.control.faults.failNext(2, { code: 500, methodId: 'models.get' });
    const model = await client.models.get(MODEL);
    expect(model.name).toBe(`models/${MODEL}`);
    expect(callsTo(emu, 'models.get')).toBe(3);
  });

  it('surfaces RateLimitError with code, message, details and retryDelay once retries are exhausted', async () => {
    const { emu, client } = await setup({ maxRetries: 2 });
    const quota = {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        { quotaMetric: 'generativelanguage.googleapis.com/generate_requests', quotaId: 'PerMinute' },
      ],
    };
    emu.control.faults.failNext(3, { code: 429, retryDelay: '0.05s', details: [quota], methodId: GEN });
    const err = await rejection(client.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(err).toBeInstanceOf(RateLimitError);
    const e = err as RateLimitError;
    expect(e.status).toBe(429);
    expect(e.code).toBe('RESOURCE_EXHAUSTED');
    expect(e.message).toMatch(/^You exceeded your current quota/);
    expect(e.retryDelay).toBe(50);
    expect(e.detail('RetryInfo')).toMatchObject({ retryDelay: '0.05s', retryDelayMs: 50 });
    expect(e.detail('QuotaFailure')?.violations).toEqual(quota.violations);
    expect(callsTo(emu, GEN)).toBe(3);
  });

  it('surfaces ServerError (UNAVAILABLE) once retries are exhausted, honouring maxRetries per call', async () => {
    const { emu, client } = await setup({ maxRetries: 5 });
    emu.control.faults.failNext(10, { code: 503, methodId: GEN });
    const err = await rejection(
      client.models.generateContent({ model: MODEL, contents: 'x' }, { maxRetries: 1 }),
    );
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      message: 'The model is overloaded. Please try again later.',
    });
    expect(callsTo(emu, GEN)).toBe(2);
  });

  it('does not retry when the server asks for a longer wait than maxServerDelay', async () => {
    const { emu, client } = await setup();
    emu.control.faults.failNext(1, { code: 429, retryDelay: 120, methodId: GEN });
    const { ms, error } = await timed(() => client.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryDelay).toBe(120_000);
    expect(callsTo(emu, GEN)).toBe(1);
    expect(ms).toBeLessThan(1000);
  });

  it.each([
    [400, BadRequestError, 'INVALID_ARGUMENT'],
    [401, AuthenticationError, 'UNAUTHENTICATED'],
    [403, PermissionDeniedError, 'PERMISSION_DENIED'],
    [404, NotFoundError, 'NOT_FOUND'],
  ] as const)('never retries a %i', async (code, type, status) => {
    const { emu, client } = await setup({ maxRetries: 3 });
    emu.control.faults.failNext(4, { code, message: `injected ${code}`, methodId: GEN });
    const err = await rejection(client.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ status: code, code: status, message: `injected ${code}` });
    expect(callsTo(emu, GEN)).toBe(1);
  });

  it('retries a connection cut mid-body and succeeds', async () => {
    const { emu, client } = await setup();
    emu.control.faults.cutNext(12, { methodId: GEN });
    const reply = await client.models.generateContent({ model: MODEL, contents: 'cut' });
    expect(reply.text).toBe('Echo: cut');
    expect(callsTo(emu, GEN)).toBe(2);
  });

  it('retries a cut before any body byte, and a stream that fails before its first byte', async () => {
    const { emu, client } = await setup();
    emu.control.faults.cutNext(0, { methodId: GEN });
    expect((await client.models.generateContent({ model: MODEL, contents: 'a' })).text).toBe('Echo: a');
    emu.control.faults.failNext(1, { code: 503, methodId: 'models.streamGenerateContent' });
    const final = await client.models.generateContentStream({ model: MODEL, contents: 'b' }).finalResponse();
    expect(final.text).toBe('Echo: b');
    expect(callsTo(emu, 'models.streamGenerateContent')).toBe(2);
  });
});
