import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { api, body, start, userTurn } from './helpers.js';

const GEN = '/v1beta/models/gemini-2.5-flash:generateContent';

/** Counts of the handle kinds an HTTP server and its connections hold. */
function netHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap')
    .length;
}

async function settle(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('lifecycle', () => {
  it('serves 200 concurrent requests, then close() leaves no open handles', { timeout: 20_000 }, async () => {
    const baseline = netHandles();
    const emu = await startEmulator();
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await api(emu, GEN, { json: userTurn(`request ${i}`) });
        const r = await body<{ candidates: { content: { parts: { text: string }[] } }[] }>(res);
        return r.candidates[0]?.content.parts[0]?.text;
      }),
    );
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => `Echo: request ${i}`));
    expect(emu.control.requests).toHaveLength(200);
    await emu.close();
    await settle(() => netHandles() <= baseline);
    expect(netHandles()).toBeLessThanOrEqual(baseline);
  });

  it(
    'closes promptly with requests in flight and streams open; close is idempotent',
    { timeout: 10_000 },
    async () => {
      const emu = await startEmulator({ latencyMs: 60_000 });
      const pending = api(emu, GEN, { json: userTurn('slow') }).then(
        () => 'answered',
        () => 'failed',
      );
      await settle(() => emu.control.requests.length === 1);
      const t = Date.now();
      await Promise.all([emu.close(), emu.close()]);
      expect(Date.now() - t).toBeLessThan(2000);
      expect(await pending).toBe('failed');
      await emu.close();
    },
  );

  it('keeps instances independent', async () => {
    const [a, b] = [await start(), await start()];
    a.control.script('gemini-2.5-flash', { text: 'only a' });
    const rb = await body<{ candidates: { content: { parts: { text: string }[] } }[] }>(
      await api(b, GEN, { json: userTurn('q') }),
    );
    expect(rb.candidates[0]?.content.parts[0]?.text).toBe('Echo: q');
    expect(a.control.replies.pending('gemini-2.5-flash')).toBe(1);
    expect(a.control.requests).toHaveLength(0);
  });
});

describe('clock', () => {
  it('follows real time by default and moves with advance()', async () => {
    const emu = await start();
    const t0 = emu.control.clock.now();
    expect(Math.abs(t0 - Date.now())).toBeLessThan(1000);
    emu.control.clock.advance(3_600_000);
    expect(emu.control.clock.now() - t0).toBeGreaterThanOrEqual(3_600_000);
  });

  it('can start frozen at a fixed time, prints RFC 3339, notifies listeners and stamps the request log', async () => {
    const emu = await start({ clock: { start: Date.parse('2025-01-01T00:00:00Z'), frozen: true } });
    const seen: number[] = [];
    emu.control.clock.onChange((now) => seen.push(now));
    expect(emu.control.clock.isoNow()).toBe('2025-01-01T00:00:00.000000000Z');
    emu.control.clock.advance(1500);
    expect(emu.control.clock.now()).toBe(Date.parse('2025-01-01T00:00:01.500Z'));
    expect(seen).toEqual([Date.parse('2025-01-01T00:00:01.500Z')]);
    await api(emu, GEN, { json: userTurn('q') });
    expect(emu.control.requests[0]?.time).toBe(Date.parse('2025-01-01T00:00:01.500Z'));
    emu.control.clock.set(new Date('2030-06-01T00:00:00Z'));
    expect(emu.control.clock.isoNow()).toBe('2030-06-01T00:00:00.000000000Z');
    expect(() => emu.control.clock.advance(-1)).toThrow(RangeError);
  });

  it('keeps its time across control.reset()', async () => {
    const emu = await start({ clock: { start: 0, frozen: true } });
    emu.control.clock.advance(5000);
    emu.control.reset();
    expect(emu.control.clock.now()).toBe(5000);
  });
});
