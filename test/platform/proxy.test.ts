// Proxies in Node: HTTPS_PROXY / HTTP_PROXY / NO_PROXY and the `proxy` option route every REST call,
// upload request and Live/Music WebSocket through a loopback proxy that counts what it carries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { Gemini, type GeminiOptions } from '../../src/index.js';
import { bypassesProxy } from '../../src/platform/proxy/config.js';
import { startProxy, type TestProxy } from './proxy-server.js';

const ENV = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];
let saved: Record<string, string | undefined>;
let emu: RunningEmulator;
let proxy: TestProxy;

beforeEach(async () => {
  saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  for (const k of ENV) delete process.env[k];
  emu = await startEmulator({ host: '127.0.0.1', port: 0 });
  proxy = await startProxy();
});
afterEach(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await proxy.close();
  await emu.close();
});

const client = (options: GeminiOptions = {}): Gemini =>
  new Gemini({ apiKey: 'proxy-key', baseUrl: emu.url, maxRetries: 0, ...options });

/** Every kind of traffic: a call, a stream, an upload (start + chunk), a Live turn, Music audio. */
async function everything(c: Gemini): Promise<void> {
  const model = 'gemini-2.5-flash';
  expect((await c.models.generateContent({ model, contents: 'hi' })).text).toMatch(/\S/);
  let chunks = 0;
  for await (const _ of c.models.generateContentStream({ model, contents: 'hi' })) chunks++;
  expect(chunks).toBeGreaterThan(1);
  const file = await c.files.upload(new Uint8Array(70_000).fill(3), { mimeType: 'application/octet-stream' });
  expect(file.sizeBytes).toBe('70000');
  const live = await c.live.connect({
    model: 'gemini-live-2.5-flash-preview',
    config: { responseModalities: ['TEXT'] },
  });
  live.sendClientContent({ turns: 'hello' });
  let text = '';
  for await (const t of live.text()) text += t;
  expect(text).toMatch(/\S/);
  await live.close();
  const music = await c.live.music.connect({ model: 'models/lyria-realtime-exp' });
  music.setWeightedPrompts([{ text: 'techno', weight: 1 }]);
  music.play();
  let audio = 0;
  for await (const _ of music.audio()) if (++audio === 2) break;
  await music.close();
}

const origin = (): string => new URL(emu.url).host;

