// The client's `headers` reach the WebSocket handshake of Live and Music sessions (Node sends them; the
// key stays in the URL as the protocol wants). A small `ws` server on loopback records what arrives.
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { Gemini } from '../../src/index.js';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

let wss: WebSocketServer | undefined;
afterEach(async () => {
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise<void>((r) => (wss ? wss.close(() => r()) : r()));
  wss = undefined;
});

/** A server that answers every setup with `setupComplete` and records each handshake. */
async function handshakeRecorder(): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss = server;
  server.on('connection', (ws, req) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    ws.once('message', () => ws.send(JSON.stringify({ setupComplete: {} })));
  });
  await new Promise<void>((r) => server.once('listening', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('client headers on the WebSocket handshake', () => {
  it('sends them for Live (key in the URL, never as a header), also with an ephemeral token', async () => {
    const { url, seen } = await handshakeRecorder();
    const client = new Gemini({ apiKey: 'k-1', baseUrl: url, headers: { 'X-Goog-User-Project': 'p1' } });
    const s1 = await client.live.connect({ model: 'gemini-live-2.5-flash-preview' });
    await s1.close();
    const s2 = await client.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      accessToken: 'auth_tokens/t',
    });
    await s2.close();
    expect(seen[0]?.headers['x-goog-user-project']).toBe('p1');
    expect(seen[0]?.headers['x-goog-api-key']).toBeUndefined();
    expect(new URL(seen[0]!.url, url).searchParams.get('key')).toBe('k-1');
    expect(seen[1]?.headers['x-goog-user-project']).toBe('p1');
    expect(new URL(seen[1]!.url, url).searchParams.get('access_token')).toBe('auth_tokens/t');
  });

  it('sends them for Music, and takes the key from an x-goog-api-key header', async () => {
    const { url, seen } = await handshakeRecorder();
    const client = new Gemini({ baseUrl: url, headers: { 'x-goog-api-key': 'hk', 'x-trace': 't1' } });
    const session = await client.live.music.connect();
    await session.close();
    expect(seen[0]?.headers['x-trace']).toBe('t1');
    expect(seen[0]?.headers['x-goog-api-key']).toBeUndefined();
    expect(new URL(seen[0]!.url, url).searchParams.get('key')).toBe('hk');
  });
});
