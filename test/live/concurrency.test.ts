import { describe, expect, it } from 'vitest';
import { MODEL, setup, turnText, untilTurnComplete, waitFor } from './helpers.js';

describe('live at scale', () => {
  it('runs 200 concurrent sessions against one emulator without leaks', async () => {
    const { emu, client } = await setup();
    const handlesBefore = process
      .getActiveResourcesInfo()
      .filter((r) => r === 'TCPSocketWrap' || r === 'Timeout').length;
    const t0 = Date.now();
    const sessions = await Promise.all(
      Array.from({ length: 200 }, () =>
        client.live.connect({ model: MODEL, config: { responseModalities: ['TEXT'] } }),
      ),
    );
    expect(emu.control.live.openConnections).toBe(200);
    const texts = await Promise.all(
      sessions.map(async (s, i) => {
        s.sendClientContent({ turns: `hello ${i}` });
        return turnText(await untilTurnComplete(s));
      }),
    );
    expect(texts).toEqual(sessions.map((_, i) => `Echo: hello ${i}`));
    const closes = await Promise.all(sessions.map((s) => s.close()));
    expect(closes.every((c) => c.code === 1000)).toBe(true);
    await waitFor(() => emu.control.live.openConnections === 0);
    expect(emu.control.live.sessions().every((s) => !s.open)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(20_000);
    // Sockets and timers of the sessions are gone (close waits for the server; no kill timers left behind).
    await waitFor(
      () =>
        process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'Timeout').length <=
        handlesBefore + 2,
    );
  }, 30_000);
});
