import { afterEach, describe, expect, it } from 'vitest';
import { BadRequestError, ServerError, Stream, StreamError, TimeoutError } from '../../src/core/index.js';
import { delay, json, rpcError, sseStart, startServer, type FixtureServer } from './support/server.js';
import { streamGen } from './support/specs.js';
import { collect } from './support/streams.js';
import { transportFor } from './support/transport.js';

let server: FixtureServer;
afterEach(async () => {
  await server?.close();
});

type Chunk = { candidates: { content: { parts: { text: string }[] } }[] };
const chunk = (text: string) => ({
  candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }],
});
const frame = (v: unknown) => `data: ${JSON.stringify(v)}\r\n\r\n`;
const texts = (cs: Chunk[]) => cs.map((c) => c.candidates[0]?.content.parts[0]?.text).join('');

describe('HttpTransport.stream', () => {
  it('is iterable at once, starts on first iteration, sends alt=sse and yields chunks', async () => {
    server = await startServer((_r, res) => {
      const write = sseStart(res);
      write(frame(chunk('Hel')));
      setTimeout(() => {
        write(frame(chunk('lo')).slice(0, 7));
        write(frame(chunk('lo')).slice(7));
        res.end();
      }, 10);
    });
    const s = transportFor(server).stream<Chunk>(streamGen());
    expect(s).toBeInstanceOf(Stream);
    await delay(20);
    expect(server.requests).toHaveLength(0);
    expect(texts(await collect(s))).toBe('Hello');
    expect(server.requests[0]?.url).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe('test-key');
  });

  it('can be iterated only once', async () => {
    server = await startServer((_r, res) => {
      sseStart(res);
      res.end();
    });
    const s = transportFor(server).stream(streamGen());
    await collect(s);
    await expect(collect(s)).rejects.toThrow(StreamError);
  });

  it('retries before the first byte (503, then a stream)', async () => {
    server = await startServer(
      (_r, res) => json(res, 503, rpcError(503, 'UNAVAILABLE', 'overloaded')),
      (_r, res) => {
        sseStart(res)(frame(chunk('ok')));
        res.end();
      },
    );
    expect(texts(await collect(transportFor(server).stream<Chunk>(streamGen())))).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('raises a typed error for a 400 before streaming (the real alt=sse 400) without retrying', async () => {
    server = await startServer((_r, res) =>
      json(res, 400, rpcError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.')),
    );
    const err = await collect(transportFor(server).stream(streamGen())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('raises a typed error for a 200 text/event-stream body that is plain JSON', async () => {
    server = await startServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        JSON.stringify(rpcError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'), null, 2),
      );
    });
    await expect(collect(transportFor(server).stream(streamGen()))).rejects.toBeInstanceOf(BadRequestError);
  });

  it('raises the error object sent mid-stream, after the earlier chunks, and does not retry', async () => {
    server = await startServer((_r, res) => {
      const write = sseStart(res);
      write(frame(chunk('a')));
      write(frame(rpcError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.')));
      res.end();
    });
    const got: Chunk[] = [];
    const err = await (async () => {
      for await (const c of transportFor(server).stream<Chunk>(streamGen())) got.push(c);
    })().catch((e: unknown) => e);
    expect(texts(got)).toBe('a');
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('raises StreamError when the server ends mid-event', async () => {
    server = await startServer((_r, res) => {
      const write = sseStart(res);
      write(frame(chunk('a')));
      write('data: {"candidates":[{"content');
      res.end();
    });
    const got: Chunk[] = [];
    const err = await (async () => {
      for await (const c of transportFor(server).stream<Chunk>(streamGen())) got.push(c);
    })().catch((e: unknown) => e);
    expect(got).toHaveLength(1);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as Error).message).toMatch(/middle of an event/);
  });

  it('raises StreamError when the connection is cut mid-stream', async () => {
    server = await startServer((_r, res) => {
      const write = sseStart(res);
      write(frame(chunk('a')));
      write('data: {"cand');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const err = await collect(transportFor(server).stream(streamGen())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as Error).message).toMatch(/^stream interrupted: terminated/);
    expect(server.requests).toHaveLength(1);
  });

  it('raises TimeoutError when the stream goes idle longer than the timeout', async () => {
    server = await startServer((_r, res) => {
      const write = sseStart(res);
      write(frame(chunk('a')));
      setTimeout(() => write(frame(chunk('b'))), 40);
      // then silence
    });
    const got: Chunk[] = [];
    const t0 = Date.now();
    const err = await (async () => {
      for await (const c of transportFor(server, { timeout: 120 }).stream<Chunk>(streamGen())) got.push(c);
    })().catch((e: unknown) => e);
    expect(texts(got)).toBe('ab');
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a stream longer than the timeout is fine while chunks keep coming', async () => {
    server = await startServer(async (_r, res) => {
      const write = sseStart(res);
      for (let i = 0; i < 6; i++) {
        write(frame(chunk(String(i))));
        await delay(30);
      }
      res.end();
    });
    expect(texts(await collect(transportFor(server, { timeout: 100 }).stream<Chunk>(streamGen())))).toBe(
      '012345',
    );
  });

  it('break closes the underlying connection', async () => {
    server = await startServer((_r, res) => {
      const write = sseStart(res);
      const timer = setInterval(() => write(frame(chunk('x'))), 5);
      res.on('close', () => clearInterval(timer));
    });
    for await (const c of transportFor(server).stream<Chunk>(streamGen())) {
      expect(texts([c])).toBe('x');
      break;
    }
    const closed = await Promise.race([
      server.requests[0]?.closed.then(() => true),
      delay(1000).then(() => false),
    ]);
    expect(closed).toBe(true);
  });
});
