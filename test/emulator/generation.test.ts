import { describe, expect, it } from 'vitest';
import { api, body, start, userTurn, type ErrorEnvelope } from './helpers.js';

const GEN = '/v1beta/models/gemini-2.5-flash:generateContent';

interface GenResponse {
  candidates?: {
    content?: { parts: Record<string, unknown>[]; role: string };
    finishReason?: string;
    index: number;
  }[];
  promptFeedback?: Record<string, unknown>;
  usageMetadata: { promptTokenCount: number; candidatesTokenCount?: number; totalTokenCount: number };
  modelVersion: string;
  responseId: string;
}

describe('generateContent', () => {
  it('echoes the last user text in the real response shape', async () => {
    const emu = await start();
    const res = await api(emu, GEN, {
      json: {
        contents: [
          { role: 'user', parts: [{ text: 'first' }] },
          { role: 'model', parts: [{ text: 'ok' }] },
          { role: 'user', parts: [{ text: 'Hello, world!' }] },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const r = await body<GenResponse>(res);
    expect(r).toEqual({
      candidates: [
        {
          content: { parts: [{ text: 'Echo: Hello, world!' }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        // Every turn counts: first (1) + ok (1) + Hello , world ! (4); reply: Echo : Hello , world ! (6).
        promptTokenCount: 6,
        candidatesTokenCount: 6,
        totalTokenCount: 12,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 6 }],
      },
      modelVersion: 'gemini-2.5-flash',
      responseId: expect.stringMatching(/^[\w-]{23}$/) as unknown as string,
    });
  });

  it('is deterministic across emulator instances', async () => {
    const [a, b] = [await start(), await start()];
    const [ra, rb] = [
      await api(a, GEN, { json: userTurn('same') }),
      await api(b, GEN, { json: userTurn('same') }),
    ];
    expect(await ra.text()).toBe(await rb.text());
  });

  it('serves scripted replies per model in order, then falls back to echo', async () => {
    const emu = await start();
    emu.control.script(
      'gemini-2.5-flash',
      { text: 'first scripted' },
      { functionCalls: [{ name: 'get_weather', args: { city: 'Paris' } }], thought: 'I should call a tool' },
    );
    emu.control.script('*', { text: 'wildcard', finishReason: 'MAX_TOKENS' });
    const r1 = await body<GenResponse>(await api(emu, GEN, { json: userTurn('q') }));
    expect(r1.candidates?.[0]?.content?.parts).toEqual([{ text: 'first scripted' }]);
    const r2 = await body<GenResponse>(await api(emu, GEN, { json: userTurn('q') }));
    expect(r2.candidates?.[0]?.content?.parts).toEqual([
      { text: 'I should call a tool', thought: true },
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
    ]);
    const r3 = await body<GenResponse>(
      await api(emu, '/v1beta/models/gemini-2.0-flash:generateContent', { json: userTurn('q') }),
    );
    expect(r3.candidates?.[0]).toMatchObject({
      content: { parts: [{ text: 'wildcard' }] },
      finishReason: 'MAX_TOKENS',
    });
    const r4 = await body<GenResponse>(await api(emu, GEN, { json: userTurn('q') }));
    expect(r4.candidates?.[0]?.content?.parts).toEqual([{ text: 'Echo: q' }]);
    expect(emu.control.replies.pending('gemini-2.5-flash')).toBe(0);
  });

  it('scripts blocked prompts, safety ratings, usage and raw candidates', async () => {
    const emu = await start();
    const ratings = [{ category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'HIGH' }];
    emu.control.script(
      'gemini-2.5-flash',
      { promptFeedback: { blockReason: 'SAFETY', safetyRatings: ratings } },
      { text: 'x', finishReason: 'SAFETY', safetyRatings: ratings, usageMetadata: { totalTokenCount: 99 } },
      {
        candidates: [
          { finishReason: 'OTHER', finishMessage: 'Model failed to generate content due to internal error.' },
        ],
      },
    );
    const blocked = await body<GenResponse>(await api(emu, GEN, { json: userTurn('q') }));
    expect(blocked.candidates).toBeUndefined();
    expect(blocked.promptFeedback).toEqual({ blockReason: 'SAFETY', safetyRatings: ratings });
    const safety = await body<GenResponse>(await api(emu, GEN, { json: userTurn('q') }));
    expect(safety.candidates?.[0]).toMatchObject({ finishReason: 'SAFETY', safetyRatings: ratings });
    expect(safety.usageMetadata).toEqual({ totalTokenCount: 99 });
    const raw = await body<GenResponse>(await api(emu, GEN, { json: userTurn('q') }));
    expect(raw.candidates).toEqual([
      { finishReason: 'OTHER', finishMessage: 'Model failed to generate content due to internal error.' },
    ]);
  });

  it('scripts errors with details and headers', async () => {
    const emu = await start();
    const details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34s' }];
    emu.control.script('gemini-2.5-flash', {
      error: {
        code: 429,
        message: 'You exceeded your current quota.',
        details,
        headers: { 'retry-after': '34' },
      },
    });
    const res = await api(emu, GEN, { json: userTurn('q') });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('34');
    expect(await body(res)).toEqual({
      error: {
        code: 429,
        message: 'You exceeded your current quota.',
        status: 'RESOURCE_EXHAUSTED',
        details,
      },
    });
  });

  it('answers the real 404 for unknown models and models without generateContent', async () => {
    const emu = await start();
    for (const model of ['gemini-1.5-flash', 'gemini-embedding-001']) {
      const res = await api(emu, `/v1beta/models/${model}:generateContent`, { json: userTurn('q') });
      expect(res.status).toBe(404);
      expect((await body<ErrorEnvelope>(res)).error).toEqual({
        code: 404,
        message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ModelService.ListModels to see the list of available models and their supported methods.`,
        status: 'NOT_FOUND',
      });
    }
  });

  it('prints enums as numbers for $alt=json;enum-encoding=int', async () => {
    const emu = await start();
    const res = await api(emu, `${GEN}?%24alt=json%3Benum-encoding%3Dint`, { json: userTurn('q') });
    const r = await body<{
      candidates: { finishReason: unknown }[];
      usageMetadata: { promptTokensDetails: { modality: unknown }[] };
    }>(res);
    expect(r.candidates[0]?.finishReason).toBe(1);
    expect(r.usageMetadata.promptTokensDetails[0]?.modality).toBe(1);
  });
});

describe('countTokens', () => {
  // gemini-3.1-flash-lite uses a vocabulary no installed package ships, so the word rule counts
  // (models with one: test/fidelity/tokens.test.ts).
  it('counts words and punctuation, plus fixed costs per media part', async () => {
    const emu = await start();
    const path = '/v1beta/models/gemini-3.1-flash-lite:countTokens';
    expect(await body(await api(emu, path, { json: userTurn('The quick brown fox, jumps!') }))).toEqual({
      totalTokens: 7,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 7 }],
    });
    const image = { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } };
    const withImage = await api(emu, path, {
      json: {
        generateContentRequest: {
          model: 'models/gemini-3.1-flash-lite',
          contents: [{ parts: [{ text: 'what is this' }, image] }],
        },
      },
    });
    expect(await body(withImage)).toEqual({
      totalTokens: 261,
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: 3 },
        { modality: 'IMAGE', tokenCount: 258 },
      ],
    });
  });
});

describe('embeddings', () => {
  const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

  it('returns deterministic unit vectors of the requested or default size', async () => {
    const emu = await start();
    const path = '/v1beta/models/gemini-embedding-001:embedContent';
    const a = await body<{ embedding: { values: number[] } }>(
      await api(emu, path, { json: { content: { parts: [{ text: 'hello' }] } } }),
    );
    expect(a.embedding.values).toHaveLength(3072);
    expect(norm(a.embedding.values)).toBeCloseTo(1, 4);
    const b = await body<{ embedding: { values: number[] } }>(
      await api(emu, path, { json: { content: { parts: [{ text: 'hello' }] }, outputDimensionality: 768 } }),
    );
    expect(b.embedding.values).toHaveLength(768);
    const again = await body<{ embedding: { values: number[] } }>(
      await api(emu, path, { json: { content: { parts: [{ text: 'hello' }] }, outputDimensionality: 768 } }),
    );
    expect(again).toEqual(b);
    // text-embedding-004 is retired (404) unless every model ever offered is served.
    const retired = '/v1beta/models/text-embedding-004:embedContent';
    const x = { json: { content: { parts: [{ text: 'x' }] } } };
    expect((await api(emu, retired, x)).status).toBe(404);
    const all = await start({ models: 'all' });
    const legacy = await body<{ embedding: { values: number[] } }>(await api(all, retired, x));
    expect(legacy.embedding.values).toHaveLength(768);
  });

  it('embeds batches, one vector per request, distinct per text', async () => {
    const emu = await start();
    const model = 'models/gemini-embedding-001';
    const res = await api(emu, `/v1beta/${model}:batchEmbedContents`, {
      json: {
        requests: ['a', 'b'].map((text) => ({
          model,
          content: { parts: [{ text }] },
          outputDimensionality: 8,
        })),
      },
    });
    const r = await body<{ embeddings: { values: number[] }[] }>(res);
    expect(r.embeddings).toHaveLength(2);
    expect(r.embeddings[0]?.values).toHaveLength(8);
    expect(r.embeddings[0]).not.toEqual(r.embeddings[1]);
  });

  it('rejects embedding with a generation-only model', async () => {
    const emu = await start();
    const res = await api(emu, '/v1beta/models/gemini-2.5-flash:embedContent', {
      json: { content: { parts: [{ text: 'x' }] } },
    });
    expect(res.status).toBe(404);
  });
});
