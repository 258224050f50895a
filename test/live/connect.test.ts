import net from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import {
  AbortError,
  Gemini,
  InvalidArgumentError,
  SessionClosedError,
  SessionConnectError,
  TimeoutError,
} from '../../src/index.js';
import { KEY, MODEL, setup, turnText, untilTurnComplete } from './helpers.js';

/** A TCP server that runs `onSocket` for every connection; closed by the returned function. */
async function tcpServer(
  onSocket: (s: net.Socket) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    onSocket(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => srv.close(() => r()));
    },
  };
}

function expectNoKey(e: unknown): void {
  expect(String((e as Error).message)).not.toContain(KEY);
  expect(JSON.stringify(e)).not.toContain(KEY);
  expect(inspect(e, { depth: 5 })).not.toContain(KEY);
}

describe('live.connect', () => {
  it('resolves after setupComplete and runs a full text turn', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({ model: MODEL, config: { responseModalities: ['TEXT'] } });
    const first = await session[Symbol.asyncIterator]().next();
    expect(first.value).toEqual({ setupComplete: {} });
    session.sendClientContent({ turns: 'Hello there' });
    const messages = await untilTurnComplete(session);
    expect(turnText(messages)).toBe('Echo: Hello there');
    expect(messages.some((m) => m.serverContent?.generationComplete)).toBe(true);
    const last = messages[messages.length - 1]!;
    expect(last.usageMetadata?.responseTokenCount).toBeGreaterThan(0);
    expect(last.usageMetadata?.totalTokenCount).toBe(
      (last.usageMetadata?.promptTokenCount ?? 0) + (last.usageMetadata?.responseTokenCount ?? 0),
    );
    // A second turn through the text() convenience stream.
    session.sendClientContent({ turns: [{ role: 'user', parts: [{ text: 'again' }] }] });
    let text = '';
    for await (const delta of session.text()) text += delta;
    expect(text).toBe('Echo: again');
    const info = await session.close();
    expect(info).toEqual({ code: 1000, reason: '', initiator: 'client' });
    expect(session.closeInfo).toEqual(info);
    const [record] = emu.control.live.sessions();
    expect(record?.setup).toMatchObject({
      model: `models/${MODEL}`,
      generationConfig: { responseModalities: ['TEXT'] },
    });
    expect(emu.control.live.openConnections).toBe(0);
  });

  it('rejects with the close code and reason when the server closes before setupComplete', async () => {
    const { emu, client } = await setup();
    emu.control.live.rejectNext({ code: 1011, reason: 'The service is currently unavailable.' });
    const err = await client.live.connect({ model: MODEL }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionConnectError);
    expect((err as SessionConnectError).code).toBe(1011);
    expect((err as SessionConnectError).reason).toBe('The service is currently unavailable.');
    expectNoKey(err);
  });

  it('rejects a rejected key and an unknown model with 1008 and the service wording, key redacted', async () => {
    const { emu } = await setup({ apiKeys: ['another-key'] });
    const bad = new Gemini({ apiKey: KEY, baseUrl: emu.url });
    const e1 = await bad.live.connect({ model: MODEL }).catch((e: unknown) => e);
    expect(e1).toMatchObject({ code: 1008, reason: 'API key not valid. Please pass a valid API key.' });
    expectNoKey(e1);
    const good = new Gemini({ apiKey: 'another-key', baseUrl: emu.url });
    const e2 = await good.live.connect({ model: 'gemini-2.5-flash' }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(SessionConnectError);
    expect((e2 as SessionConnectError).code).toBe(1008);
    expect((e2 as SessionConnectError).reason).toMatch(
      /^models\/gemini-2.5-flash is not found for API version v1beta/,
    );
  });

  it('never hangs: a server that drops the TCP connection, or never answers the setup', async () => {
    const dropper = await tcpServer((s) => s.destroy());
    const t0 = Date.now();
    const c1 = new Gemini({ apiKey: KEY, baseUrl: dropper.url });
    const e1 = await c1.live.connect({ model: MODEL }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(SessionConnectError);
    expect((e1 as SessionConnectError).code).toBe(1006);
    expectNoKey(e1);
    await dropper.close();

    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' }); // accepts the socket, never sends setupComplete
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as net.AddressInfo).port;
    const c2 = new Gemini({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}` });
    const e2 = await c2.live.connect({ model: MODEL, connectTimeout: 200 }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(TimeoutError);
    expectNoKey(e2);
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => wss.close(r));
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('aborts through the signal: during the connect, and after it (the iterator throws AbortError)', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as net.AddressInfo).port;
    const slow = new Gemini({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}` });
    const ac = new AbortController();
    const pending = slow.live.connect({ model: MODEL, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user left')), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => wss.close(r));

    const { emu, client } = await setup();
    const ac2 = new AbortController();
    const session = await client.live.connect({ model: MODEL, signal: ac2.signal });
    const seen: unknown[] = [];
    const loop = (async () => {
      for await (const m of session) seen.push(m);
    })();
    ac2.abort();
    await expect(loop).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual([{ setupComplete: {} }]);
    expect((await session.closed).code).toBe(1000);
    expect(() => session.sendClientContent({ turns: 'late' })).toThrow(SessionClosedError);
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.control.live.openConnections).toBe(0);
  });

  it('checks input before connecting', async () => {
    const { client } = await setup();
    await expect(client.live.connect({ model: '' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      client.live.connect({ model: MODEL, config: { responseModalities: ['TEXT', 'AUDIO'] } }),
    ).rejects.toThrow(/one modality/);
    await expect(client.live.connect({ model: MODEL, accessToken: 'not-a-token' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('a live session', () => {
  it('sending after close is a typed error carrying the close code', async () => {
    const { client } = await setup();
    const session = await client.live.connect({ model: MODEL });
    await session.close(4000, 'done here');
    expect(session.closeInfo).toEqual({ code: 4000, reason: 'done here', initiator: 'client' });
    let err: unknown;
    try {
      session.sendRealtimeInput({ text: 'hi' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SessionClosedError);
    expect(err).toMatchObject({ code: 4000, reason: 'done here' });
    expect(await session.close()).toEqual(session.closeInfo); // idempotent
  });

  it('a protocol violation ends the session: the iterator throws the close code and reason', async () => {
    const { client } = await setup();
    const session = await client.live.connect({ model: MODEL });
    session.sendRealtimeInput({ activityStart: {} }); // not allowed with automatic activity detection on
    const err = await (async () => {
      for await (const _ of session) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionClosedError);
    expect(err).toMatchObject({ code: 1007 });
    expect((err as SessionClosedError).reason).toMatch(/activityStart is only allowed/);
    expect(session.closeInfo).toMatchObject({ code: 1007, initiator: 'server' });
  });

  it('validates sends locally with clear errors', async () => {
    const { client } = await setup();
    const session = await client.live.connect({ model: MODEL });
    expect(() => session.sendRealtimeInput({})).toThrow(/exactly one/);
    expect(() => session.sendRealtimeInput({ text: 'a', audioStreamEnd: true })).toThrow(/exactly one/);
    expect(() =>
      session.sendRealtimeInput({ audio: { data: new Uint8Array(2), mimeType: 'image/png' } }),
    ).toThrow(/audio\.mimeType/);
    expect(() => session.sendToolResponse({ functionResponses: { name: 'f', response: {} } })).toThrow(
      /id: required/,
    );
    expect(() => session.send({ setup: { model: 'models/x' } })).toThrow(InvalidArgumentError);
    expect(() => session.sendClientContent({ turns: [new Blob(['x'])] })).toThrow(/Blob/);
    await session.close();
  });

  it('exposes an event API next to the iterator', async () => {
    const { client } = await setup();
    const session = await client.live.connect({ model: MODEL, config: { responseModalities: ['TEXT'] } });
    const texts: string[] = [];
    const kinds: string[] = [];
    session.on('text', (t) => texts.push(t));
    session.on('generationComplete', () => kinds.push('generationComplete'));
    session.on('usage', (u) => kinds.push(`usage:${(u.totalTokenCount ?? 0) > 0}`));
    const done = new Promise((r) => session.once('turnComplete', r));
    session.sendClientContent({ turns: 'events please' });
    await done;
    expect(texts.join('')).toBe('Echo: events please');
    expect(kinds).toEqual(['generationComplete', 'usage:true']);
    const closed = new Promise((r) => session.on('close', r));
    await session.close();
    expect(await closed).toMatchObject({ code: 1000 });
  });
});
