// Connecting, early closes and protocol errors of the BidiGenerateMusic endpoint, over real sockets.
import { inspect } from 'node:util';
import { WebSocketServer } from 'ws';
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, TimeoutError } from '../../src/core/errors.js';
import { SessionClosedError, SessionConnectError } from '../../src/realtime/errors.js';
import { Gemini } from '../../src/client.js';
import { connect, exchange, KEY, MODEL, rawSocket, readAudio, setup } from './helpers.js';

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('connect', () => {
  it('resolves after setupComplete, which the iterator yields first', async () => {
    const { emu, client } = await setup();
    const session = await connect(client, { model: 'lyria-realtime-exp' });
    expect(session.model).toBe(MODEL);
    expect(session.state).toBe('open');
    expect(emu.control.music.sessions[0]?.model).toBe(MODEL);
    const first = await session[Symbol.asyncIterator]().next();
    expect(first.value).toEqual({ setupComplete: {} });
  });

  it('uses the client apiVersion in the path (v1alpha works too)', async () => {
    const { emu } = await setup();
    const client = new Gemini({ apiKey: KEY, baseUrl: emu.url, apiVersion: 'v1alpha' });
    const session = await connect(client);
    expect(session.state).toBe('open');
  });

  it('rejects with the close code and reason when the model is unknown (1008)', async () => {
    const { client } = await setup();
    const err = await rejection(client.live.music.connect({ model: 'models/gemini-2.5-flash' }));
    expect(err).toBeInstanceOf(SessionConnectError);
    expect((err as SessionConnectError).code).toBe(1008);
    expect((err as SessionConnectError).reason).toMatch(
      /^models\/gemini-2\.5-flash is not found .* bidiGenerateMusic/,
    );
  });

  it('rejects a key the emulator does not accept (1008) without leaking the key', async () => {
    const { emu } = await setup({}, { apiKeys: ['another-key'] });
    const secret = 'AIzaSecretMusicKey987654321';
    const client = new Gemini({ apiKey: secret, baseUrl: emu.url });
    const err = await rejection(client.live.music.connect());
    expect(err).toBeInstanceOf(SessionConnectError);
    expect((err as SessionConnectError).code).toBe(1008);
    expect((err as SessionConnectError).reason).toBe('API key not valid. Please pass a valid API key.');
    for (const text of [
      String(err),
      (err as Error).stack,
      JSON.stringify(err),
      inspect(err, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('rejects (never hangs) when the server accepts the socket but never completes the setup', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    try {
      const port = (wss.address() as { port: number }).port;
      const client = new Gemini({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}` });
      const t0 = performance.now();
      const err = await rejection(client.live.music.connect({ connectTimeout: 200 }));
      expect(err).toBeInstanceOf(TimeoutError);
      expect(performance.now() - t0).toBeLessThan(2000);
      // An early close during setup is a SessionConnectError with the server's code.
      wss.once('connection', (ws) => ws.close(1011, 'Internal error encountered.'));
      const closed = await rejection(client.live.music.connect());
      expect(closed).toMatchObject({ code: 1011, reason: 'Internal error encountered.' });
    } finally {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    }
  });

  it('rejects with AbortError when the signal aborts during connect, and when refused', async () => {
    const { emu, client } = await setup();
    const aborted = await rejection(client.live.music.connect({ signal: AbortSignal.abort() }));
    expect(aborted).toBeInstanceOf(AbortError);
    await emu.close();
    const refused = await rejection(client.live.music.connect());
    expect(refused).toBeInstanceOf(SessionConnectError);
  });

  it('rejects bad input before connecting', async () => {
    const { emu, client } = await setup();
    await expect(client.live.music.connect({ model: ' ' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.music.sessions).toHaveLength(0);
  });
});

describe('session lifecycle', () => {
  it('validates locally: nothing is sent and the session stays usable', async () => {
    const { emu, client } = await setup();
    const session = await connect(client);
    expect(() => session.setWeightedPrompts([])).toThrow(InvalidArgumentError);
    expect(() => session.setWeightedPrompts(null as never)).toThrow(InvalidArgumentError);
    expect(() => session.setMusicGenerationConfig(null as never)).toThrow(InvalidArgumentError);
    expect(() => session.setWeightedPrompts([{ text: 'a', weight: 0 }])).toThrow(/non-zero/);
    expect(() => session.setMusicGenerationConfig({ bpm: 300 })).toThrow(/bpm/);
    // @ts-expect-error: the scale enum is typed
    expect(() => session.setMusicGenerationConfig({ scale: 'H_MAJOR' })).toThrow(/scale/);
    session.setWeightedPrompts({ weightedPrompts: [{ text: 'ambient', weight: 2 }] }); // js-genai shape
    session.setMusicGenerationConfig({ musicGenerationConfig: { density: 0.2 } });
    session.play();
    await readAudio(session, 1);
    const info = emu.control.music.sessions[0];
    expect(info?.prompts).toEqual([{ text: 'ambient', weight: 2 }]);
    expect(info?.config).toEqual({ density: 0.2 });
    expect(info?.closed).toBe(false);
  });

  it('a server close mid-stream ends the iterator with SessionClosedError; sends then throw', async () => {
    const { emu, client } = await setup();
    const session = await connect(client);
    session.setWeightedPrompts([{ text: 'drums', weight: 1 }]);
    session.play();
    await readAudio(session, 2);
    const errors: unknown[] = [];
    session.on('error', (e) => errors.push(e));
    emu.control.music.closeAll(1011, 'Internal error encountered.');
    const err = await rejection(readAudio(session, 10_000));
    expect(err).toBeInstanceOf(SessionClosedError);
    expect(err).toMatchObject({ code: 1011, reason: 'Internal error encountered.' });
    expect(errors).toHaveLength(1);
    expect(() => session.play()).toThrow(SessionClosedError);
    expect(session.closeInfo).toMatchObject({ code: 1011, initiator: 'server' });
  });

  it('close() ends the iterator cleanly and resolves with 1000', async () => {
    const { client } = await setup();
    const session = await connect(client);
    const info = await session.close();
    expect(info).toMatchObject({ code: 1000, initiator: 'client' });
    const rest = [];
    for await (const m of session) rest.push(m);
    expect(rest).toEqual([{ setupComplete: {} }]);
    expect(JSON.stringify(session)).not.toContain(KEY);
  });
});

describe('emulator protocol errors', () => {
  const setupMsg = { setup: { model: MODEL } };
  it.each([
    ['a non-setup first message', [{ playbackControl: 'PLAY' }], 1007, 'The first message must be setup.'],
    ['a second setup', [setupMsg, setupMsg], 1007, 'setup must be sent only once, as the first message.'],
    ['a setup without model', [{ setup: {} }], 1007, /setup\.model: model is not specified$/],
    ['a frame that is not JSON', ['{nope'], 1007, 'Invalid JSON payload received. Unexpected token.'],
    [
      'two fields in one message',
      [setupMsg, { playbackControl: 'PLAY', musicGenerationConfig: {} }],
      1007,
      /^A client message must set exactly one of setup, /,
    ],
    [
      'no prompts',
      [setupMsg, { clientContent: { weightedPrompts: [] } }],
      1007,
      /weighted_prompts is not specified$/,
    ],
    [
      'a zero weight',
      [setupMsg, { clientContent: { weightedPrompts: [{ text: 'x', weight: 0 }] } }],
      1007,
      'Request contains an invalid argument.',
    ],
    [
      'bpm out of range',
      [setupMsg, { musicGenerationConfig: { bpm: 20 } }],
      1007,
      'Request contains an invalid argument.',
    ],
    [
      'an unknown scale',
      [setupMsg, { musicGenerationConfig: { scale: 'H_MAJOR' } }],
      1007,
      /^Invalid value at 'music_generation_config.scale'/,
    ],
    [
      'an unknown field',
      [setupMsg, { musicGenerationConfig: { tempo: 90 } }],
      1007,
      /^Invalid JSON payload received. Unknown name "tempo"/,
    ],
    [
      'PLAYBACK_CONTROL_UNSPECIFIED',
      [setupMsg, { playbackControl: 'PLAYBACK_CONTROL_UNSPECIFIED' }],
      1007,
      'Request contains an invalid argument.',
    ],
  ])('closes on %s', async (_name, messages, code, reason) => {
    const { emu } = await setup();
    const result = await exchange(rawSocket(emu), messages);
    expect(result.code).toBe(code);
    if (typeof reason === 'string') expect(result.reason).toBe(reason);
    else expect(result.reason).toMatch(reason);
    expect(Buffer.byteLength(result.reason)).toBeLessThanOrEqual(123);
  });

  it('closes with 1008 without a key', async () => {
    const { emu } = await setup();
    const result = await exchange(rawSocket(emu, ''), [setupMsg]);
    expect(result.code).toBe(1008);
    expect(result.received).toEqual([]);
  });

  it('answers 404 to the upgrade on an unknown version', async () => {
    const { emu } = await setup();
    const ws = rawSocket(emu, `key=${KEY}`, 'v1');
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
