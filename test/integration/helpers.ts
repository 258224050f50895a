/**
 * Shared setup of the integration tests: a real emulator on 127.0.0.1:0 per test, a client pointed at
 * it with millisecond backoff, and small helpers to capture errors and time calls.
 */
import { afterEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { Gemini, type GeminiOptions } from '../../src/client.js';
import type { Logger } from '../../src/core/index.js';

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** The key the tests send (any non-empty key is accepted by a default emulator). */
export const KEY = 'test-key';

/** The model the tests talk to (present in the emulator's catalog). */
export const MODEL = 'gemini-2.5-flash';

/** Starts an emulator that is closed after the current test. */
export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, ...options });
  running.push(emu);
  return emu;
}

/** A client for `emu`: key `test-key`, 1–5 ms backoff, 5 s timeout, with overrides. */
export function clientFor(emu: RunningEmulator, options: GeminiOptions = {}): Gemini {
  return new Gemini({
    apiKey: KEY,
    baseUrl: emu.url,
    timeout: 5000,
    backoff: { baseDelay: 1, maxDelay: 5 },
    ...options,
  });
}

/** Starts an emulator and a client for it. */
export async function setup(
  options: GeminiOptions = {},
  emuOptions: EmulatorOptions = {},
): Promise<{ emu: RunningEmulator; client: Gemini }> {
  const emu = await emulator(emuOptions);
  return { emu, client: clientFor(emu, options) };
}

/** The rejection of `p` (fails the test if `p` resolves). */
export async function rejection(p: PromiseLike<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Runs `fn` and returns its settled outcome together with the elapsed wall time in ms. */
export async function timed<T>(
  fn: () => PromiseLike<T>,
): Promise<{ ms: number; value?: T; error?: unknown }> {
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t0, value };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

/** Collects every item of an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Logged API requests for one method id. */
export function callsTo(emu: RunningEmulator, methodId: string): number {
  return emu.control.requests.filter((r) => r.methodId === methodId).length;
}

/** A logger that keeps every line (message plus data) for assertions. */
export function memoryLogger(): Logger & {
  lines: Array<{ message: string; data?: Record<string, unknown> }>;
} {
  const lines: Array<{ message: string; data?: Record<string, unknown> }> = [];
  return {
    lines,
    debug: (message, data) => void lines.push(data === undefined ? { message } : { message, data }),
  };
}

/**
 * Sets environment variables for the duration of `fn` (`undefined` deletes one) and restores every
 * one of them afterwards, whatever happens.
 */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>): void => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}
