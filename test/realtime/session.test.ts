import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket } from 'ws';
import { Outbox } from '../../src/realtime/outbox.js';
import {
  RealtimeSession,
  SessionOverflowError,
  SessionProtocolError,
  wsUrl,
  type RealtimeOptions,
} from '../../src/index.js';

type Msg = Record<string, unknown>;

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

/** A ws server answering `setup` with setupComplete, then running `after(ws)`. */
async function server(after: (ws: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(wss);
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => {
    ws.once('message', () => {
      ws.send(JSON.stringify({ setupComplete: {} }));
      after(ws);
    });
  });
  return wsUrl(`http://127.0.0.1:${(wss.address() as AddressInfo).port}`, '/ws/test', { key: 'secret-key' });
}

function options(url: string, extra: Partial<RealtimeOptions<Msg, Msg>> = {}): RealtimeOptions<Msg, Msg> {
  return {
    url,
    redact: (t) => t.split('secret-key').join('[REDACTED]'),
    setup: () => ({ setup: {} }),
    isSetupComplete: (m) => 'setupComplete' in m,
    ...extra,
  };
}

/** On the client's `{ go }`, sends `n` numbered messages as fast as the socket takes them. */
const flood = (n: number) => (ws: WebSocket) => {
  ws.once('message', () => {
    for (let i = 0; i < n; i++)
      ws.send(Buffer.from(JSON.stringify({ n: i, pad: 'x'.repeat(1000) })), { binary: true });
  });
};

async function drain(session: RealtimeSession<Msg, Msg>, stop: (m: Msg) => boolean): Promise<Msg[]> {
  const out: Msg[] = [];
  for await (const m of session) {
    out.push(m);
    if (stop(m)) break;
  }
  return out;
}

describe('RealtimeSession receive queue', () => {
  it("'pause' stops reading the socket when full and resumes as the consumer drains: nothing lost, bounded", async () => {
    const url = await server(flood(2000));
    const session = await RealtimeSession.open(options(url, { queue: { capacity: 16 } }));
    session.send({ go: true });
    await new Promise((r) => setTimeout(r, 100)); // the server floods; nobody reads or listens yet
    expect(session.queued).toBeLessThan(400); // paused: far below 2000 (only frames the socket already read)
    const it = session[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ setupComplete: {} });
    const rest: Msg[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) {
      rest.push(r.value);
      if (r.value['n'] === 1999) break;
    }
    expect(rest.map((m) => m['n'])).toEqual([...Array(2000).keys()]);
    await session.close();
  });

  it("'drop-oldest' drops and reports; 'error' fails the session with SessionOverflowError", async () => {
    const url = await server(flood(50));
    const dropping = await RealtimeSession.open(
      options(url, { queue: { capacity: 4, overflow: 'drop-oldest' } }),
    );
    const dropped: Msg[] = [];
    dropping.on('dropped', (m) => dropped.push(m));
    dropping.send({ go: true });
    await new Promise((r) => setTimeout(r, 100));
    const kept = await drain(dropping, (m) => m['n'] === 49);
    expect(kept.map((m) => m['n'])).toEqual([46, 47, 48, 49]);
    expect(dropped).toHaveLength(47); // setupComplete and n = 0…45
    await dropping.close();

    const failing = await RealtimeSession.open(options(url, { queue: { capacity: 4, overflow: 'error' } }));
    await failing[Symbol.asyncIterator]().next();
    failing.send({ go: true });
    await new Promise((r) => setTimeout(r, 100));
    await expect(drain(failing, () => false)).rejects.toBeInstanceOf(SessionOverflowError);
    expect((await failing.closed).code).toBe(1008);
  });

  it('before anyone iterates, a full queue drops its oldest so callback users never stall', async () => {
    const url = await server(flood(40));
    const session = await RealtimeSession.open(options(url, { queue: { capacity: 8 } }));
    const seen: number[] = [];
    session.on('message', (m) => seen.push(m['n'] as number));
    session.send({ go: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(40);
    expect(session.queued).toBe(8);
    await session.close();
  });
});

describe('RealtimeSession framing and sockets', () => {
  it('a frame that is not JSON closes the session with 1007 and SessionProtocolError', async () => {
    const url = await server((ws) => ws.send('not json'));
    const session = await RealtimeSession.open(options(url));
    const err = await drain(session, () => false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionProtocolError);
    expect((await session.closed).code).toBe(1007);
  });

  it('uses the global WebSocket when one exists (the browser path)', async () => {
    const url = await server((ws) => ws.send(JSON.stringify({ hello: 'browser' })));
    let constructed = 0;
    class CountingWebSocket extends NodeWebSocket {
      constructor(address: string) {
        super(address);
        constructed++;
      }
    }
    const g = globalThis as { WebSocket?: unknown };
    const before = g.WebSocket;
    g.WebSocket = CountingWebSocket;
    try {
      const session = await RealtimeSession.open(options(url));
      expect(await drain(session, (m) => 'hello' in m)).toEqual([
        { setupComplete: {} },
        { hello: 'browser' },
      ]);
      await session.close();
    } finally {
      g.WebSocket = before;
    }
    expect(constructed).toBe(1);
  });

  it('an unreachable URL rejects with the key redacted', async () => {
    const err = await RealtimeSession.open(options('ws://127.0.0.1:1/ws/x?key=secret-key')).catch(
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).not.toContain('secret-key');
    expect(err).toMatchObject({ code: 1006 });
  });
});

describe('Outbox', () => {
  it('keeps messages until a consumed index covers them and replays the rest in order', () => {
    const box = new Outbox(true);
    box.beginConnection(); // setup = wire index 0
    const a = box.add('a');
    const b = box.add('b');
    box.sent(a); // wire 1
    box.sent(b); // wire 2
    box.add('c'); // not sent yet (reconnecting)
    box.ack(1);
    expect(box.replay().entries.map((e) => e.text)).toEqual(['b', 'c']);
    expect(box.replay().resent).toBe(1);
    box.beginConnection();
    for (const e of box.replay().entries) box.sent(e);
    box.ackSent();
    expect(box.pending).toBe(0);
  });

  it('is bounded: the oldest are dropped and counted', () => {
    const box = new Outbox(true, { maxMessages: 2 });
    box.add('1');
    box.add('2');
    box.add('3');
    expect(box.replay().entries.map((e) => e.text)).toEqual(['2', '3']);
    expect(box.dropped).toBe(1);
    expect(new Outbox(false).add('x').seq).toBe(1);
  });
});
