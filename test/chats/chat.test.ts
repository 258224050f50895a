import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Content } from '../../src/index.js';
import {
  AbortError,
  ApiError,
  InvalidArgumentError,
  curateHistory,
  defineFunction,
} from '../../src/index.js';
import { MODEL, generateBodies, setup } from '../models/helpers.js';

describe('chats', () => {
  it('keeps both turns of every exchange and sends the history', async () => {
    const { emu, client } = await setup();
    const chat = client.chats.create({ model: MODEL, config: { systemInstruction: 'Be brief.' } });
    expect((await chat.sendMessage('hi')).text).toBe('Echo: hi');
    expect((await chat.sendMessage({ message: 'again' })).text).toBe('Echo: again');
    const history = chat.getHistory();
    expect(history).toEqual([
      { role: 'user', parts: [{ text: 'hi' }] },
      { role: 'model', parts: [{ text: 'Echo: hi' }] },
      { role: 'user', parts: [{ text: 'again' }] },
      { role: 'model', parts: [{ text: 'Echo: again' }] },
    ]);
    const bodies = generateBodies(emu);
    expect(bodies[1]!.contents).toEqual(history.slice(0, 3));
    expect(bodies[1]!['systemInstruction']).toEqual({ parts: [{ text: 'Be brief.' }] });
    history.pop(); // a copy
    expect(chat.getHistory()).toHaveLength(4);
  });

  it('starts from a given history, validates it, and takes per-message config', async () => {
    const { emu, client } = await setup();
    const start: Content[] = [
      { role: 'user', parts: [{ text: 'a' }] },
      { role: 'model', parts: [{ text: 'b' }] },
    ];
    const chat = client.chats.create({ model: MODEL, history: start });
    start.push({ role: 'user', parts: [{ text: 'mutated later' }] });
    await chat.sendMessage({ message: 'c', config: { generationConfig: { temperature: 0 } } });
    expect(generateBodies(emu)[0]).toEqual({
      contents: [...start.slice(0, 2), { role: 'user', parts: [{ text: 'c' }] }],
      generationConfig: { temperature: 0 },
    });
    expect(() => client.chats.create({ model: MODEL, history: [{ role: 'system', parts: [] }] })).toThrow(
      InvalidArgumentError,
    );
    await expect(chat.sendMessage('')).resolves.toBeDefined();
    await expect(chat.sendMessage([] as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('leaves blocked or empty exchanges out of the curated history it sends', async () => {
    const { emu, client } = await setup();
    emu.control.script(
      MODEL,
      { promptFeedback: { blockReason: 'SAFETY' } },
      { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }] },
    );
    const chat = client.chats.create({ model: MODEL });
    const blocked = await chat.sendMessage('bad');
    expect(blocked.text).toBe('');
    expect(blocked.blocked?.message).toMatch(/blocked/);
    await chat.sendMessage('empty');
    await chat.sendMessage('good');
    expect(chat.getHistory()).toHaveLength(6);
    expect(chat.getHistory(true)).toEqual([
      { role: 'user', parts: [{ text: 'good' }] },
      { role: 'model', parts: [{ text: 'Echo: good' }] },
    ]);
    expect(generateBodies(emu)[2]!.contents).toEqual([{ role: 'user', parts: [{ text: 'good' }] }]);
  });

  it('serialises concurrent sends', async () => {
    const { emu, client } = await setup();
    emu.control.setLatency(30);
    const chat = client.chats.create({ model: MODEL });
    const [a, b, c] = await Promise.all([
      chat.sendMessage('1'),
      chat.sendMessage('2'),
      chat.sendMessage('3'),
    ]);
    expect([a.text, b.text, c.text]).toEqual(['Echo: 1', 'Echo: 2', 'Echo: 3']);
    expect(generateBodies(emu).map((body) => body.contents.length)).toEqual([1, 3, 5]);
    expect(chat.getHistory().map((h) => h.parts?.[0]?.text)).toEqual([
      '1',
      'Echo: 1',
      '2',
      'Echo: 2',
      '3',
      'Echo: 3',
    ]);
  });

  it('leaves history unchanged after a failed or aborted send', async () => {
    const { emu, client } = await setup();
    const chat = client.chats.create({ model: MODEL });
    await chat.sendMessage('ok');
    emu.control.script(MODEL, { error: { code: 500, message: 'Internal error' } });
    await expect(chat.sendMessage('fails')).rejects.toBeInstanceOf(ApiError);
    const controller = new AbortController();
    emu.control.setLatency(200);
    const pending = chat.sendMessage('aborted', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    emu.control.setLatency(0);
    const stream = chat.sendMessageStream('left early');
    for await (const _ of stream) break;
    expect(chat.getHistory()).toHaveLength(2);
    expect((await chat.sendMessage('next')).text).toBe('Echo: next');
    expect(chat.getHistory()).toHaveLength(4);
  });

  it('streams a message and records the merged model turn once read', async () => {
    const { client } = await setup();
    const chat = client.chats.create({ model: MODEL });
    const stream = chat.sendMessageStream('one two three four');
    const parts: string[] = [];
    for await (const chunk of stream) parts.push(chunk.text);
    expect(parts.length).toBeGreaterThan(1);
    expect(chat.getHistory()).toEqual([
      { role: 'user', parts: [{ text: 'one two three four' }] },
      { role: 'model', parts: [{ text: 'Echo: one two three four' }] },
    ]);
    // A send made while a stream is pending waits for it.
    const s2 = chat.sendMessageStream('second');
    const after = chat.sendMessage('third');
    expect((await s2.finalResponse()).text).toBe('Echo: second');
    expect((await after).text).toBe('Echo: third');
    expect(chat.getHistory()).toHaveLength(6);
  });

  it('records the whole automatic function calling exchange and keeps Gemini 3 thought signatures', async () => {
    const { emu, client } = await setup();
    const weather = defineFunction({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      run: ({ city }) => ({ city, tempC: 21 }),
    });
    const chat = client.chats.create({ model: 'gemini-3-pro-preview', config: { tools: [weather] } });
    const r = await chat.sendMessage('call get_weather for me');
    expect(r.text).toBe('Echo: get_weather returned {"city":"city","tempC":21}');
    const h = chat.getHistory();
    expect(h.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model']);
    expect(h[1]!.parts?.[0]).toMatchObject({
      functionCall: { name: 'get_weather' },
      thoughtSignature: expect.any(String) as string,
    });
    expect(h[3]!.parts?.[0]?.thoughtSignature).toEqual(expect.any(String));
    // The emulator (like the service) rejects a Gemini 3 function call turn without its signature:
    // a second send that replays the history succeeds only because the signatures came back untouched.
    await chat.sendMessage('and once more get_weather');
    const sent = generateBodies(emu).at(-1)!.contents;
    expect(sent[1]).toEqual(h[1]);
    expect(sent[3]).toEqual(h[3]);
    const stripped = structuredClone(h);
    delete stripped[1]!.parts![0]!.thoughtSignature;
    const replay = client.chats.create({ model: 'gemini-3-pro-preview', history: stripped.slice(0, 2) });
    await expect(
      replay.sendMessage([{ functionResponse: { name: 'get_weather', response: {} } }]),
    ).rejects.toThrow(/thought_signature/);
    expect(replay.getHistory()).toEqual(stripped.slice(0, 2));
  });
});

describe('curateHistory', () => {
  it('drops invalid model runs with the user turn before them, like the official SDKs', () => {
    const u = (t: string): Content => ({ role: 'user', parts: [{ text: t }] });
    const m = (t: string): Content => ({ role: 'model', parts: [{ text: t }] });
    const h = [
      u('1'),
      m('a'),
      u('2'),
      { role: 'model', parts: [] },
      u('3'),
      m('b'),
      { role: 'model', parts: [{}] },
      u('4'),
      m('c'),
      m('d'),
      u('5'),
      { role: 'model', parts: [{ text: '', thoughtSignature: 's' }] },
    ];
    expect(curateHistory(h)).toEqual([
      u('1'),
      m('a'),
      u('4'),
      m('c'),
      m('d'),
      u('5'),
      { role: 'model', parts: [{ text: '', thoughtSignature: 's' }] },
    ]);
  });
});
