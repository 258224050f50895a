/**
 * Many concurrent connections through one client: every call gets its own answer, the emulator closes
 * promptly afterwards (keep-alive sockets included) and while calls are still in flight, and no socket
 * or server handle outlives it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { ConnectionError } from '../../src/core/index.js';
import { clientFor, collect, MODEL, timed } from './helpers.js';

// Each test closes its emulator itself (that is what it measures); this only cleans up after a failure.
const started: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0 });
  started.push(emu);
  return emu;
}

/** Live TCP handles of this process (sockets and listening servers). */
function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
}

async function settle(cond: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
}

describe('concurrency', () => {
  it('serves 200 concurrent generateContent calls and 20 streams, then closes promptly without leaks', async () => {
    const before = tcpHandles();
    const emu = await start();
    const client = clientFor(emu, { maxRetries: 0 });
    const unary = Array.from({ length: 200 }, (_, i) =>
      client.models.generateContent({ model: MODEL, contents: `n${i}` }).then((r) => r.text),
    );
    const streams = Array.from({ length: 20 }, (_, i) =>
      collect(client.models.generateContentStream({ model: MODEL, contents: `s${i} a b` })).then((cs) =>
        cs.map((c) => c.text).join(''),
      ),
    );
    const [texts, streamed] = await Promise.all([Promise.all(unary), Promise.all(streams)]);
    expect(texts).toEqual(Array.from({ length: 200 }, (_, i) => `Echo: n${i}`));
    expect(streamed).toEqual(Array.from({ length: 20 }, (_, i) => `Echo: s${i} a b`));
    expect(emu.control.requests).toHaveLength(220);
    const { ms } = await timed(() => emu.close());
    expect(ms).toBeLessThan(1000);
    expect(await settle(() => tcpHandles() <= before)).toBe(true);
  });

  it('closes promptly while 50 calls are still waiting, failing them with ConnectionError', async () => {
    const before = tcpHandles();
    const emu = await start();
    const client = clientFor(emu, { maxRetries: 0 });
    emu.control.faults.delayNext(30_000, { count: 50 });
    const pending = Array.from({ length: 50 }, (_, i) =>
      client.models.generateContent({ model: MODEL, contents: `w${i}` }).then(
        () => 'ok',
        (e: unknown) => e,
      ),
    );
    const arrived = await settle(() => emu.control.requests.length === 50);
    expect(arrived).toBe(true);
    const { ms } = await timed(() => emu.close());
    expect(ms).toBeLessThan(1000);
    const outcomes = await Promise.all(pending);
    for (const o of outcomes) expect(o).toBeInstanceOf(ConnectionError);
    expect(await settle(() => tcpHandles() <= before)).toBe(true);
  });
});
