// Issue 14 item 10: a generateContent stream that ends cleanly between events before any finishReason
// does not look complete. The service ends every complete answer with a chunk carrying finishReason, so
// such a stream raises IncompleteStreamError (a StreamError) at the end of iteration and from
// finalResponse(), with what arrived in `.partial`. A connection cut mid-stream (the emulator's
// truncateStream fault) stays a plain StreamError.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IncompleteStreamError, StreamError } from '../../src/core/index.js';
import { Gemini } from '../../src/client.js';
import type { GenerateContentResult } from '../../src/models/response.js';
import { collect, MODEL, rejection, setup } from '../integration/helpers.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((ok) => s.close(ok))));
});

const chunk = (text: string, extra: Record<string, unknown> = {}): string =>
  `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...extra }] })}\r\n\r\n`;

/** A server that streams `events` and then ends the response cleanly (no error, nothing cut mid-event). */
async function sse(...events: string[]): Promise<Gemini> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const e of events) res.write(e);
    res.end();
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return new Gemini({
    apiKey: 'k',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxRetries: 0,
  });
}

describe('a stream that ends before its finishReason', () => {
  it('iteration yields what arrived, then throws IncompleteStreamError with the partial response', async () => {
    const client = await sse(chunk('Once upon'), chunk(' a time'));
    const seen: string[] = [];
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'story' });
    const e = await rejection(
      (async () => {
        for await (const c of stream) seen.push(c.text ?? '');
      })(),
    );
    expect(seen).toEqual(['Once upon', ' a time']);
    expect(e).toBeInstanceOf(IncompleteStreamError);
    expect(e).toBeInstanceOf(StreamError);
    expect((e as Error).message).toMatch(/without a finishReason/);
    expect(((e as IncompleteStreamError).partial as GenerateContentResult).text).toBe('Once upon a time');
    expect(await rejection(stream.finalResponse())).toBe(e);
  });

  it('finalResponse() rejects too, and a chat does not record the cut turn', async () => {
    const client = await sse(chunk('half an'));
    expect(
      await rejection(client.models.generateContentStream({ model: MODEL, contents: 'x' }).finalResponse()),
    ).toBeInstanceOf(IncompleteStreamError);
    const chat = client.chats.create({ model: MODEL });
    expect(await rejection(collect(chat.sendMessageStream('hello')))).toBeInstanceOf(IncompleteStreamError);
    expect(chat.getHistory()).toEqual([]);
  });

  it('a stream whose last chunk carries finishReason, or a blocked prompt, is complete', async () => {
    const done = await sse(chunk('Hi'), chunk(' there', { finishReason: 'STOP' }));
    expect(
      (await done.models.generateContentStream({ model: MODEL, contents: 'x' }).finalResponse()).text,
    ).toBe('Hi there');
    const blocked = await sse(
      `data: ${JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' } })}\r\n\r\n`,
    );
    const r = await blocked.models.generateContentStream({ model: MODEL, contents: 'x' }).finalResponse();
    expect(r.promptFeedback?.blockReason).toBe('SAFETY');
  });

  it('against the emulator: a full stream completes; truncateStream (a cut connection) is a StreamError', async () => {
    const { emu, client } = await setup({ maxRetries: 0 });
    const full = await client.models
      .generateContentStream({ model: MODEL, contents: 'a longer prompt here' })
      .finalResponse();
    expect(full.candidates?.[0]?.finishReason).toBe('STOP');
    emu.control.faults.truncateStream(1, { methodId: 'models.streamGenerateContent' });
    const e = await rejection(
      client.models.generateContentStream({ model: MODEL, contents: 'a longer prompt here' }).finalResponse(),
    );
    expect(e).toBeInstanceOf(StreamError);
    expect(e).not.toBeInstanceOf(IncompleteStreamError);
  });
});
