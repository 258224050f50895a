/** Shared helpers for emulator tests: start/stop, keyed fetch, SSE parsing. */
import { afterEach, expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { ApiError } from '../../src/core/errors.js';

const running: RunningEmulator[] = [];

/** Starts an emulator that is closed after the current test. */
export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator(options);
  running.push(emu);
  return emu;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** The API key tests send. */
export const KEY = 'test-key';

/** fetch against the emulator with the key header and a per-request timeout. */
export function api(
  emu: RunningEmulator,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
  const { json, headers, ...rest } = init;
  return fetch(`${emu.url}${path}`, {
    signal: AbortSignal.timeout(60_000), // generous: a first countTokens loads a vocabulary (seconds)
    ...rest,
    ...(json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {}),
    headers: {
      'content-type': 'application/json',
      'x-goog-api-key': KEY,
      ...(headers as Record<string, string>),
    },
  });
}

/** A minimal user turn. */
export const userTurn = (text: string): { contents: { role: string; parts: { text: string }[] }[] } => ({
  contents: [{ role: 'user', parts: [{ text }] }],
});

/** Splits an SSE body into its `data:` payloads (expects CRLF framing). */
export function sseEvents(body: string): unknown[] {
  return body
    .split('\r\n\r\n')
    .filter((e) => e !== '')
    .map((e) => {
      if (!e.startsWith('data: ')) throw new Error(`not a data event: ${JSON.stringify(e)}`);
      return JSON.parse(e.slice('data: '.length)) as unknown;
    });
}

/** Reads a response body as JSON with a typed shape for assertions. */
export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** The google.rpc error envelope shape. */
export interface ErrorEnvelope {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] };
}

/**
 * Asserts that `err` is an ApiError carrying a google.rpc envelope (`code`, `message`, `status`, and
 * `details` only when present) for this HTTP code and status string; returns the error.
 */
export function rpc(err: unknown, code: number, status: string): ApiError {
  expect(err).toBeInstanceOf(ApiError);
  const e = err as ApiError;
  expect(e.status).toBe(code);
  expect(e.code).toBe(status);
  const body = e.body as { error: Record<string, unknown> };
  expect(body.error).toMatchObject({ code, status, message: e.message });
  expect(Object.keys(body.error).sort()).toEqual(
    'details' in body.error ? ['code', 'details', 'message', 'status'] : ['code', 'message', 'status'],
  );
  return e;
}
