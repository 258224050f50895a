import { describe, expect, it } from 'vitest';
import { BadRequestError, readJsonStream, ServerError, StreamError } from '../../src/core/index.js';
import { collect, streamOf } from './support/streams.js';

const chunk = (text: string) => ({
  candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }],
});
const frame = (v: unknown, sep = '\r\n\r\n') => `data: ${JSON.stringify(v)}${sep}`;

describe('readJsonStream', () => {
  it('yields each data object (Gemini CRLF framing, stream ends at EOF)', async () => {
    const body = streamOf([
      frame(chunk('Hel')),
      frame(chunk('lo')).slice(0, 10),
      frame(chunk('lo')).slice(10),
    ]);
    expect(await collect(readJsonStream(body))).toEqual([chunk('Hel'), chunk('lo')]);
  });

  it('stops at data: [DONE] and ignores the rest (interactions framing with event: lines)', async () => {
    const body = streamOf([
      'event: interaction.created\ndata: {"event_type":"interaction.created"}\n\n',
      'event: done\ndata: [DONE]\n\n',
      'data: {"never":true}\n\n',
    ]);
    expect(await collect(readJsonStream(body))).toEqual([{ event_type: 'interaction.created' }]);
  });

  it('raises a typed ApiError for an error object mid-stream, after the earlier chunks', async () => {
    const body = streamOf([
      frame(chunk('a')),
      frame({
        error: {
          code: 503,
          message: 'The model is overloaded. Please try again later.',
          status: 'UNAVAILABLE',
        },
      }),
    ]);
    const got: unknown[] = [];
    const err = await (async () => {
      for await (const c of readJsonStream(body)) got.push(c);
    })().catch((e: unknown) => e);
    expect(got).toEqual([chunk('a')]);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      message: 'The model is overloaded. Please try again later.',
    });
  });

  it('treats event: error as an error even without an error envelope', async () => {
    await expect(
      collect(readJsonStream(streamOf(['event: error\ndata: something broke\n\n']))),
    ).rejects.toMatchObject({
      status: 500,
      message: '500: something broke',
    });
    await expect(
      collect(readJsonStream(streamOf(['event: error\ndata: {"code":400,"message":"bad"}\n\n']))),
    ).rejects.toBeInstanceOf(ServerError);
  });

  it('decodes a plain JSON error body labelled text/event-stream', async () => {
    const body = streamOf([
      '{\n  "error": {\n    "code": 400,\n    "message": "Request contains an invalid argument.",\n',
      '    "status": "INVALID_ARGUMENT"\n  }\n}\n',
    ]);
    const err = await collect(readJsonStream(body)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' });
  });

  it('decodes a JSON array body (the non-SSE stream form) element by element', async () => {
    const body = streamOf(['  [{"a":1}\r\n', ',{"a":2}\r\n]']);
    expect(await collect(readJsonStream(body))).toEqual([{ a: 1 }, { a: 2 }]);
    const withError = streamOf([
      '[{"a":1},{"error":{"code":429,"message":"q","status":"RESOURCE_EXHAUSTED"}}]',
    ]);
    await expect(collect(readJsonStream(withError))).rejects.toMatchObject({ status: 429 });
  });

  it('raises StreamError for invalid JSON and for a cut mid-event', async () => {
    await expect(collect(readJsonStream(streamOf(['data: {"a":\n\n'])))).rejects.toThrow(StreamError);
    await expect(collect(readJsonStream(streamOf(['{"a":'])))).rejects.toThrow(StreamError);
    await expect(collect(readJsonStream(streamOf([frame(chunk('a')), 'data: {"candi'])))).rejects.toThrow(
      /middle of an event/,
    );
  });

  it('redacts server text put into errors and reports chunks', async () => {
    let chunks = 0;
    const body = streamOf([
      frame({ error: { code: 400, message: 'bad key SECRET', status: 'INVALID_ARGUMENT' } }),
    ]);
    const err = await collect(
      readJsonStream(body, { redact: (t) => t.replaceAll('SECRET', '[REDACTED]'), onChunk: () => chunks++ }),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe('bad key [REDACTED]');
    expect(chunks).toBe(1);
  });

  it('yields nothing for an empty or whitespace body', async () => {
    expect(await collect(readJsonStream(streamOf([])))).toEqual([]);
    expect(await collect(readJsonStream(streamOf(['\r\n', '\n'])))).toEqual([]);
  });
});
