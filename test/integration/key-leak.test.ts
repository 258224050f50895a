/**
 * The API key never leaks: every error path is forced against a real emulator (or a closed port) with
 * a recognisable key, and the key must appear nowhere in the error's message, stack, String(),
 * JSON.stringify or util.inspect (depth 10, hidden fields), nor in the client, nor in any log line.
 */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.js';
import { Gemini } from '../../src/client.js';
import { GeminiError } from '../../src/core/index.js';
import type { GenerateContentInput } from '../../src/models/request.js';
import { clientFor, collect, emulator, MODEL, memoryLogger } from './helpers.js';

const KEY = 'AIzaSECRETkey-123';
const logger = memoryLogger();
const errors: unknown[] = [];

/** Every textual view of a value that could end up in a log, a bug report or a crash dump. */
function views(x: unknown): string[] {
  const out = [
    inspect(x, { depth: 10 }),
    inspect(x, { depth: 10, showHidden: true, getters: true }),
    JSON.stringify(x) ?? '',
    String(x),
  ];
  if (x instanceof Error)
    out.push(x.message, x.stack ?? '', inspect(x.cause, { depth: 10, showHidden: true }));
  return out;
}

function expectClean(what: string, x: unknown): void {
  for (const v of views(x)) expect(v, what).not.toContain(KEY);
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

type Case = [name: string, run: (emu: RunningEmulator, client: Gemini) => Promise<unknown>, expected: string];

const cases: Case[] = [
  [
    'bad request (validation)',
    (_e, c) =>
      c.models.generateContent({
        model: MODEL,
        contents: 'x',
        generationConfig: { foo: 1 },
      } as unknown as GenerateContentInput),
    'BadRequestError',
  ],
  [
    'unknown model (404)',
    (_e, c) => c.models.generateContent({ model: 'gemini-nope', contents: 'x' }),
    'NotFoundError',
  ],
  [
    '429 until retries are exhausted',
    (e, c) => {
      e.control.faults.failNext(3, { code: 429, retryDelay: '0.01s' });
      return c.models.generateContent({ model: MODEL, contents: 'x' });
    },
    'RateLimitError',
  ],
  [
    '503 until retries are exhausted (stream)',
    (e, c) => {
      e.control.faults.failNext(3, { code: 503 });
      return collect(c.models.generateContentStream({ model: MODEL, contents: 'x' }));
    },
    'ServerError',
  ],
  [
    'timeout',
    (e, c) => {
      e.control.faults.delayNext(2000, { count: 3 });
      return c.models.generateContent({ model: MODEL, contents: 'x' }, { timeout: 30 });
    },
    'TimeoutError',
  ],
  [
    'abort',
    (e, c) => {
      e.control.faults.delayNext(2000);
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('cancelled')), 20);
      return c.models.get(MODEL, { signal: ac.signal });
    },
    'AbortError',
  ],
  [
    'stream truncation',
    (e, c) => {
      e.control.script(MODEL, { text: 'a b c', chunks: 3 });
      e.control.faults.truncateStream(1);
      return collect(c.models.generateContentStream({ model: MODEL, contents: 'x' }));
    },
    'StreamError',
  ],
  [
    'stream cut mid-event',
    (e, c) => {
      e.control.faults.cutNext(15);
      return c.models.generateContentStream({ model: MODEL, contents: 'x' }).finalResponse();
    },
    'StreamError',
  ],
  [
    'mid-stream error event',
    (e, c) => {
      e.control.script(MODEL, {
        text: 'a b',
        chunks: 2,
        streamError: { afterChunks: 1, error: { code: 500, message: 'boom' } },
      });
      return collect(c.models.generateContentStream({ model: MODEL, contents: 'x' }));
    },
    'ServerError',
  ],
  ['invalid path parameter', (_e, c) => c.models.get('models/a/b'), 'InvalidArgumentError'],
  [
    'bad page token',
    (_e, c) => collect(c.models.list({ pageSize: 2, pageToken: 'bogus-token' })),
    'BadRequestError',
  ],
  [
    'key in a query parameter of a failing raw request',
    (_e, c) => c.transport.request({ method: 'GET', path: 'models/nope', query: { key: KEY } }),
    'NotFoundError',
  ],
];

describe('the API key never leaks', () => {
  afterAll(() => {
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });

  it.each(cases)('%s', async (_name, run, expected) => {
    const emu = await emulator();
    const client = clientFor(emu, { apiKey: KEY, logger, maxRetries: 2 });
    const err = await run(emu, client).then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GeminiError);
    expect((err as Error).name).toBe(expected);
    expectClean('error', err);
    expectClean('client', client);
    expectClean('log lines', logger.lines);
    expectClean('emulator request log', emu.control.requests);
    errors.push(err);
  });

  it('a rejected key (API_KEY_INVALID) does not echo it', async () => {
    const emu = await emulator({ apiKeys: ['another-key'] });
    const client = clientFor(emu, { apiKey: KEY, logger });
    const err = await client.models.get(MODEL).catch((e: unknown) => e);
    expect((err as Error).name).toBe('BadRequestError');
    expectClean('error', err);
  });

  it('connection refused on a closed 127.0.0.1 port', async () => {
    const port = await closedPort();
    const client = new Gemini({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      logger,
      maxRetries: 1,
      backoff: { baseDelay: 1 },
    });
    const err = await client.models.generateContent({ model: MODEL, contents: 'x' }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConnectionError');
    expectClean('error', err);
    expectClean('client', client);
  });

  it('the client, its transport and pending calls, constructed every way', async () => {
    const emu = await emulator();
    const clients = [
      new Gemini({ apiKey: KEY }),
      clientFor(emu, { apiKey: KEY }),
      clientFor(emu, { apiKey: KEY, headers: { 'x-custom': 'y' } }),
    ];
    for (const c of clients) {
      expectClean('client', c);
      expectClean('transport', c.transport);
      expectClean('models', c.models);
      expectClean('stream', c.models.generateContentStream({ model: MODEL, contents: 'x' }));
      expectClean('pager', c.models.list());
    }
    const p = clients[1]!.models.get(MODEL);
    expectClean('pending promise', p);
    expectClean('result', await p);
  });

  it('GEMINI_LOG=debug console output', async () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    let calls: unknown[][] = [];
    const saved = process.env['GEMINI_LOG'];
    process.env['GEMINI_LOG'] = 'debug';
    try {
      const emu = await emulator();
      emu.control.faults.failNext(1, { code: 503 });
      const client = clientFor(emu, { apiKey: KEY });
      await client.models.get(MODEL);
      await client.models.get('nope').catch(() => undefined);
      calls = spy.mock.calls.map((c) => [...c]);
    } finally {
      if (saved === undefined) delete process.env['GEMINI_LOG'];
      else process.env['GEMINI_LOG'] = saved;
      spy.mockRestore();
    }
    expect(calls.length).toBeGreaterThan(3);
    expectClean('console.debug', calls);
  });

  it('covered every error path', () => {
    expect(errors).toHaveLength(cases.length);
  });
});
