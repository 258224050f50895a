/**
 * Where the API key comes from: the `apiKey` option, else GEMINI_API_KEY, else GOOGLE_API_KEY, read at
 * the first request. A missing key is a clear InvalidArgumentError before anything is sent (never a
 * cryptic 403 from the server). The emulator's `apiKeys` allow-list shows which key was sent.
 */
import { describe, expect, it } from 'vitest';
import { Gemini } from '../../src/client.js';
import { BadRequestError, InvalidArgumentError } from '../../src/core/index.js';
import { collect, emulator, MODEL, rejection, withEnv } from './helpers.js';

const NO_ENV_KEYS = { GEMINI_API_KEY: undefined, GOOGLE_API_KEY: undefined };

describe('API key resolution', () => {
  it('a missing key fails the first request with InvalidArgumentError, sending nothing', async () => {
    const emu = await emulator();
    await withEnv(NO_ENV_KEYS, async () => {
      const client = new Gemini({ baseUrl: emu.url }); // constructing never throws
      const err = await rejection(client.models.generateContent({ model: MODEL, contents: 'x' }));
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as Error).message).toMatch(/no API key.*GEMINI_API_KEY.*GOOGLE_API_KEY/);
      expect(
        await rejection(collect(client.models.generateContentStream({ model: MODEL, contents: 'x' }))),
      ).toBeInstanceOf(InvalidArgumentError);
      expect(await rejection(client.models.list())).toBeInstanceOf(InvalidArgumentError);
    });
    expect(emu.control.requests).toHaveLength(0);
  });

  it('an empty apiKey counts as missing', async () => {
    const emu = await emulator();
    await withEnv(NO_ENV_KEYS, async () => {
      const err = await rejection(new Gemini({ apiKey: '', baseUrl: emu.url }).models.get(MODEL));
      expect(err).toBeInstanceOf(InvalidArgumentError);
    });
    expect(emu.control.requests).toHaveLength(0);
  });

  it('GEMINI_API_KEY is used when no apiKey is given, and wins over GOOGLE_API_KEY', async () => {
    const emu = await emulator({ apiKeys: ['from-gemini-env'] });
    await withEnv({ GEMINI_API_KEY: 'from-gemini-env', GOOGLE_API_KEY: 'from-google-env' }, async () => {
      const reply = await new Gemini({ baseUrl: emu.url }).models.generateContent({
        model: MODEL,
        contents: 'env',
      });
      expect(reply.text).toBe('Echo: env');
    });
    const other = await emulator({ apiKeys: ['from-google-env'] });
    await withEnv({ GEMINI_API_KEY: 'from-gemini-env', GOOGLE_API_KEY: 'from-google-env' }, async () => {
      const err = await rejection(new Gemini({ baseUrl: other.url, maxRetries: 0 }).models.get(MODEL));
      expect(err).toBeInstanceOf(BadRequestError); // GEMINI_API_KEY was sent, not GOOGLE_API_KEY
    });
  });

  it('GOOGLE_API_KEY is the fallback when GEMINI_API_KEY is unset or blank', async () => {
    const emu = await emulator({ apiKeys: ['from-google-env'] });
    await withEnv({ GEMINI_API_KEY: undefined, GOOGLE_API_KEY: 'from-google-env' }, async () => {
      expect((await new Gemini({ baseUrl: emu.url }).models.get(MODEL)).name).toBe(`models/${MODEL}`);
    });
    await withEnv({ GEMINI_API_KEY: '  ', GOOGLE_API_KEY: 'from-google-env' }, async () => {
      expect((await new Gemini({ baseUrl: emu.url }).models.get(MODEL)).name).toBe(`models/${MODEL}`);
    });
  });

  it('an explicit apiKey wins over the environment', async () => {
    const emu = await emulator({ apiKeys: ['explicit'] });
    await withEnv({ GEMINI_API_KEY: 'from-gemini-env', GOOGLE_API_KEY: 'from-google-env' }, async () => {
      expect((await new Gemini({ apiKey: 'explicit', baseUrl: emu.url }).models.get(MODEL)).name).toBe(
        `models/${MODEL}`,
      );
    });
  });

  it('the environment is read at the first request, not at construction', async () => {
    const emu = await emulator({ apiKeys: ['late-key'] });
    await withEnv(NO_ENV_KEYS, async () => {
      const client = new Gemini({ baseUrl: emu.url });
      process.env['GEMINI_API_KEY'] = 'late-key';
      expect((await client.models.get(MODEL)).name).toBe(`models/${MODEL}`);
    });
  });
});
