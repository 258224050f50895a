// Batches whose requests travel as a JSONL file: an uploaded file name, requests the SDK serialises and
// uploads, 10,000 lines streamed back with flat memory, and the JSONL line reader itself.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../src/batches/index.js';
import { AbortError, GeminiError } from '../../src/core/errors.js';
import { collect, MODEL, setup } from '../integration/helpers.js';
import { driveToEnd, frozen } from './helpers.js';

const line = (o: unknown): string => `${JSON.stringify(o)}\n`;

function streamOf(chunks: Array<string | Uint8Array>, onCancel?: () => void): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      const next = chunks[i++];
      if (next === undefined) c.close();
      else c.enqueue(typeof next === 'string' ? enc.encode(next) : next);
    },
    cancel: () => onCancel?.(),
  });
}

describe('readJsonl', () => {
  it('parses lines split across chunks, multibyte characters included', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\n\n{"b":2}\r\n{"c":"日本"}');
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 12), bytes.slice(12, 25), bytes.slice(25)];
    const lines = await collect(readJsonl(streamOf(chunks)));
    expect(lines).toEqual([
      { line: 1, value: { a: 'é' } },
      { line: 3, value: { b: 2 } },
      { line: 4, value: { c: '日本' } },
    ]);
  });

  it('names the bad line, and cancels the stream when left early', async () => {
    await expect(collect(readJsonl(streamOf(['{"a":1}\n{oops\n'])))).rejects.toThrow(GeminiError);
    await expect(collect(readJsonl(streamOf(['{"a":1}\n{oops\n'])))).rejects.toThrow(/line 2/);
    let cancelled = false;
    for await (const _ of readJsonl(
      streamOf(['{"a":1}\n', '{"a":2}\n', '{"a":3}\n'], () => (cancelled = true)),
    ))
      break;
    expect(cancelled).toBe(true);
    await expect(collect(readJsonl(streamOf(['{}\n']), AbortSignal.abort()))).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});

describe('JSONL file batches', () => {
  it('runs an uploaded JSONL file; bad lines fail alone', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    const text =
      line({ key: 'one', request: { contents: [{ parts: [{ text: 'hello' }] }] } }) +
      '{not json\n' +
      line({ key: 'empty', request: { contents: [{ role: 'user', parts: [] }] } }) +
      line({ key: 'unknown', request: { contents: [{ parts: [{ text: 'x' }] }], bogus: 1 } }) +
      line({ request: { contents: [{ parts: [{ text: 'no key' }] }] } });
    const file = await client.files.upload(new TextEncoder().encode(text), { mimeType: 'application/jsonl' });
    const batch = await client.batches.create({ model: MODEL, file: file.name! });
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      batch: { inputConfig: { fileName: file.name } },
    });
    await driveToEnd(emu, batch);
    expect(batch.progress).toMatchObject({
      requestCount: 5,
      successfulRequestCount: 2,
      failedRequestCount: 3,
    });
    const responsesFile = batch.resource.output?.responsesFile;
    expect(responsesFile).toMatch(/^files\//);
    const results = await collect(batch.results());
    expect(results.map((r) => [r.key, r.ok, r.error?.code])).toEqual([
      ['one', true, undefined],
      [undefined, false, 'INVALID_ARGUMENT'],
      ['empty', false, 'INVALID_ARGUMENT'],
      ['unknown', false, 'INVALID_ARGUMENT'],
      [undefined, true, undefined],
    ]);
    expect(results[0]!.ok && results[0]!.response.text).toBe('Echo: hello');
    expect(emu.control.requests.some((r) => r.path === `/download/v1beta/${responsesFile}:download`)).toBe(
      true,
    );
  });

  it('serialises and uploads the requests for you (asFile), keys defaulting to the index', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    const batch = await client.batches.create({
      model: MODEL,
      asFile: true,
      requests: [{ contents: 'a', key: 'custom' }, { contents: 'b' }],
    });
    const upload = emu.control.requests.find((r) => r.path === '/upload/v1beta/files');
    expect(upload?.headers['x-goog-upload-header-content-type']).toBe('application/jsonl');
    const input = emu.control.files.bytes(batch.resource.inputConfig!.fileName!)!.toString('utf8');
    expect(
      input
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        key: 'custom',
        request: { contents: [{ role: 'user', parts: [{ text: 'a' }] }], model: `models/${MODEL}` },
      },
      {
        key: '1',
        request: { contents: [{ role: 'user', parts: [{ text: 'b' }] }], model: `models/${MODEL}` },
      },
    ]);
    await driveToEnd(emu, batch);
    expect((await collect(batch.results())).map((r) => [r.key, r.ok && r.response.text])).toEqual([
      ['custom', 'Echo: a'],
      ['1', 'Echo: b'],
    ]);
  });

  it('runs an embedding batch from a file', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    function* requests(): Generator<{ content: string; outputDimensionality: number }> {
      for (let i = 0; i < 3; i++) yield { content: `text ${i}`, outputDimensionality: 4 };
    }
    const batch = await client.batches.createEmbeddings({
      model: 'gemini-embedding-001',
      requests: requests(),
    });
    await driveToEnd(emu, batch);
    const results = await collect(batch.results());
    expect(results.map((r) => r.ok && r.response.embedding?.values?.length)).toEqual([4, 4, 4]);
  });

  it('streams 10,000 result lines back with flat memory, quickly', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const t0 = performance.now();
    const { emu, client } = await setup({ timeout: 30_000 }, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    const N = 10_000;
    const padding = 'lorem ipsum dolor sit amet '.repeat(12);
    function* requests(): Generator<{ contents: string; key: string }> {
      for (let i = 0; i < N; i++) yield { contents: `question ${i} ${padding}`, key: `req-${i}` };
    }
    const batch = await client.batches.create({ model: MODEL, requests: requests() });
    await driveToEnd(emu, batch);
    expect(batch.state).toBe('SUCCEEDED');
    const resultBytes = emu.control.files.bytes(batch.resource.output!.responsesFile!)!.length;

    const before = heap();
    let peak = 0;
    let n = 0;
    for await (const r of batch.results()) {
      expect(r.key).toBe(`req-${n}`);
      if (!r.ok) throw r.error;
      n++;
      if (n % 2000 === 0) peak = Math.max(peak, heap() - before);
    }
    const seconds = (performance.now() - t0) / 1000;
    expect(n).toBe(N);
    // The results file is several MB; holding it (or its parsed lines) would show up here many times over.
    expect(resultBytes).toBeGreaterThan(5_000_000);
    expect(peak).toBeLessThan(resultBytes / 4);
    expect(seconds).toBeLessThan(15);
    console.log(
      `10k JSONL batch: ${seconds.toFixed(1)} s, results file ${(resultBytes / 1e6).toFixed(1)} MB, peak retained heap growth ${(peak / 1e6).toFixed(2)} MB`,
    );
  });
});
