/**
 * generateContentStream against the emulator's SSE: several chunks, the aggregated final response,
 * a truncated or cut stream raising StreamError (never ending silently), a scripted mid-stream error
 * raising a typed error, and `break` aborting the request.
 */
import { describe, expect, it } from 'vitest';
import { ServerError, StreamError } from '../../src/core/index.js';
import { callsTo, clientFor, collect, MODEL, rejection, setup } from './helpers.js';

const STREAM = 'models.streamGenerateContent';

describe('generateContentStream', () => {
  it('yields several chunks and aggregates them in finalResponse()', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, { text: 'one two three four', chunks: ['one ', 'two ', 'three ', 'four'] });
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'count' });
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.text);
    expect(texts).toEqual(['one ', 'two ', 'three ', 'four']);
    const final = await stream.finalResponse();
    expect(final.text).toBe('one two three four');
    expect(final.candidates?.[0]?.content?.parts).toEqual([{ text: 'one two three four' }]);
    expect(final.finishReason).toBe('STOP');
    expect(final.usage?.totalTokenCount).toEqual(expect.any(Number));
    const logged = emu.control.requests[0];
    expect(logged?.query).toMatchObject({ alt: 'sse' });
    expect(logged?.body).toEqual({ contents: [{ role: 'user', parts: [{ text: 'count' }] }] });
  });

  it('finalResponse() alone reads the whole stream; thoughts and function calls survive', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, {
      thought: 'thinking…',
      text: 'calling a tool',
      functionCalls: [{ name: 'lookup', args: { q: 'x' }, id: 'call-1' }],
      chunks: 2,
    });
    const final = await client.models.generateContentStream({ model: MODEL, contents: 'go' }).finalResponse();
    expect(final.thoughts).toBe('thinking…');
    expect(final.text).toBe('calling a tool');
    expect(final.functionCalls).toEqual([{ id: 'call-1', name: 'lookup', args: { q: 'x' } }]);
  });

  it('a stream truncated after one event raises StreamError, after the chunk that arrived', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, { text: 'a b c', chunks: ['a ', 'b ', 'c'] });
    emu.control.faults.truncateStream(1, { methodId: STREAM });
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'x' });
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.text);
      })(),
    );
    expect(seen).toEqual(['a ']);
    expect(err).toBeInstanceOf(StreamError);
    expect(await rejection(stream.finalResponse())).toBeInstanceOf(StreamError);
    expect(callsTo(emu, STREAM)).toBe(1); // a stream that started is never replayed
  });

  it('a stream cut mid-event raises StreamError', async () => {
    const { emu, client } = await setup();
    emu.control.faults.cutNext(20, { methodId: STREAM });
    const err = await rejection(
      client.models.generateContentStream({ model: MODEL, contents: 'x' }).finalResponse(),
    );
    expect(err).toBeInstanceOf(StreamError);
  });

  it('a scripted mid-stream error raises a typed error after the earlier chunks', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, {
      text: 'a b c d',
      chunks: ['a ', 'b ', 'c ', 'd'],
      streamError: { afterChunks: 2, error: { code: 500, message: 'Internal error mid-stream' } },
    });
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const chunk of client.models.generateContentStream({ model: MODEL, contents: 'x' })) {
          seen.push(chunk.text);
        }
      })(),
    );
    expect(seen).toEqual(['a ', 'b ']);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 500, code: 'INTERNAL', message: 'Internal error mid-stream' });
    expect(callsTo(emu, STREAM)).toBe(1);
  });

  it('break aborts the request and frees the client for the next call', async () => {
    const { emu, client: plain } = await setup();
    const signals: AbortSignal[] = [];
    const client = clientFor(emu, {
      // Observes the per-attempt signal the transport hands to the real fetch.
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    });
    emu.control.script(MODEL, { text: 'a b c d e f g h', chunks: 8 });
    let n = 0;
    for await (const chunk of client.models.generateContentStream({ model: MODEL, contents: 'x' })) {
      expect(chunk.text).not.toBe('');
      if (++n === 2) break;
    }
    expect(n).toBe(2);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect((await plain.models.generateContent({ model: MODEL, contents: 'next' })).text).toBe('Echo: next');
    const again = await collect(client.models.generateContentStream({ model: MODEL, contents: 'y' }));
    expect(again.map((c) => c.text).join('')).toBe('Echo: y');
  });

  it('the default echo streams in three chunks', async () => {
    const { client } = await setup();
    const chunks = await collect(
      client.models.generateContentStream({ model: MODEL, contents: 'hello there world' }),
    );
    expect(chunks).toHaveLength(3);
    expect(chunks.map((c) => c.text).join('')).toBe('Echo: hello there world');
  });
});
