import { describe, expect, it } from 'vitest';
import { AbortError, ApiError, ResponseAccumulator, StreamError } from '../../src/index.js';
import { MODEL, generateBodies, setup } from './helpers.js';

describe('models.generateContentStream', () => {
  it('yields several chunks with text and aggregates the final response with usage', async () => {
    const { client } = await setup();
    const stream = client.models.generateContentStream({
      model: MODEL,
      contents: 'one two three four five six',
    });
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.text);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(texts.join('')).toBe('Echo: one two three four five six');
    const final = await stream.finalResponse();
    expect(final.text).toBe('Echo: one two three four five six');
    expect(final.candidates?.[0]?.content?.parts).toEqual([{ text: 'Echo: one two three four five six' }]);
    expect(final.finishReason).toBe('STOP');
    expect(final.usage).toMatchObject({ promptTokenCount: 6, candidatesTokenCount: 8, totalTokenCount: 14 });
  });

  it('finalResponse() reads a stream that was not iterated; a stream iterates once', async () => {
    const { client } = await setup();
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'hi' });
    expect((await stream.finalResponse()).text).toBe('Echo: hi');
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toBeInstanceOf(StreamError);
  });

  it('keeps the streamed thought signature part and function calls as received', async () => {
    const { client, emu } = await setup();
    emu.control.script('gemini-3-pro-preview', { thought: 'hmm', text: 'a b c', chunks: ['a ', 'b ', 'c'] });
    const stream = client.models.generateContentStream({ model: 'gemini-3-pro-preview', contents: 'q' });
    const final = await stream.finalResponse();
    expect(final.candidates?.[0]?.content?.parts).toEqual([
      { text: 'hmm', thought: true },
      { text: 'a b c' },
    ]);
    const auto = await client.models
      .generateContentStream({ model: 'gemini-3-pro-preview', contents: 'q' })
      .finalResponse();
    const parts = auto.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toEqual({ text: 'Echo: q' });
    expect(parts[1]).toEqual({ text: '', thoughtSignature: expect.any(String) as string });
  });

  it('throws a typed error for a mid-stream error event', async () => {
    const { client, emu } = await setup();
    emu.control.script(MODEL, {
      text: 'x y z',
      chunks: 3,
      streamError: { afterChunks: 1, error: { code: 503, message: 'The model is overloaded.' } },
    });
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const c of client.models.generateContentStream({ model: MODEL, contents: 'q' }))
        seen.push(c.text);
    };
    await expect(run()).rejects.toMatchObject({ status: 503 });
    await expect(run()).resolves.toBeUndefined();
    expect(seen[0]).toBe('x ');
    await expect(
      client.models.generateContentStream({ model: 'missing-model', contents: 'q' }).finalResponse(),
    ).rejects.toBeInstanceOf(ApiError);
  });

  it('aborts: break, abort() and the caller signal', async () => {
    const { client } = await setup();
    const s1 = client.models.generateContentStream({ model: MODEL, contents: 'one two three four' });
    for await (const _ of s1) break;
    await expect(s1.finalResponse()).rejects.toBeInstanceOf(StreamError);
    const s2 = client.models.generateContentStream({ model: MODEL, contents: 'one two three four' });
    s2.abort('stop');
    await expect(s2.finalResponse()).rejects.toBeInstanceOf(AbortError);
    const controller = new AbortController();
    controller.abort();
    const s3 = client.models.generateContentStream(
      { model: MODEL, contents: 'x' },
      { signal: controller.signal },
    );
    await expect(s3.finalResponse()).rejects.toBeInstanceOf(AbortError);
  });

  it('sends the same body as generateContent', async () => {
    const { client, emu } = await setup();
    await client.models
      .generateContentStream({ model: MODEL, contents: 'x', systemInstruction: 's' })
      .finalResponse();
    await client.models.generateContent({ model: MODEL, contents: 'x', systemInstruction: 's' });
    const [a, b] = generateBodies(emu);
    expect(a).toEqual(b);
    expect(emu.control.requests[0]!.query['alt']).toBe('sse');
  });
});

describe('ResponseAccumulator', () => {
  it('keeps first-chunk promptFeedback and last-chunk usage, joins text, merges citations', () => {
    const acc = new ResponseAccumulator();
    acc.add({
      promptFeedback: { safetyRatings: [] },
      candidates: [
        {
          index: 0,
          content: { role: 'model', parts: [{ text: 'a' }] },
          citationMetadata: { citationSources: [{ uri: 'u1' }] },
        },
      ],
    });
    acc.add({
      candidates: [
        {
          index: 0,
          content: { parts: [{ text: 'b' }, { functionCall: { name: 'f' } }] },
          citationMetadata: { citationSources: [{ uri: 'u2' }] },
        },
      ],
    });
    acc.add({
      candidates: [{ index: 0, content: { parts: [{ text: '' }] }, finishReason: 'STOP' }],
      usageMetadata: { totalTokenCount: 3 },
    });
    const r = acc.result();
    expect(r.promptFeedback).toEqual({ safetyRatings: [] });
    expect(r.usage).toEqual({ totalTokenCount: 3 });
    expect(r.candidates?.[0]).toEqual({
      index: 0,
      finishReason: 'STOP',
      content: { role: 'model', parts: [{ text: 'ab' }, { functionCall: { name: 'f' } }, { text: '' }] },
      citationMetadata: { citationSources: [{ uri: 'u1' }, { uri: 'u2' }] },
    });
    expect(() => new ResponseAccumulator().result()).toThrow(StreamError);
  });
});
