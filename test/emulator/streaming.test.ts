import { describe, expect, it } from 'vitest';
import { api, body, sseEvents, start, userTurn } from './helpers.js';

const STREAM = '/v1beta/models/gemini-2.5-flash:streamGenerateContent';

interface Chunk {
  candidates?: { content?: { parts: { text?: string }[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount: number; candidatesTokenCount?: number; totalTokenCount: number };
  responseId?: string;
  error?: { code: number; message: string; status: string };
}

const text = (chunks: Chunk[]): string =>
  chunks.map((c) => c.candidates?.[0]?.content?.parts.map((p) => p.text ?? '').join('') ?? '').join('');

describe('streamGenerateContent', () => {
  it('frames alt=sse as CRLF data events, several chunks, usage complete on the last, no [DONE]', async () => {
    const emu = await start();
    const res = await api(emu, `${STREAM}?alt=sse`, { json: userTurn('one two three four five') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const raw = await res.text();
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    expect(raw).not.toContain('[DONE]');
    expect(
      raw
        .split('\r\n\r\n')
        .filter(Boolean)
        .every((e) => e.startsWith('data: {') && !e.includes('\n')),
    ).toBe(true);
    const chunks = sseEvents(raw) as Chunk[];
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(text(chunks)).toBe('Echo: one two three four five');
    expect(new Set(chunks.map((c) => c.responseId)).size).toBe(1);
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.slice(0, -1).every((c) => c.candidates?.[0]?.finishReason === undefined)).toBe(true);
    expect(last?.usageMetadata).toMatchObject({
      promptTokenCount: 5,
      candidatesTokenCount: 7,
      totalTokenCount: 12,
    });
  });

  it('returns one JSON array without alt=sse', async () => {
    const emu = await start();
    const res = await api(emu, STREAM, { json: userTurn('a b c') });
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const raw = await res.text();
    expect(raw.startsWith('[{')).toBe(true);
    expect(raw).toContain('\n,\r\n');
    const chunks = JSON.parse(raw) as Chunk[];
    expect(chunks.length).toBeGreaterThan(1);
    expect(text(chunks)).toBe('Echo: a b c');
  });

  it('streams scripted chunks, function calls on the last chunk, and a mid-stream error event', async () => {
    const emu = await start();
    emu.control.script(
      'gemini-2.5-flash',
      { text: 'abc', chunks: ['a', 'b', 'c'], functionCalls: [{ name: 'f', args: {} }] },
      {
        text: 'x y z',
        chunks: 3,
        streamError: {
          afterChunks: 1,
          error: { code: 503, message: 'The model is overloaded. Please try again later.' },
        },
      },
    );
    const first = sseEvents(
      await (await api(emu, `${STREAM}?alt=sse`, { json: userTurn('q') })).text(),
    ) as Chunk[];
    expect(first.map((c) => c.candidates?.[0]?.content?.parts)).toEqual([
      [{ text: 'a' }],
      [{ text: 'b' }],
      [{ text: 'c' }],
      [{ functionCall: { name: 'f', args: {} } }],
    ]);
    const second = sseEvents(
      await (await api(emu, `${STREAM}?alt=sse`, { json: userTurn('q') })).text(),
    ) as Chunk[];
    expect(second).toHaveLength(2);
    expect(second[1]).toEqual({
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    });
  });

  it('answers errors on alt=sse calls as plain JSON labelled text/event-stream', async () => {
    const emu = await start();
    const res = await api(emu, `${STREAM}?alt=sse`, { json: { contents: [{ parts: [{ text: 1 }] }] } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(await body(res)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const missing = await api(emu, '/v1beta/models/nope:streamGenerateContent?alt=sse', {
      json: userTurn('q'),
    });
    expect(missing.status).toBe(404);
    expect(((await body(missing)) as { error: { message: string } }).error.message).toContain(
      'or is not supported for streamGenerateContent.',
    );
  });

  it('sends a blocked prompt as a single event with promptFeedback', async () => {
    const emu = await start();
    emu.control.script('gemini-2.5-flash', { promptFeedback: { blockReason: 'SAFETY' } });
    const chunks = sseEvents(
      await (await api(emu, `${STREAM}?alt=sse`, { json: userTurn('q') })).text(),
    ) as Chunk[];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ promptFeedback: { blockReason: 'SAFETY' } });
    expect(chunks[0]?.candidates).toBeUndefined();
  });
});
