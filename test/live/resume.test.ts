import { describe, expect, it } from 'vitest';
import { SessionClosedError, SessionConnectError, type LiveServerMessage } from '../../src/index.js';
import { MODEL, setup, turnText, untilTurnComplete, userTexts, waitFor } from './helpers.js';

const resumable = { responseModalities: ['TEXT' as const], sessionResumption: {} };

describe('live session resumption', () => {
  it('keeps the latest handle and resumes transparently after goAway: nothing lost, nothing duplicated', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({ model: MODEL, config: resumable });
    const events: string[] = [];
    session.on('reconnecting', (e) => events.push(`reconnecting:${e.cause}`));
    session.on('resumed', (e) => events.push(`resumed:${e.cause}:${e.replayed}`));
    session.sendClientContent({ turns: 'one' });
    expect(turnText(await untilTurnComplete(session))).toBe('Echo: one');
    await waitFor(() => session.resumeHandle !== undefined);
    const firstHandle = session.resumeHandle;

    // goAway arrives; the user keeps sending right away (the message races the connection switch).
    session.once('goAway', () => session.sendClientContent({ turns: 'two', turnComplete: false }));
    expect(emu.control.live.goAway({ timeLeft: '5s' })).toBe(1);
    await waitFor(() => events.includes('resumed:goAway:1') || events.includes('resumed:goAway:0'));
    session.sendClientContent({ turns: 'three' });
    const messages = await untilTurnComplete(session);
    expect(turnText(messages)).toBe('Echo: three');
    expect(messages.filter((m) => m.setupComplete)).toEqual([]); // the resume's setupComplete is not news
    expect(events[0]).toBe('reconnecting:goAway');

    const [record] = emu.control.live.sessions();
    expect(record?.connections).toBe(2);
    expect(userTexts(record!.history)).toEqual(['one', 'two', 'three']);
    expect(session.resumeHandle).not.toBe(firstHandle);
    expect(emu.control.live.openConnections).toBe(1);
    await session.close();
  });

  it('on goAway during a turn, finishes the turn on the old connection before moving', async () => {
    const { emu, client } = await setup();
    emu.control.live.setChunkDelay(15);
    const session = await client.live.connect({ model: MODEL, config: resumable });
    await waitFor(() => session.resumeHandle !== undefined);
    const order: string[] = [];
    session.on('resumed', () => order.push('resumed'));
    session.sendClientContent({ turns: 'a b c d e f' });
    const messages: LiveServerMessage[] = [];
    for await (const m of session) {
      messages.push(m);
      if (m.serverContent?.modelTurn && messages.filter((x) => x.serverContent?.modelTurn).length === 1) {
        emu.control.live.goAway({ timeLeft: '10s' });
      }
      if (m.goAway) order.push('goAway');
      if (m.serverContent?.turnComplete) {
        order.push('turnComplete');
        break;
      }
    }
    expect(turnText(messages)).toBe('Echo: a b c d e f');
    expect(messages.some((m) => m.serverContent?.interrupted)).toBe(false);
    await waitFor(() => order.includes('resumed'));
    expect(order).toEqual(['goAway', 'turnComplete', 'resumed']);
    session.sendClientContent({ turns: 'after' });
    const after = await untilTurnComplete(session);
    expect(turnText(after)).toBe('Echo: after');
    const history = emu.control.live.sessions()[0]!.history;
    expect(userTexts(history)).toEqual(['a b c d e f', 'after']);
    expect(history.map((c) => c['role'])).toEqual(['user', 'model', 'user', 'model']);
    await session.close();
  });

  it('resumes after a network drop in the middle of a turn; the cut turn is marked interrupted and redone', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({
      model: MODEL,
      config: resumable,
      reconnect: { backoff: { baseDelay: 1 } },
    });
    const resumed: string[] = [];
    session.on('resumed', (e) => resumed.push(`${e.cause}:${e.replayed}`));
    session.sendClientContent({ turns: 'first turn' });
    await untilTurnComplete(session);
    await waitFor(() => session.resumeHandle !== undefined);

    emu.control.live.drop({ afterMessages: 2 }); // the next turn is cut after two server messages
    session.sendClientContent({ turns: 'tell me more' });
    const messages: LiveServerMessage[] = await untilTurnComplete(session);
    const interrupted = messages.findIndex((m) => m.serverContent?.interrupted);
    expect(interrupted).toBeGreaterThan(0); // partial output, then the synthetic interruption
    expect(turnText(messages)).toBe('Echo: tell me more');
    expect(resumed).toEqual(['drop:1']); // the unconsumed clientContent was replayed once
    const [record] = emu.control.live.sessions();
    expect(userTexts(record!.history)).toEqual(['first turn', 'tell me more']);
    expect(record?.connections).toBe(2);
    await session.close();
  });

  it('a handle restores the conversation in a new session (explicit resume)', async () => {
    const { emu, client } = await setup();
    const a = await client.live.connect({ model: MODEL, config: resumable });
    a.sendClientContent({ turns: 'remember me' });
    await untilTurnComplete(a);
    await waitFor(() => a.resumeHandle !== undefined);
    const handle = a.resumeHandle!;
    await a.close();
    const b = await client.live.connect({
      model: MODEL,
      config: { ...resumable, sessionResumption: { handle } },
    });
    b.sendClientContent({ turns: 'and now' });
    await untilTurnComplete(b);
    const records = emu.control.live.sessions();
    expect(records).toHaveLength(1);
    expect(userTexts(records[0]!.history)).toEqual(['remember me', 'and now']);
    await b.close();
    const err = await client.live
      .connect({ model: MODEL, config: { sessionResumption: { handle: 'CjUnknown' } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionConnectError);
    expect(err).toMatchObject({ code: 1008, reason: 'BidiGenerateContent session not found' });
  });

  it('a clean close does not reconnect; a drop without resumption ends the iterator with 1006', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({ model: MODEL, config: resumable });
    let reconnects = 0;
    session.on('reconnecting', () => reconnects++);
    await session.close();
    expect(reconnects).toBe(0);
    expect(emu.control.live.openConnections).toBe(0);

    const plain = await client.live.connect({ model: MODEL });
    const loop = (async () => {
      for await (const _ of plain) void _;
    })();
    emu.control.live.drop();
    const err = await loop.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionClosedError);
    expect(err).toMatchObject({ code: 1006 });
    expect(plain.closeInfo?.initiator).toBe('network');
  });

  it('gives up after bounded attempts when the handle is rejected', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({
      model: MODEL,
      config: resumable,
      reconnect: { maxAttempts: 3, backoff: { baseDelay: 1 } },
    });
    await waitFor(() => session.resumeHandle !== undefined);
    emu.control.reset(); // forgets sessions and handles: the resume will be refused
    const attempts: number[] = [];
    session.on('reconnecting', (e) => attempts.push(e.attempt));
    emu.control.live.drop();
    const err = await (async () => {
      for await (const _ of session) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionClosedError);
    expect((err as Error).message).toMatch(/could not resume/);
    expect(err).toMatchObject({ code: 1008, reason: 'BidiGenerateContent session not found' });
    expect(attempts).toEqual([1]); // a refused handle is not retried
    expect(() => session.sendClientContent({ turns: 'x' })).toThrow(SessionClosedError);
  });
});
