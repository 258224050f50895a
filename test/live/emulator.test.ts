// The emulator's Live endpoint seen through a raw WebSocket: ordering, validation and close codes.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { KEY, MODEL, setup } from './helpers.js';

const PATH = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent';

interface Raw {
  send(message: unknown): void;
  next(): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  binaryFrames: number;
}

async function raw(url: string, query = `?key=${KEY}`): Promise<Raw> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${PATH}${query}`);
  const inbox: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  const r: Raw = {
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    next: () => new Promise((res) => (inbox.length > 0 ? res(inbox.shift()!) : waiters.push(res))),
    closed: new Promise((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() }))),
    binaryFrames: 0,
  };
  ws.on('message', (data, isBinary) => {
    if (isBinary) r.binaryFrames++;
    const m = JSON.parse(data.toString()) as Record<string, unknown>;
    const w = waiters.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  await new Promise((res, rej) => {
    ws.once('open', res);
    ws.once('error', rej);
  });
  return r;
}

describe('emulator Live endpoint', () => {
  it('answers setup with setupComplete in binary frames, like production', async () => {
    const { emu } = await setup();
    const c = await raw(emu.url);
    c.send({ setup: { model: `models/${MODEL}` } });
    expect(await c.next()).toEqual({ setupComplete: {} });
    expect(c.binaryFrames).toBe(1);
  });

  it.each([
    [
      'a non-setup first message',
      [{ clientContent: { turnComplete: true } }],
      1007,
      /first message must be setup/,
    ],
    [
      'a second setup',
      [{ setup: { model: `models/${MODEL}` } }, { setup: { model: `models/${MODEL}` } }],
      1007,
      /only once/,
    ],
    [
      'two kinds in one message',
      [{ setup: { model: `models/${MODEL}` }, clientContent: {} }],
      1007,
      /exactly one/,
    ],
    ['an unknown field', [{ setup: { model: `models/${MODEL}`, bogus: 1 } }], 1007, /Unknown name "bogus"/],
    [
      'a wrong type',
      [{ setup: { model: `models/${MODEL}` } }, { clientContent: { turnComplete: 'yes' } }],
      1007,
      /turn_complete|turnComplete/,
    ],
    ['text that is not JSON', ['{oops'], 1007, /Invalid JSON payload/],
    ['an unknown model', [{ setup: { model: 'models/nope' } }], 1008, /not found for API version v1beta/],
    [
      'a model without bidiGenerateContent',
      [{ setup: { model: 'models/gemini-2.5-flash' } }],
      1008,
      /bidiGenerateContent/,
    ],
    [
      'an unknown handle',
      [{ setup: { model: `models/${MODEL}`, sessionResumption: { handle: 'x' } } }],
      1008,
      /session not found/,
    ],
    [
      'two response modalities',
      [{ setup: { model: `models/${MODEL}`, generationConfig: { responseModalities: ['TEXT', 'AUDIO'] } } }],
      1007,
      /one response modality/,
    ],
    [
      'empty parts',
      [
        { setup: { model: `models/${MODEL}` } },
        { clientContent: { turns: [{ role: 'user', parts: [] }], turnComplete: true } },
      ],
      1007,
      /must not be empty/,
    ],
  ])('closes on %s with the right code and reason', async (_name, messages, code, reason) => {
    const { emu } = await setup();
    const c = await raw(emu.url);
    for (const m of messages) c.send(m);
    const closed = await c.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(reason);
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
  });

  it('authenticates with ?key= or the x-goog-api-key header; none at all is 1008', async () => {
    const { emu } = await setup();
    const c = await raw(emu.url, '');
    c.send({ setup: { model: `models/${MODEL}` } });
    expect(await c.closed).toMatchObject({
      code: 1008,
      reason: expect.stringMatching(/unregistered callers/),
    });
    const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}${PATH}`, {
      headers: { 'x-goog-api-key': KEY },
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ setup: { model: `models/${MODEL}` } }));
    const first = await new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
    expect(JSON.parse(first)).toEqual({ setupComplete: {} });
    ws.close();
  });

  it('accepts snake_case names and normalizes them; resumption updates carry the consumed index', async () => {
    const { emu } = await setup();
    const c = await raw(emu.url);
    c.send({ setup: { model: `models/${MODEL}`, session_resumption: {} } });
    expect(await c.next()).toEqual({ setupComplete: {} });
    const update = (await c.next())['sessionResumptionUpdate'] as Record<string, unknown>;
    expect(update).toMatchObject({ resumable: true, lastConsumedClientMessageIndex: '0' });
    c.send({ client_content: { turns: [{ role: 'user', parts: [{ text: 'hi' }] }], turn_complete: true } });
    const kinds: string[] = [];
    for (;;) {
      const m = await c.next();
      kinds.push(Object.keys(m).join('+'));
      if ((m['sessionResumptionUpdate'] as { newHandle?: string } | undefined)?.newHandle) {
        expect(m['sessionResumptionUpdate']).toMatchObject({ lastConsumedClientMessageIndex: '1' });
        break;
      }
    }
    expect(kinds).toEqual([
      'sessionResumptionUpdate', // resumable: false while generating
      'serverContent',
      'serverContent',
      'serverContent', // generationComplete
      'serverContent+usageMetadata', // turnComplete
      'sessionResumptionUpdate',
    ]);
  });

  it('unknown WebSocket paths get an HTTP 404', async () => {
    const { emu } = await setup();
    const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}/ws/nope?key=${KEY}`);
    const err = await new Promise<Error>((r) => ws.once('error', r));
    expect(err.message).toMatch(/404/);
  });
});
