/**
 * Debug logging: a `logger` option, or GEMINI_LOG=debug (console), receives method, URL without secrets,
 * status, latency and retry decisions. Nothing is logged by default.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gemini } from '../../src/client.js';
import { MODEL, memoryLogger, setup, withEnv } from './helpers.js';

const KEY = 'AIzaSECRETlogging-key';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('debug logging', () => {
  it('logs request, response (status, latency), retry and failure decisions to a logger', async () => {
    const logger = memoryLogger();
    const { emu, client } = await setup({ apiKey: KEY, logger, maxRetries: 1 });
    emu.control.faults.failNext(1, { code: 503, retryAfter: 0.02 });
    await client.models.generateContent({ model: MODEL, contents: 'x' });
    const url = `${emu.url}/v1beta/models/${MODEL}:generateContent`;
    expect(logger.lines.map((l) => l.message)).toEqual([
      'request',
      'response',
      'retry',
      'request',
      'response',
    ]);
    expect(logger.lines[0]?.data).toEqual({ method: 'POST', url, attempt: 0 });
    expect(logger.lines[1]?.data).toMatchObject({ method: 'POST', url, status: 503, ms: expect.any(Number) });
    expect(logger.lines[2]?.data).toMatchObject({
      url,
      attempt: 0,
      error: 'ServerError',
      delayMs: expect.any(Number),
    });
    expect(logger.lines[2]?.data?.['delayMs']).toBeGreaterThanOrEqual(20);
    expect(logger.lines[3]?.data).toMatchObject({ attempt: 1 });
    expect(logger.lines[4]?.data).toMatchObject({ status: 200 });

    logger.lines.length = 0;
    emu.control.faults.failNext(2, { code: 404, message: 'gone' });
    await client.models.get(MODEL).catch(() => undefined);
    expect(logger.lines.map((l) => l.message)).toEqual(['request', 'response', 'failed']);
    expect(logger.lines[2]?.data).toMatchObject({ method: 'GET', error: 'NotFoundError' });
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });

  it('logs the URL without a key passed in the query', async () => {
    const logger = memoryLogger();
    const { client } = await setup({ apiKey: KEY, logger });
    await client.transport.request({ method: 'GET', path: 'models', query: { key: KEY, pageSize: 1 } });
    const urls = logger.lines.map((l) => String(l.data?.['url']));
    expect(urls[0]).toContain('pageSize=1');
    for (const u of urls) expect(u).not.toContain(KEY);
  });

  it('GEMINI_LOG=debug logs to console.debug', async () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const { emu } = await setup();
    await withEnv({ GEMINI_LOG: 'debug' }, async () => {
      await new Gemini({ apiKey: KEY, baseUrl: emu.url }).models.get(MODEL);
    });
    const lines = spy.mock.calls.map((args) =>
      args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
    );
    expect(lines[0]).toMatch(/^\[gemini\] request .*"method":"GET".*\/v1beta\/models\/gemini-2\.5-flash/);
    expect(lines[1]).toMatch(/^\[gemini\] response .*"status":200.*"ms":\d+/);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('logs nothing by default', async () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const { emu } = await setup();
    await withEnv({ GEMINI_LOG: undefined }, async () => {
      await new Gemini({ apiKey: KEY, baseUrl: emu.url }).models.get(MODEL);
    });
    expect(spy).not.toHaveBeenCalled();
  });
});
