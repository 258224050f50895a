import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  Gemini,
  InvalidArgumentError,
  SessionClosedError,
  SessionConnectError,
  fieldMask,
} from '../../src/index.js';
import { MODEL, setup, turnText, untilTurnComplete, waitFor } from './helpers.js';

describe('ephemeral tokens', () => {
  it('creates a token (v1alpha) whose constrained sessions use the locked setup', async () => {
    const { emu, client } = await setup();
    const token = await client.authTokens.create({
      uses: 2,
      liveConnectConstraints: {
        model: MODEL,
        config: { responseModalities: ['TEXT'], systemInstruction: 'Be terse.' },
      },
    });
    expect(token.name).toMatch(/^auth_tokens\//);
    const req = emu.control.requests.find((r) => r.path.endsWith('/auth_tokens'));
    expect(req?.path).toBe('/v1alpha/auth_tokens');
    expect(req?.body).toMatchObject({ uses: 2, bidiGenerateContentSetup: { model: `models/${MODEL}` } });

    // A browser would only have the token: it is the "key" of its client.
    const browser = new Gemini({ apiKey: token.name!, baseUrl: emu.url });
    const session = await browser.live.connect({
      model: MODEL,
      config: { responseModalities: ['AUDIO'], temperature: 0.3 },
    });
    session.sendClientContent({ turns: 'hi' });
    expect(turnText(await untilTurnComplete(session))).toBe('Echo: hi'); // TEXT: the locked modality won
    const setupSeen = emu.control.live.sessions()[0]?.setup;
    expect(setupSeen).toMatchObject({
      generationConfig: { responseModalities: ['TEXT'], temperature: 0.3 },
      systemInstruction: { parts: [{ text: 'Be terse.' }] },
    });
    expect(emu.control.live.tokenUses(token.name!)).toBe(1);
    await session.close();
  });

  it('is refused for REST calls: by the SDK before sending, and by the emulator as an invalid key', async () => {
    const { emu, client } = await setup();
    const token = await client.authTokens.create({ uses: 1 });
    const browser = new Gemini({ apiKey: token.name!, baseUrl: emu.url });
    const before = emu.control.requests.length;
    const err = await browser.models
      .generateContent({ model: MODEL, contents: 'hi' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(/Live API sessions only/);
    expect((err as Error).message).not.toContain(token.name!.slice('auth_tokens/'.length));
    expect(emu.control.requests.length).toBe(before);
    // Sent anyway (raw fetch): the emulator answers as the service does for a key it does not know.
    const res = await fetch(`${emu.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': token.name! },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { status: string; details: { reason?: string }[] } };
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.details[0]?.reason).toBe('API_KEY_INVALID');
  });

  it('a client with no API key anywhere opens a session with a token (the key is never looked up)', async () => {
    const { emu, client } = await setup();
    const token = await client.authTokens.create({ uses: 1 });
    const saved = { g: process.env['GEMINI_API_KEY'], o: process.env['GOOGLE_API_KEY'] };
    delete process.env['GEMINI_API_KEY'];
    delete process.env['GOOGLE_API_KEY'];
    try {
      const browserLike = new Gemini({ baseUrl: emu.url });
      const session = await browserLike.live.connect({ model: MODEL, accessToken: token.name! });
      expect(session.state).toBe('open');
      await session.close();
      // Without a token it still says plainly that no key is set.
      await expect(browserLike.live.connect({ model: MODEL })).rejects.toBeInstanceOf(InvalidArgumentError);
    } finally {
      if (saved.g !== undefined) process.env['GEMINI_API_KEY'] = saved.g;
      if (saved.o !== undefined) process.env['GOOGLE_API_KEY'] = saved.o;
    }
  });

  it('counts uses (a resume uses none) and refuses a spent token with 1008', async () => {
    const { emu, client } = await setup();
    const token = await client.authTokens.create({ uses: 1 });
    const s1 = await client.live.connect({
      model: MODEL,
      accessToken: token.name!,
      config: { sessionResumption: {} },
      reconnect: { backoff: { baseDelay: 1 } },
    });
    await waitFor(() => s1.resumeHandle !== undefined);
    const resumed = new Promise((r) => s1.once('resumed', r));
    emu.control.live.drop();
    await resumed; // resuming with the spent token is allowed
    const err = await client.live
      .connect({ model: MODEL, accessToken: token.name! })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionConnectError);
    expect(err).toMatchObject({ code: 1008, reason: 'The auth token has no uses left.' });
    expect((err as Error).message).not.toContain(token.name!.slice('auth_tokens/'.length));
    await s1.close();
  });

  it('expires on the emulator clock: open sessions are closed, new sessions refused', async () => {
    const { emu, client } = await setup();
    const now = emu.control.clock.now();
    const token = await client.authTokens.create({
      uses: 0,
      expireTime: new Date(now + 10 * 60_000),
      newSessionExpireTime: new Date(now + 60_000),
    });
    const session = await client.live.connect({ model: MODEL, accessToken: token.name! });
    emu.control.clock.advance(2 * 60_000); // past newSessionExpireTime: no new sessions
    const late = await client.live
      .connect({ model: MODEL, accessToken: token.name! })
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 1008, reason: expect.stringMatching(/no longer start new sessions/) });
    session.sendClientContent({ turns: 'still fine' });
    await untilTurnComplete(session);
    emu.control.clock.advance(10 * 60_000); // past expireTime: the open session is closed
    const err = await (async () => {
      for await (const _ of session) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionClosedError);
    expect(err).toMatchObject({ code: 1008, reason: 'The auth token has expired.' });
  });

  it('rejects a token on the plain endpoint, and bad create input', async () => {
    const { emu, client } = await setup();
    const token = await client.authTokens.create({});
    // Forced onto the key endpoint (as `key=`), the token is not an API key.
    const WS = (await import('ws')).WebSocket;
    const ws = new WS(
      `${emu.url.replace('http', 'ws')}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=${token.name}`,
    );
    const close = await new Promise<{ code: number; reason: string }>((r) =>
      ws.on('close', (code, reason) => r({ code, reason: reason.toString() })),
    );
    expect(close).toEqual({ code: 1008, reason: 'API key not valid. Please pass a valid API key.' });
    await expect(client.authTokens.create({ uses: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.authTokens.create({ expireTime: 'soon' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(
      client.authTokens.create({ expireTime: new Date(emu.control.clock.now() + 21 * 3600_000) }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('derives the field mask like the official SDKs', () => {
    const setupMsg = {
      model: 'models/m',
      generationConfig: { temperature: 1, responseModalities: ['AUDIO' as const] },
    };
    expect(fieldMask(setupMsg, undefined)).toBeUndefined();
    expect(fieldMask(setupMsg, [])).toBe(
      'model,generationConfig.temperature,generationConfig.responseModalities',
    );
    expect(fieldMask(setupMsg, ['topK', 'sessionResumption'])).toBe(
      'model,generationConfig.temperature,generationConfig.responseModalities,generationConfig.topK,sessionResumption',
    );
    expect(fieldMask(undefined, ['temperature'])).toBe('temperature');
  });
});
