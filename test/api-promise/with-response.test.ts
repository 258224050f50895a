// `.withResponse()` over real sockets: for a representative call of each area, `data` is what awaiting
// the call gives (helpers included) and `response` is the HTTP answer of the (last) request.
import { describe, expect, it } from 'vitest';
import { setup, MODEL } from '../integration/helpers.js';

const json = (r: Response): void => {
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/application\/json/);
};

describe('withResponse() against the emulator', () => {
  it('models: generateContent gives the helper-bearing result; countTokens, embedContent, get', async () => {
    const { emu, client } = await setup();
    const { data, response } = await client.models
      .generateContent({ model: MODEL, contents: 'hi' })
      .withResponse();
    expect(data.text).toBeTypeOf('string');
    expect(data.text!.length).toBeGreaterThan(0);
    json(response);
    expect(response.url).toBe(`${emu.url}/v1beta/models/${MODEL}:generateContent`);
    expect(response.bodyUsed).toBe(true);

    const count = await client.models.countTokens({ model: MODEL, contents: 'hello there' }).withResponse();
    expect(count.data.totalTokens).toBeGreaterThan(0);
    expect(count.response.url).toContain(':countTokens');

    const embed = await client.models
      .embedContent({ model: 'gemini-embedding-001', contents: ['a', 'b'] })
      .withResponse();
    expect(embed.data.embeddings).toHaveLength(2);
    expect(embed.response.url).toContain(':batchEmbedContents'); // the call that produced the answer

    const model = await client.models.get(MODEL).withResponse();
    expect(model.data.name).toBe(`models/${MODEL}`);
    json(model.response);
  });

  it('the same call awaited and withResponse() share one request', async () => {
    const { emu, client } = await setup();
    const before = emu.control.requests.length;
    const p = client.models.generateContent({ model: MODEL, contents: 'once' });
    const [a, b] = await Promise.all([p, p.withResponse()]);
    expect(b.data).toBe(a);
    expect(emu.control.requests.length - before).toBe(1);
  });

  it('files: upload gives the File and the finalizing response; list gives the first page', async () => {
    const { client } = await setup();
    const up = await client.files
      .upload(new Blob(['hello'], { type: 'text/plain' }), { displayName: 'h.txt' })
      .withResponse();
    expect(up.data.name).toMatch(/^files\//);
    expect(up.response.status).toBe(200);
    expect(up.response.headers.get('x-goog-upload-status')).toBe('final');

    const page = await client.files.list().withResponse();
    expect(page.data.files?.map((f) => f.name)).toContain(up.data.name);
    json(page.response);
    expect(page.response.url).toContain('/v1beta/files');
  });

  it('caches, batches, operations, file search stores', async () => {
    const { client } = await setup();
    const cache = await client.caches
      .create({ model: MODEL, contents: 'a long shared context '.repeat(200), ttl: '300s' })
      .withResponse();
    expect(cache.data.name).toMatch(/^cachedContents\//);
    json(cache.response);

    const batch = await client.batches.create({ model: MODEL, requests: [{ contents: 'x' }] }).withResponse();
    expect(batch.data.name).toMatch(/^batches\//);
    json(batch.response);
    expect(batch.response.url).toContain(':batchGenerateContent');

    const op = await client.operations.get(batch.data.name).withResponse();
    expect(op.data.name).toBe(batch.data.name);
    json(op.response);

    const store = await client.fileSearchStores.create({ displayName: 'docs' }).withResponse();
    expect(store.data.name).toMatch(/^fileSearchStores\//);
    json(store.response);
  });

  it('interactions and auth tokens', async () => {
    const { client } = await setup();
    const it1 = await client.interactions.create({ model: MODEL, input: 'Hello' }).withResponse();
    expect(it1.data.id).toBeTruthy();
    json(it1.response);
    expect(it1.response.url).toContain('/interactions');

    const token = await client.authTokens.create({ uses: 1 }).withResponse();
    expect(token.data.name).toMatch(/^auth_tokens\//);
    json(token.response);
  });

  it('a raw stub stream exposes its Response once started, and stays abortable', async () => {
    const { client } = await setup();
    const { streamGenerateContent } = await import('../../generated/methods/models.js');
    const stream = streamGenerateContent(
      client.transport,
      { model: `models/${MODEL}` },
      { contents: [{ parts: [{ text: 'hi' }] }] },
    );
    expect((stream as { response?: Response }).response).toBeUndefined();
    for await (const chunk of stream) {
      expect(chunk).toBeTypeOf('object');
      const response = (stream as { response?: Response }).response!;
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      break; // leaving the loop aborts the request
    }
  });

  it('a failed call rejects withResponse() with the same typed error', async () => {
    const { client } = await setup();
    const p = client.models.get('no-such-model');
    const [a, b] = await Promise.allSettled([p, p.withResponse()]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toBe((a as PromiseRejectedResult).reason);
  });
});
