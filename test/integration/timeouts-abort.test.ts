/**
 * Timeouts and cancellation against a real emulator: per-attempt timeouts (retried, then TimeoutError),
 * the overall deadline, and AbortSignal cancelling a request, a stream and a backoff wait promptly.
 */
import { describe, expect, it } from 'vitest';
import { AbortError, TimeoutError } from '../../src/core/index.js';
import { callsTo, collect, MODEL, rejection, setup, timed } from './helpers.js';

const GEN = 'models.generateContent';
const STREAM = 'models.streamGenerateContent';

/** Aborts `ac` with `reason` after `ms`. */
function abortLater(ac: AbortController, ms: number, reason: unknown): void {
  setTimeout(() => ac.abort(reason), ms);
}

describe('timeouts', () => {
  it('times out each attempt, retries, then raises TimeoutError', async () => {
    const { emu, client } = await setup({ timeout: 80, maxRetries: 1 });
    emu.control.faults.delayNext(2000, { count: 2, methodId: GEN });
    const { ms, error } = await timed(() =>
      client.models.generateContent({ model: MODEL, contents: 'slow' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(/timed out after 80 ms/);
    expect(callsTo(emu, GEN)).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(160);
    expect(ms).toBeLessThan(1500);
  });

  it('succeeds on the retry after one slow attempt', async () => {
    const { emu, client } = await setup({ timeout: 100 });
    emu.control.faults.delayNext(1000, { methodId: GEN });
    const reply = await client.models.generateContent({ model: MODEL, contents: 'second time' });
    expect(reply.text).toBe('Echo: second time');
    expect(callsTo(emu, GEN)).toBe(2);
  });

  it('a per-call timeout overrides the client default', async () => {
    const { emu, client } = await setup({ timeout: 10_000, maxRetries: 0 });
    emu.control.faults.delayNext(2000, { methodId: GEN });
    const { ms, error } = await timed(() =>
      client.models.generateContent({ model: MODEL, contents: 'x' }, { timeout: 60 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  it('the overall deadline caps attempts and backoff', async () => {
    const { emu, client } = await setup({ timeout: 5000, maxRetries: 5, deadline: 150 });
    emu.control.faults.delayNext(2000, { count: 6, methodId: GEN });
    const { ms, error } = await timed(() => client.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(/deadline of 150 ms/);
    expect(ms).toBeLessThan(1000);
  });

  it('a stream that waits too long for its headers times out', async () => {
    const { emu, client } = await setup({ timeout: 80, maxRetries: 0 });
    emu.control.faults.delayNext(2000, { methodId: STREAM });
    const err = await rejection(
      collect(client.models.generateContentStream({ model: MODEL, contents: 'x' })),
    );
    expect(err).toBeInstanceOf(TimeoutError);
  });
});

describe('cancellation', () => {
  it('aborts a request in flight promptly, with the reason, and does not retry', async () => {
    const { emu, client } = await setup();
    emu.control.faults.delayNext(5000, { methodId: GEN });
    const ac = new AbortController();
    const reason = new Error('user navigated away');
    abortLater(ac, 50, reason);
    const { ms, error } = await timed(() =>
      client.models.generateContent({ model: MODEL, contents: 'x' }, { signal: ac.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe(reason);
    expect((error as AbortError).message).toContain('user navigated away');
    expect(ms).toBeLessThan(500);
    expect(callsTo(emu, GEN)).toBe(1);
  });

  it('rejects at once for an already-aborted signal, sending nothing', async () => {
    const { emu, client } = await setup();
    const err = await rejection(
      client.models.generateContent({ model: MODEL, contents: 'x' }, { signal: AbortSignal.abort('early') }),
    );
    expect(err).toBeInstanceOf(AbortError);
    expect((err as AbortError).reason).toBe('early');
    expect(emu.control.requests).toHaveLength(0);
  });

  it('aborts the backoff wait promptly', async () => {
    const { emu, client } = await setup();
    emu.control.faults.failNext(1, { code: 503, retryAfter: 10, methodId: GEN });
    const ac = new AbortController();
    abortLater(ac, 60, 'stop waiting');
    const { ms, error } = await timed(() =>
      client.models.generateContent({ model: MODEL, contents: 'x' }, { signal: ac.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe('stop waiting');
    expect(ms).toBeLessThan(500);
    expect(callsTo(emu, GEN)).toBe(1);
  });

  it('aborts a stream waiting for its response promptly', async () => {
    const { emu, client } = await setup();
    emu.control.faults.delayNext(5000, { methodId: STREAM });
    const ac = new AbortController();
    abortLater(ac, 50, 'cancel stream');
    const { ms, error } = await timed(() =>
      collect(client.models.generateContentStream({ model: MODEL, contents: 'x' }, { signal: ac.signal })),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe('cancel stream');
    expect(ms).toBeLessThan(500);
  });

  it('aborts a stream mid-way through its chunks', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, { text: 'a b c d e f', chunks: ['a ', 'b ', 'c ', 'd ', 'e ', 'f'] });
    const ac = new AbortController();
    const seen: string[] = [];
    const { error } = await timed(async () => {
      for await (const chunk of client.models.generateContentStream(
        { model: MODEL, contents: 'x' },
        { signal: ac.signal },
      )) {
        seen.push(chunk.text);
        if (seen.length === 2) ac.abort('enough');
      }
    });
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe('enough');
    expect(seen).toEqual(['a ', 'b ']);
    expect(callsTo(emu, STREAM)).toBe(1);
  });

  it('stream.abort() ends iteration with AbortError', async () => {
    const { emu, client } = await setup();
    emu.control.faults.delayNext(5000, { methodId: STREAM });
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'x' });
    setTimeout(() => stream.abort('not needed'), 50);
    const { ms, error } = await timed(() => collect(stream));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe('not needed');
    expect(ms).toBeLessThan(500);
  });
});