describe('proxies (Node)', () => {
  it('HTTP_PROXY carries every request, upload and WebSocket', async () => {
    process.env['HTTP_PROXY'] = proxy.url;
    await everything(client());
    const requests = emu.control.requests.length;
    expect(requests).toBeGreaterThanOrEqual(4); // generate, stream, upload start + chunk
    const forwarded = proxy.carried.filter((c) => !c.line.startsWith('CONNECT'));
    // Each API request the emulator saw came through the proxy, in absolute form.
    expect(forwarded).toHaveLength(requests);
    expect(forwarded.every((c) => c.line.includes(`http://${origin()}/`))).toBe(true);
    expect(forwarded.some((c) => c.line.startsWith('POST') && c.line.includes('/upload/v1beta/files'))).toBe(
      true,
    );
    expect(forwarded.filter((c) => c.line.includes('upload_id=')).length).toBeGreaterThan(0);
    // The two WebSockets (Live, Music) went through CONNECT tunnels.
    expect(proxy.carried.filter((c) => c.line === `CONNECT ${origin()}`)).toHaveLength(2);
    // The key never reaches the proxy's request lines except where the protocol puts it (WS URL is tunnelled).
    expect(forwarded.some((c) => c.line.includes('proxy-key'))).toBe(false);
  });

  it('a download follows its 302 through the proxy, streamed', async () => {
    process.env['HTTP_PROXY'] = proxy.url;
    const video = new Uint8Array(200_000).map((_, i) => i % 253);
    const name = String(emu.control.files.create({ bytes: video, mimeType: 'video/mp4' })['name']);
    const parts: Uint8Array[] = [];
    const n = await client().files.downloadTo(name, new WritableStream({ write: (c) => void parts.push(c) }));
    expect(n).toBe(video.length);
    expect(Buffer.concat(parts).equals(Buffer.from(video))).toBe(true);
    const lines = proxy.carried.map((c) => c.line);
    expect(lines.some((l) => l.includes(`${name}:download`))).toBe(true);
    expect(lines.some((l) => l.includes('/download/'))).toBe(true); // the redirect target
    expect(lines).toHaveLength(emu.control.requests.length);
  });

  it('HTTPS_PROXY alone leaves http: targets direct (as undici does); lower-case names win', async () => {
    process.env['https_proxy'] = proxy.url;
    await client().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(proxy.carried).toEqual([]);
    process.env['http_proxy'] = proxy.url;
    process.env['HTTP_PROXY'] = 'http://127.0.0.1:9'; // the upper-case name loses
    await client().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(proxy.carried).toHaveLength(1);
  });

  it('NO_PROXY sends matching hosts directly', async () => {
    process.env['HTTP_PROXY'] = proxy.url;
    process.env['NO_PROXY'] = 'example.com, 127.0.0.1';
    await everything(client());
    expect(proxy.carried).toEqual([]);
    expect(emu.control.requests.length).toBeGreaterThan(0);
  });

  it('the proxy option overrides the environment; proxy: false ignores it', async () => {
    await everything(client({ proxy: `http://user:p%40ss@${new URL(proxy.url).host}` }));
    expect(proxy.carried.length).toBe(emu.control.requests.length + 2);
    const basic = `Basic ${Buffer.from('user:p@ss').toString('base64')}`;
    expect(proxy.carried.every((c) => c.auth === basic)).toBe(true);

    proxy.carried.length = 0;
    process.env['HTTP_PROXY'] = proxy.url;
    await client({ proxy: false }).models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(proxy.carried).toEqual([]);
  });

  it('a proxy that is down fails as a ConnectionError, not a hang', async () => {
    const url = proxy.url;
    await proxy.close();
    const err = await client({ proxy: url })
      .models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConnectionError');
    proxy = await startProxy(); // for afterEach
  });

  it('an injected fetch and WebSocket are used as given', async () => {
    process.env['HTTP_PROXY'] = proxy.url;
    let fetched = 0;
    const { WebSocket } = await import('ws');
    let sockets = 0;
    const c = client({
      fetch: (input, init) => (fetched++, fetch(input, init)),
      WebSocket: class extends WebSocket {
        constructor(url: string, init?: { headers: Record<string, string> }) {
          super(url, init);
          sockets++;
        }
      } as unknown as NonNullable<GeminiOptions['WebSocket']>,
    });
    await everything(c);
    expect(fetched).toBe(emu.control.requests.length);
    expect(sockets).toBe(2);
    expect(proxy.carried).toEqual([]);
  });
});

describe('NO_PROXY rules', () => {
  const u = (s: string): URL => new URL(s);
  it.each([
    ['https://generativelanguage.googleapis.com/', 'googleapis.com', false],
    ['https://generativelanguage.googleapis.com/', '.googleapis.com', true],
    ['https://generativelanguage.googleapis.com/', '*.googleapis.com', true],
    ['https://googleapis.com/', '.googleapis.com', true],
    ['https://generativelanguage.googleapis.com/', 'generativelanguage.googleapis.com', true],
    ['http://127.0.0.1:8080/', '127.0.0.1:9090', false],
    ['http://127.0.0.1:8080/', '127.0.0.1:8080', true],
    ['https://example.com/', 'example.com:443', true],
    ['http://[::1]:1/', '::1', true],
    ['http://[::1]:1/', '[::1]:1', true],
    ['https://a.example/', '*', true],
    ['https://a.example/', '', false],
    ['https://a.example/', 'b.example, c.example', false],
  ])('%s with NO_PROXY=%j → direct: %s', (url, rule, direct) => {
    expect(bypassesProxy(u(url), rule)).toBe(direct);
  });
});
