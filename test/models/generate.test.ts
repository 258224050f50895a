import { describe, expect, it } from 'vitest';
import * as stubs from '../../generated/methods/models.js';
import {
  BadRequestError,
  BlockedError,
  InvalidArgumentError,
  NotFoundError,
  fileData,
  inlineData,
} from '../../src/index.js';
import { rejection } from '../integration/helpers.js';
import { MODEL, generateBodies, setup } from './helpers.js';

describe('models.generateContent', () => {
  it('sends text as one user turn and reads the response through helpers', async () => {
    const { emu, client } = await setup();
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'Hello, world!',
      systemInstruction: 'Be brief.',
    });
    expect(r.text).toBe('Echo: Hello, world!');
    expect(r.finishReason).toBe('STOP');
    expect(r.usage?.promptTokenCount).toBeGreaterThan(0);
    expect(r.functionCalls).toEqual([]);
    expect(r.candidate?.index).toBe(0);
    // Helpers are not own properties: JSON is exactly the wire response.
    expect(Object.keys(JSON.parse(JSON.stringify(r)) as object).sort()).toEqual(
      ['candidates', 'modelVersion', 'responseId', 'usageMetadata'].sort(),
    );
    expect(Object.keys({ ...r })).not.toContain('text');
    expect(generateBodies(emu)[0]).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hello, world!' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
    });
  });

  it('accepts parts, Content, Content[], bytes, Blobs and uploaded-file objects', async () => {
    const { emu, client } = await setup();
    const bytes = new Uint8Array([1, 2, 3]);
    await client.models.generateContent({
      model: MODEL,
      contents: ['look', { inlineData: { mimeType: 'image/png', data: bytes } }],
    });
    await client.models.generateContent({
      model: MODEL,
      contents: { role: 'user', parts: [{ text: 'one' }] },
    });
    await client.models.generateContent({
      model: MODEL,
      contents: [
        { role: 'user', parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: 'user', parts: [new Blob(['hi'], { type: 'text/plain' }) as never] },
      ],
    });
    const file = { name: 'files/abc', uri: `${emu.url}/v1beta/files/abc`, mimeType: 'application/pdf' };
    await client.models.generateContent({ model: MODEL, contents: [file, 'summarise'] });
    await client.models.generateContent({
      model: MODEL,
      contents: [inlineData(bytes, 'image/jpeg'), fileData('gs://x/y', 'video/mp4')],
    });
    const [b1, b2, b3, b4, b5] = generateBodies(emu);
    expect(b1!.contents[0]).toEqual({
      role: 'user',
      parts: [{ text: 'look' }, { inlineData: { mimeType: 'image/png', data: 'AQID' } }],
    });
    expect(b2!.contents).toEqual([{ role: 'user', parts: [{ text: 'one' }] }]);
    expect(b3!.contents[2]).toEqual({
      role: 'user',
      parts: [{ inlineData: { mimeType: 'text/plain', data: 'aGk=' } }],
    });
    expect(b4!.contents[0]).toEqual({
      role: 'user',
      parts: [{ fileData: { fileUri: file.uri, mimeType: 'application/pdf' } }, { text: 'summarise' }],
    });
    expect(b5!.contents[0]!['parts']).toEqual([
      { inlineData: { mimeType: 'image/jpeg', data: 'AQID' } },
      { fileData: { fileUri: 'gs://x/y', mimeType: 'video/mp4' } },
    ]);
  });

  it('rejects bad input before sending anything', async () => {
    const { emu, client } = await setup();
    const bad = [
      () => client.models.generateContent({ model: '', contents: 'x' }),
      () => client.models.generateContent({ model: MODEL, contents: [{ parts: [] }, 'text'] as never }),
      () => client.models.generateContent({ model: MODEL, contents: 42 as never }),
      () => client.models.generateContent({ model: MODEL, contents: [new Uint8Array(1) as never] }),
      () =>
        client.models.generateContent({
          model: MODEL,
          contents: [{ inlineData: { data: new Uint8Array(1) } }],
        }),
      () => client.models.generateContent({ model: MODEL, contents: 'x', tools: 42 as never }),
      () => client.models.generateContent({ model: MODEL, contents: 'x', tools: [null] as never }),
    ];
    for (const call of bad) await expect(call()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
  });

  it('keeps unknown part kinds, toolCall/toolResponse parts and thought signatures verbatim', async () => {
    const { emu, client } = await setup();
    const parts = [
      {
        thoughtSignature: 'c2lnLTE=',
        toolCall: { id: 't1', toolType: 'GOOGLE_SEARCH_WEB', args: { queries: ['q'] } },
      },
      {
        thoughtSignature: 'c2lnLTI=',
        toolResponse: { id: 't1', toolType: 'GOOGLE_SEARCH_WEB', response: { ok: true } },
      },
      { text: 'answer', thoughtSignature: 'c2lnLTM=' },
      { futurePartKind: { nested: [1, 2] }, thoughtSignature: 'c2lnLTQ=' },
    ];
    emu.control.script(MODEL, { parts });
    const r = await client.models.generateContent({ model: MODEL, contents: 'q' });
    expect(r.candidates?.[0]?.content?.parts).toEqual(parts);
    expect(r.toolCalls).toEqual([parts[0]!.toolCall]);
    expect(r.text).toBe('answer');
    const turn = r.candidates![0]!.content!;
    // The next request carries the model turn exactly (the emulator rejects the unknown kind; the
    // point is what the SDK sent).
    await expect(
      client.models.generateContent({
        model: MODEL,
        contents: [
          { role: 'user', parts: [{ text: 'q' }] },
          turn,
          { role: 'user', parts: [{ text: 'more' }] },
        ],
      }),
    ).rejects.toThrow(/futurePartKind/);
    expect(generateBodies(emu)[1]!.contents[1]).toEqual({ role: 'model', parts });
  });

  it('reads a blocked prompt or answer as empty, with the reason on .blocked (a BlockedError to throw)', async () => {
    const { emu, client } = await setup();
    const ratings = [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH' }];
    emu.control.script(
      MODEL,
      { promptFeedback: { blockReason: 'SAFETY', safetyRatings: ratings } },
      { finishReason: 'SAFETY', safetyRatings: ratings },
      { text: 'partial', finishReason: 'MAX_TOKENS' },
    );
    const blocked = await client.models.generateContent({ model: MODEL, contents: 'q' });
    expect(blocked.text).toBe('');
    expect(blocked.functionCalls).toEqual([]);
    expect(blocked.candidate).toBeUndefined();
    expect(blocked.blocked).toBeInstanceOf(BlockedError);
    expect(blocked.blocked).toMatchObject({
      name: 'BlockedError',
      reason: 'SAFETY',
      promptBlocked: true,
      safetyRatings: ratings,
    });
    const answer = await client.models.generateContent({ model: MODEL, contents: 'q' });
    expect(answer.text).toBe('');
    expect(answer.finishReason).toBe('SAFETY');
    expect(() => {
      if (answer.blocked) throw answer.blocked;
    }).toThrow(/the answer was blocked \(SAFETY\)/);
    const partial = await client.models.generateContent({ model: MODEL, contents: 'q' });
    expect(partial.text).toBe('partial');
    expect(partial.finishReason).toBe('MAX_TOKENS');
    expect(partial.blocked).toBeUndefined();
  });

  it('a stream whose chunk is blocked ends normally, the stop visible on the chunk', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, { finishReason: 'RECITATION' });
    let out = '';
    let last: { blocked?: unknown; finishReason?: unknown } = {};
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'q' });
    for await (const c of stream) {
      out += c.text;
      last = c;
    }
    expect(out).toBe('');
    expect(last.finishReason).toBe('RECITATION');
    expect(last.blocked).toBeInstanceOf(BlockedError);
    expect((await stream.finalResponse()).blocked).toMatchObject({
      reason: 'RECITATION',
      promptBlocked: false,
    });
  });

  it('separates thoughts from text and exposes built-in tool results', async () => {
    const { client } = await setup();
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'What is 2+2? https://example.org/a',
      tools: [{ codeExecution: {} }, { googleSearch: {} }, { urlContext: {} }],
      generationConfig: { thinkingConfig: { includeThoughts: true } },
    });
    expect(r.thoughts).toBe('Thinking about: What is 2+2? https://example.org/a');
    expect(r.text).toBe('Echo: What is 2+2? https://example.org/a');
    expect(r.executableCode[0]).toMatchObject({ language: 'PYTHON' });
    expect(r.codeExecutionResults[0]).toMatchObject({ outcome: 'OUTCOME_OK' });
    expect(r.groundingMetadata?.webSearchQueries).toEqual(['What is 2+2? https://example.org/a']);
    expect(r.candidate?.urlContextMetadata?.urlMetadata?.[0]?.retrievedUrl).toBe('https://example.org/a');
    expect(r.usage?.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it('takes a single tool as a list of one (the service accepts "tools": {…} too)', async () => {
    const { emu, client } = await setup();
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'Run 1+1',
      tools: { codeExecution: {} },
    });
    expect(r.executableCode[0]).toMatchObject({ language: 'PYTHON' });
    expect((emu.control.requests.at(-1)?.body as { tools?: unknown }).tools).toEqual([{ codeExecution: {} }]);
  });

  it('surfaces API errors as typed errors', async () => {
    const { client } = await setup();
    await expect(
      client.models.generateContent({ model: 'no-such-model', contents: 'x' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('models metadata, counting and embeddings', () => {
  it('gets and lists models across pages', async () => {
    const { client } = await setup();
    expect((await client.models.get('gemini-2.5-flash')).name).toBe('models/gemini-2.5-flash');
    expect((await client.models.get({ model: 'models/gemini-2.5-flash' })).name).toBe(
      'models/gemini-2.5-flash',
    );
    const first = await client.models.list({ pageSize: 10 });
    expect(first.models).toHaveLength(10);
    let n = 0;
    for await (const m of client.models.list({ pageSize: 20 })) if (m.name) n++;
    expect(n).toBeGreaterThan(50);
  });

  // The emulator counts with the real vocabulary (the @lenml devDependency), as LocalTokenizer does:
  // 3 text tokens plus 1 for the user turn; loading it takes seconds on a busy machine.
  it('counts tokens of contents or of a whole request', { timeout: 60_000 }, async () => {
    const { emu, client } = await setup({ timeout: 60_000 });
    expect(
      (await client.models.countTokens({ model: MODEL, contents: 'count these words' })).totalTokens,
    ).toBe(4);
    const whole = await client.models.countTokens({
      model: MODEL,
      contents: 'count these words',
      systemInstruction: 'be brief',
    });
    expect(whole.totalTokens).toBe(6);
    await client.models.countTokens({ model: MODEL, generateContentRequest: { contents: 'x' } });
    const bodies = emu.control.requests.map((r) => r.body);
    expect(bodies[0]).toEqual({ contents: [{ role: 'user', parts: [{ text: 'count these words' }] }] });
    expect(bodies[1]).toMatchObject({
      generateContentRequest: {
        model: `models/${MODEL}`,
        systemInstruction: { parts: [{ text: 'be brief' }] },
      },
    });
    expect(bodies[2]).toEqual({
      generateContentRequest: {
        model: `models/${MODEL}`,
        contents: [{ role: 'user', parts: [{ text: 'x' }] }],
      },
    });
    await expect(client.models.countTokens({ model: MODEL })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('embeds one content at the requested size, and batches', async () => {
    const { client } = await setup();
    const one = await client.models.embedContent({
      model: 'gemini-embedding-001',
      content: 'embed me',
      outputDimensionality: 256,
    });
    expect(one.embedding?.values).toHaveLength(256);
    const batch = await client.models.batchEmbedContents({
      model: 'gemini-embedding-001',
      contents: ['a', 'b', 'c'],
      outputDimensionality: 8,
    });
    expect(batch.embeddings?.map((e) => e.values?.length)).toEqual([8, 8, 8]);
    const explicit = await client.models.batchEmbedContents({
      model: 'gemini-embedding-001',
      requests: [{ content: 'a', taskType: 'RETRIEVAL_QUERY' }],
    });
    expect(explicit.embeddings).toHaveLength(1);
  });

  it('batches at most 100 embeddings per call: refused locally, and by the emulator as by the service', async () => {
    const { emu, client } = await setup();
    const hundred = Array.from({ length: 100 }, (_, i) => `text ${i}`);
    const full = await client.models.batchEmbedContents({
      model: 'gemini-embedding-001',
      contents: hundred,
      outputDimensionality: 4,
    });
    expect(full.embeddings).toHaveLength(100);
    const before = emu.control.requests.length;
    const local = await rejection(
      client.models.batchEmbedContents({ model: 'gemini-embedding-001', contents: [...hundred, 'one more'] }),
    );
    expect(local).toBeInstanceOf(InvalidArgumentError);
    expect((local as Error).message).toMatch(/at most 100 requests per call, got 101/);
    expect(emu.control.requests.length).toBe(before);
    // Straight to the wire: the service's 400.
    const wire = Array.from({ length: 101 }, () => ({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: 'x' }] },
    }));
    const remote = await rejection(
      stubs.batchEmbedContents(
        client.transport,
        { model: 'models/gemini-embedding-001' },
        { requests: wire },
      ),
    );
    expect(remote).toBeInstanceOf(BadRequestError);
    expect((remote as Error).message).toBe(
      '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n',
    );
  });

  it('reaches the remaining model methods through the same surface', async () => {
    const { emu, client } = await setup();
    const calls: Array<[string, () => Promise<unknown>]> = [
      [
        'predict',
        () => client.models.predict({ model: 'imagen-4.0-generate-001', instances: [{ prompt: 'x' }] }),
      ],
      [
        'predictLongRunning',
        () => client.models.predictLongRunning({ model: 'veo-3.0-generate-001', instances: [] }),
      ],
      [
        'batchGenerateContent',
        () => client.models.batchGenerateContent({ model: MODEL, batch: { displayName: 'b' } }),
      ],
      [
        'asyncBatchEmbedContent',
        () => client.models.asyncBatchEmbedContent({ model: 'gemini-embedding-001', batch: {} }),
      ],
      ['generateAnswer', () => client.models.generateAnswer({ model: 'aqa', contents: [] })],
      ['generateText', () => client.models.generateText({ model: 'text-bison-001', prompt: { text: 'x' } })],
      [
        'generateMessage',
        () => client.models.generateMessage({ model: 'chat-bison-001', prompt: { messages: [] } }),
      ],
      ['embedText', () => client.models.embedText({ model: 'embedding-gecko-001', text: 'x' })],
      ['batchEmbedText', () => client.models.batchEmbedText({ model: 'embedding-gecko-001', texts: ['x'] })],
      [
        'countTextTokens',
        () => client.models.countTextTokens({ model: 'text-bison-001', prompt: { text: 'x' } }),
      ],
      [
        'countMessageTokens',
        () => client.models.countMessageTokens({ model: 'chat-bison-001', prompt: { messages: [] } }),
      ],
    ];
    for (const [, call] of calls) await call().catch(() => undefined); // the emulator may not implement them
    expect(emu.control.requests.map((r) => r.path.split(':').at(-1))).toEqual(calls.map(([name]) => name));
    expect(emu.control.requests[7]!.body).toEqual({ model: 'models/embedding-gecko-001', text: 'x' });
  });
});
