// Issue 14 item 6: any timeout length works (platform timers fire a delay above 2^31−1 ms after ~1 ms, so
// long ones are chained), `Infinity` means none, and nonsense (negative, NaN, not a number) is refused
// with InvalidArgumentError before anything is sent — in the transport, the poller and Live/Music.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '../../src/core/index.js';
import { setLongTimeout } from '../../src/core/timer.js';
import { Gemini } from '../../src/client.js';
import { poll } from '../../src/operations/poll.js';
import { MODEL, rejection, setup } from '../integration/helpers.js';

const DAY = 86_400_000;

describe('setLongTimeout (pure timing logic, fake clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a 30-day delay after 30 days, not after the 2^31−1 ms a platform timer takes', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    setLongTimeout(fn, 30 * DAY);
    vi.advanceTimersByTime(2 ** 31);
    vi.advanceTimersByTime(29 * DAY - 2 ** 31);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DAY);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('Infinity schedules nothing; cancel stops a chained timer', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    setLongTimeout(fn, Infinity);
    expect(vi.getTimerCount()).toBe(0);
    const cancel = setLongTimeout(fn, 60 * DAY);
    vi.advanceTimersByTime(40 * DAY);
    cancel();
    vi.advanceTimersByTime(40 * DAY);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('long and infinite timeouts over real sockets', () => {
  it('a 30-day timeout, an infinite timeout and a 30-day deadline let calls succeed', async () => {
    const { client } = await setup({ timeout: 30 * DAY, deadline: 30 * DAY });
    for (const timeout of [30 * DAY, Infinity, 2 ** 31]) {
      const r = await client.models.generateContent({ model: MODEL, contents: 'hi' }, { timeout });
      expect(r.text).toBe('Echo: hi');
    }
    const chunks = [];
    for await (const c of client.models.generateContentStream(
      { model: MODEL, contents: 'hi' },
      { timeout: 30 * DAY },
    )) {
      chunks.push(c);
    }
    expect(chunks.length).toBeGreaterThan(0);
  });

  it('the poller takes a 30-day timeout and Live a 30-day / infinite connect timeout', async () => {
    const { client } = await setup();
    let n = 0;
    await expect(
      poll({ fetch: async () => ++n, isDone: (v) => v >= 2 }, { timeout: 30 * DAY, initialDelay: 1 }),
    ).resolves.toBe(2);
    for (const connectTimeout of [30 * DAY, Infinity]) {
      const session = await client.live.connect({ model: 'gemini-live-2.5-flash-preview', connectTimeout });
      await session.close();
    }
  });
});

describe('nonsense durations and counts are refused before sending', () => {
  const bad = [-1, NaN, '5000', null, -Infinity];

  it('in the client options and per call', async () => {
    const { emu, client } = await setup();
    for (const v of bad) {
      for (const key of ['timeout', 'deadline', 'maxRetries'] as const) {
        expect(
          () => new Gemini({ apiKey: 'k', baseUrl: emu.url, [key]: v as number }),
          `${key}: ${String(v)}`,
        ).toThrow(InvalidArgumentError);
        const e = await rejection(
          client.models.generateContent({ model: MODEL, contents: 'x' }, { [key]: v as number }),
        );
        expect(e, `${key}: ${String(v)}`).toBeInstanceOf(InvalidArgumentError);
      }
    }
    for (const v of [1.5, Infinity]) {
      const e = await rejection(
        client.models.generateContent({ model: MODEL, contents: 'x' }, { maxRetries: v }),
      );
      expect(e).toBeInstanceOf(InvalidArgumentError);
    }
    expect(emu.control.requests).toHaveLength(0);
  });

  it('in the poller, Live and Live Music', async () => {
    const { emu, client } = await setup();
    for (const v of bad) {
      expect(
        await rejection(poll({ fetch: async () => 1, isDone: () => true }, { timeout: v as number })),
      ).toBeInstanceOf(InvalidArgumentError);
      const live = await rejection(
        client.live.connect({ model: 'gemini-live-2.5-flash-preview', connectTimeout: v as number }),
      );
      expect(live).toBeInstanceOf(InvalidArgumentError);
      const music = await rejection(client.live.music.connect({ connectTimeout: v as number }));
      expect(music).toBeInstanceOf(InvalidArgumentError);
    }
    expect(emu.control.requests).toHaveLength(0);
  });
});
