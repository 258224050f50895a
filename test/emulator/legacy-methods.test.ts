// The legacy model methods of the emulator (emulator/features/legacy/) through the generated stubs and
// the client's transport: the PaLM-era methods (generateText, generateMessage, embedText,
// batchEmbedText, countTextTokens, countMessageTokens), generateAnswer on `models/aqa`, and
// `dynamic/*` generation; plus `client.models.generateAnswer` end to end.
import { describe, expect, it } from 'vitest';
import * as dynamic from '../../generated/methods/dynamic.js';
import * as models from '../../generated/methods/models.js';
import type { Transport } from '../../generated/transport.js';
import type { Content } from '../../generated/types/Content.js';
import type { GenerateAnswerRequest } from '../../generated/types/GenerateAnswerRequest.js';
import type { GenerateTextRequest } from '../../generated/types/GenerateTextRequest.js';
import { ApiError, BadRequestError, NotFoundError, RateLimitError } from '../../src/core/errors.js';
import { collect, rejection, setup } from '../integration/helpers.js';

/** The PaLM-era methods, each with a valid request body. */
const PALM: Readonly<Record<string, (t: Transport, model: string) => Promise<unknown>>> = {
  generateText: (t, model) => models.generateText(t, { model }, { prompt: { text: 'Hello' } }),
  generateMessage: (t, model) =>
    models.generateMessage(t, { model }, { prompt: { messages: [{ content: 'Hello' }] } }),
  embedText: (t, model) => models.embedText(t, { model }, { text: 'Hello' }),
  batchEmbedText: (t, model) => models.batchEmbedText(t, { model }, { texts: ['Hello'] }),
  countTextTokens: (t, model) => models.countTextTokens(t, { model }, { prompt: { text: 'Hello' } }),
  countMessageTokens: (t, model) =>
    models.countMessageTokens(t, { model }, { prompt: { messages: [{ content: 'Hello' }] } }),
};

/** The service's model 404, in the newest recorded wording (pydantic-ai test_model_name_suggestion). */
const notFoundMessage = (model: string, method: string): string =>
  `${model} is not found for API version v1beta, or is not supported for ${method}. Call ModelService.ListModels to see the list of available models and their supported methods.`;

/** The `error` of a google.rpc error body. */
interface RpcStatus {
  code: number;
  message: string;
  status: string;
  details?: Record<string, unknown>[];
}

/** Asserts a google.rpc error envelope on an ApiError and returns the envelope's error. */
function rpc(err: unknown, code: number, status: string): RpcStatus {
  expect(err).toBeInstanceOf(ApiError);
  const e = err as ApiError;
  expect(e.status).toBe(code);
  expect(e.code).toBe(status);
  const { error } = e.body as { error: RpcStatus };
  expect(error).toMatchObject({ code, status, message: e.message });
  return error;
}

/** Asserts the model 404 (no details) naming `model` and `method`. */
function modelNotFound(err: unknown, model: string, method: string): void {
  expect(err).toBeInstanceOf(NotFoundError);
  const error = rpc(err, 404, 'NOT_FOUND');
  expect(error.message).toBe(notFoundMessage(model, method));
  expect(error.details).toBeUndefined();
}

/** Asserts a 400 INVALID_ARGUMENT with a plain message (the "Required." / semantic checks). */
function invalid(err: unknown, message: string): void {
  expect(err).toBeInstanceOf(BadRequestError);
  const error = rpc(err, 400, 'INVALID_ARGUMENT');
  expect(error.message).toBe(message);
  expect(error.details).toBeUndefined();
}

/** Asserts a 400 INVALID_ARGUMENT carrying a google.rpc.BadRequest with these violations. */
function badRequest(err: unknown, violations: { field?: string; description: string }[]): void {
  expect(err).toBeInstanceOf(BadRequestError);
  const error = rpc(err, 400, 'INVALID_ARGUMENT');
  expect(error.message).toBe(violations.map((v) => v.description).join('\n'));
  expect(error.details).toEqual([
    { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations },
  ]);
}

const TEXT_MODEL = 'models/text-bison-001';
const EMBED_MODEL = 'models/embedding-gecko-001';

/**
 * An emulator with two retired PaLM models added back: a text model that also takes the chat methods
 * (chat-bison-001 listed those) and an embedding model.
 */
async function palmSetup(): ReturnType<typeof setup> {
  const ctx = await setup({ maxRetries: 0 });
  ctx.emu.control.models.add({
    name: TEXT_MODEL,
    supportedGenerationMethods: ['generateText', 'countTextTokens', 'generateMessage', 'countMessageTokens'],
  });
  // embedding-gecko-001 listed embedText and countTextTokens; batchEmbedText rides on embedText.
  ctx.emu.control.models.add({
    name: EMBED_MODEL,
    supportedGenerationMethods: ['embedText', 'countTextTokens'],
  });
  return ctx;
}

const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('PaLM methods on the catalog', () => {
  it('answer the model 404 on every catalog model, except countTextTokens on the embedding models that list it', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const catalog = await collect(client.models.list());
    expect(catalog.length).toBeGreaterThan(50);
    const answered: string[] = [];
    await Promise.all(
      catalog.flatMap((m) =>
        Object.entries(PALM).map(async ([method, call]) => {
          const name = m.name ?? '';
          const listed = (m.supportedGenerationMethods ?? []).includes(method);
          if (listed) {
            expect(await call(client.transport, name)).toMatchObject({ tokenCount: 1 });
            answered.push(`${name}:${method}`);
          } else modelNotFound(await rejection(call(client.transport, name)), name, method);
        }),
      ),
    );
    expect(answered.sort()).toEqual([
      'models/gemini-embedding-001:countTextTokens',
      'models/gemini-embedding-2-preview:countTextTokens',
      'models/gemini-embedding-2:countTextTokens',
    ]);
  });

  it('answer the same 404 for a retired PaLM model that is not in the catalog', async () => {
    const { client } = await setup({ maxRetries: 0 });
    for (const [method, call] of Object.entries(PALM))
      modelNotFound(await rejection(call(client.transport, TEXT_MODEL)), TEXT_MODEL, method);
  });

  it('countTextTokens on an embedding model counts the prompt; its other PaLM methods 404', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const model = 'models/gemini-embedding-001';
    const t = client.transport;
    expect(await models.countTextTokens(t, { model }, { prompt: { text: 'Hello, world!' } })).toEqual({
      tokenCount: 4,
    });
    modelNotFound(await rejection(models.embedText(t, { model }, { text: 'Hello' })), model, 'embedText');
    modelNotFound(
      await rejection(models.batchEmbedText(t, { model }, { texts: ['a'] })),
      model,
      'batchEmbedText',
    );
  });
});

describe('PaLM methods on a model that supports them', () => {
  it('generateText echoes the prompt, candidateCount times, with PaLM safety ratings', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    const one = await models.generateText(t, { model: TEXT_MODEL }, { prompt: { text: 'Write a haiku.' } });
    expect(one.candidates).toHaveLength(1);
    expect(one.candidates?.[0]?.output).toBe('Echo: Write a haiku.');
    expect(one.candidates?.[0]?.safetyRatings?.map((r) => r.category)).toEqual([
      'HARM_CATEGORY_DEROGATORY',
      'HARM_CATEGORY_TOXICITY',
      'HARM_CATEGORY_VIOLENCE',
      'HARM_CATEGORY_SEXUAL',
      'HARM_CATEGORY_MEDICAL',
      'HARM_CATEGORY_DANGEROUS',
    ]);
    expect(one.candidates?.[0]?.safetyRatings?.every((r) => r.probability === 'NEGLIGIBLE')).toBe(true);
    const three = await models.generateText(
      t,
      { model: TEXT_MODEL },
      { prompt: { text: 'Write a haiku.' }, candidateCount: 3, temperature: 0.5 },
    );
    expect(three.candidates?.map((c) => c.output)).toEqual(Array(3).fill('Echo: Write a haiku.'));
    // Deterministic: the same request gets the same answer.
    expect(
      await models.generateText(t, { model: TEXT_MODEL }, { prompt: { text: 'Write a haiku.' } }),
    ).toEqual(one);
  });

  it('generateMessage answers the last message as the other author and returns the history', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    const messages = [
      { author: '0', content: 'Hi' },
      { author: '1', content: 'Hello!' },
      { author: '0', content: 'How are you?' },
    ];
    const res = await models.generateMessage(
      t,
      { model: TEXT_MODEL },
      { prompt: { context: 'Be brief.', messages }, candidateCount: 2 },
    );
    expect(res.candidates).toEqual([
      { author: '1', content: 'Echo: How are you?' },
      { author: '1', content: 'Echo: How are you?' },
    ]);
    expect(res.messages).toEqual(messages);
    const reverse = await models.generateMessage(
      t,
      { model: TEXT_MODEL },
      { prompt: { messages: [{ author: '1', content: 'Your turn' }] } },
    );
    expect(reverse.candidates).toEqual([{ author: '0', content: 'Echo: Your turn' }]);
  });

  it('embedText gives a deterministic 768-value unit vector that differs per text and per model', async () => {
    const { client, emu } = await palmSetup();
    const t = client.transport;
    const a =
      (await models.embedText(t, { model: EMBED_MODEL }, { text: 'The quick brown fox' })).embedding?.value ??
      [];
    const again = (await models.embedText(t, { model: EMBED_MODEL }, { text: 'The quick brown fox' }))
      .embedding?.value;
    const b =
      (await models.embedText(t, { model: EMBED_MODEL }, { text: 'jumps over the lazy dog' })).embedding
        ?.value ?? [];
    expect(a).toHaveLength(768);
    expect(b).toHaveLength(768);
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(norm(b)).toBeCloseTo(1, 5);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    // The body's own `model` (required by the schema, sent by the SDK) must name the URL's model.
    expect(
      (await client.models.embedText({ model: 'embedding-gecko-001', text: 'The quick brown fox' })).embedding
        ?.value,
    ).toEqual(a);
    emu.control.models.add({ name: 'models/embedding-gecko-002', supportedGenerationMethods: ['embedText'] });
    const other = await models.embedText(
      t,
      { model: 'models/embedding-gecko-002' },
      { text: 'The quick brown fox' },
    );
    expect(other.embedding?.value).toHaveLength(768);
    expect(other.embedding?.value).not.toEqual(a);
  });

  it('batchEmbedText answers one embedding per text (or request), equal to embedText of each', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    const texts = ['alpha', 'beta', 'gamma', 'alpha'];
    const single = await Promise.all(
      texts.map(async (text) => (await models.embedText(t, { model: EMBED_MODEL }, { text })).embedding),
    );
    const batch = await models.batchEmbedText(t, { model: EMBED_MODEL }, { texts });
    expect(batch.embeddings).toHaveLength(4);
    expect(batch.embeddings).toEqual(single);
    expect(batch.embeddings?.[0]).toEqual(batch.embeddings?.[3]);
    const viaRequests = await models.batchEmbedText(
      t,
      { model: EMBED_MODEL },
      { requests: texts.slice(0, 2).map((text) => ({ model: EMBED_MODEL, text })) },
    );
    expect(viaRequests.embeddings).toEqual(single.slice(0, 2));
    const hundred = await models.batchEmbedText(
      t,
      { model: EMBED_MODEL },
      { texts: Array.from({ length: 100 }, (_, i) => `t${i}`) },
    );
    expect(hundred.embeddings).toHaveLength(100);
  });

  it('batchEmbedText on a model without embedText or batchEmbedText is the model 404 naming batchEmbedText', async () => {
    const { client } = await palmSetup();
    const err = await rejection(
      models.batchEmbedText(client.transport, { model: TEXT_MODEL }, { texts: ['a'] }),
    );
    modelNotFound(err, TEXT_MODEL, 'batchEmbedText');
  });

  it('countTextTokens and countMessageTokens use the emulator tokenizer (words, numbers, punctuation)', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    expect(
      await models.countTextTokens(
        t,
        { model: TEXT_MODEL },
        { prompt: { text: 'Hello, world! 42 apples.' } },
      ),
    ).toEqual({
      tokenCount: 7,
    });
    expect(
      await models.countTextTokens(t, { model: EMBED_MODEL }, { prompt: { text: 'one two three' } }),
    ).toEqual({
      tokenCount: 3,
    });
    // context (3) + example input (2) and output (1) + messages (3 + 2).
    const res = await models.countMessageTokens(
      t,
      { model: TEXT_MODEL },
      {
        prompt: {
          context: 'Be nice.',
          examples: [{ input: { content: 'a b' }, output: { content: 'c' } }],
          messages: [{ content: 'hello world!' }, { content: 'bye now' }],
        },
      },
    );
    expect(res).toEqual({ tokenCount: 11 });
    // A whitespace-only prompt has zero tokens, which proto3 JSON omits.
    expect(await models.countTextTokens(t, { model: TEXT_MODEL }, { prompt: { text: '   ' } })).toEqual({});
  });

  it('generateText and generateMessage take scripted replies and errors, then fall back to the echo', async () => {
    const { client, emu } = await palmSetup();
    const t = client.transport;
    emu.control.script('text-bison-001', { text: 'Scripted text.' }, { text: 'Scripted message.' });
    const text = await models.generateText(
      t,
      { model: TEXT_MODEL },
      { prompt: { text: 'x' }, candidateCount: 2 },
    );
    expect(text.candidates?.map((c) => c.output)).toEqual(['Scripted text.', 'Scripted text.']);
    const msg = await models.generateMessage(
      t,
      { model: TEXT_MODEL },
      { prompt: { messages: [{ content: 'y' }] } },
    );
    expect(msg.candidates).toEqual([{ author: '1', content: 'Scripted message.' }]);
    expect(emu.control.replies.pending('text-bison-001')).toBe(0);
    expect(
      (await models.generateText(t, { model: TEXT_MODEL }, { prompt: { text: 'z' } })).candidates?.[0]
        ?.output,
    ).toBe('Echo: z');

    emu.control.script(TEXT_MODEL, {
      error: {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        headers: { 'retry-after': '7' },
      },
    });
    const err = await rejection(models.generateText(t, { model: TEXT_MODEL }, { prompt: { text: 'x' } }));
    expect(err).toBeInstanceOf(RateLimitError);
    rpc(err, 429, 'RESOURCE_EXHAUSTED');
    expect((err as ApiError).retryDelay).toBe(7000);
    emu.control.script('*', { error: { code: 503, message: 'The model is overloaded.' } });
    rpc(
      await rejection(
        models.generateMessage(t, { model: TEXT_MODEL }, { prompt: { messages: [{ content: 'y' }] } }),
      ),
      503,
      'UNAVAILABLE',
    );
  });

  it('embedText and the token counts do not consume scripted replies', async () => {
    const { client, emu } = await palmSetup();
    const t = client.transport;
    emu.control.script(EMBED_MODEL, { text: 'kept' });
    await models.embedText(t, { model: EMBED_MODEL }, { text: 'a' });
    await models.batchEmbedText(t, { model: EMBED_MODEL }, { texts: ['a'] });
    await models.countTextTokens(t, { model: EMBED_MODEL }, { prompt: { text: 'a' } });
    expect(emu.control.replies.pending(EMBED_MODEL)).toBe(1);
  });
});

describe('PaLM request validation', () => {
  it('rejects unknown names at the root and nested, with a google.rpc.BadRequest', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    const root = { prompt: { text: 'x' }, bogus: 1 } as GenerateTextRequest;
    badRequest(await rejection(models.generateText(t, { model: TEXT_MODEL }, root)), [
      { description: 'Invalid JSON payload received. Unknown name "bogus": Cannot find field.' },
    ]);
    const nested = { prompt: { text: 'x', extra: true } } as GenerateTextRequest;
    badRequest(await rejection(models.countTextTokens(t, { model: TEXT_MODEL }, nested)), [
      {
        field: 'prompt',
        description: `Invalid JSON payload received. Unknown name "extra" at 'prompt': Cannot find field.`,
      },
    ]);
    const wrongType = { prompt: { text: 'x' }, candidateCount: 'two' } as unknown as GenerateTextRequest;
    badRequest(await rejection(models.generateText(t, { model: TEXT_MODEL }, wrongType)), [
      { field: 'candidate_count', description: `Invalid value at 'candidate_count' (TYPE_INT32), "two"` },
    ]);
  });

  it('rejects missing "Required." fields with the service wording and no details', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    invalid(
      await rejection(models.generateText(t, { model: TEXT_MODEL }, {})),
      '* GenerateTextRequest.prompt: prompt is not specified\n',
    );
    invalid(
      await rejection(models.countTextTokens(t, { model: TEXT_MODEL }, { prompt: { text: '' } })),
      '* CountTextTokensRequest.prompt.text: text is not specified\n',
    );
    invalid(
      await rejection(models.generateMessage(t, { model: TEXT_MODEL }, { prompt: { messages: [] } })),
      '* GenerateMessageRequest.prompt.messages: messages is not specified\n',
    );
    invalid(
      await rejection(
        models.countMessageTokens(t, { model: TEXT_MODEL }, { prompt: { messages: [{ author: '0' }] } }),
      ),
      '* CountMessageTokensRequest.prompt.messages[0].content: content is not specified\n',
    );
    invalid(
      await rejection(models.batchEmbedText(t, { model: EMBED_MODEL }, { requests: [{ text: 'a' }] })),
      '* BatchEmbedTextRequest.requests[0].model: model is not specified\n',
    );
  });

  it('rejects out-of-range candidate counts and mismatched or malformed embedding batches', async () => {
    const { client } = await palmSetup();
    const t = client.transport;
    for (const candidateCount of [0, 9])
      invalid(
        await rejection(
          models.generateText(t, { model: TEXT_MODEL }, { prompt: { text: 'x' }, candidateCount }),
        ),
        '* GenerateTextRequest.candidate_count: candidate_count must be between 1 and 8.\n',
      );
    invalid(
      await rejection(
        models.generateMessage(
          t,
          { model: TEXT_MODEL },
          { prompt: { messages: [{ content: 'x' }] }, candidateCount: 9 },
        ),
      ),
      '* GenerateMessageRequest.candidate_count: candidate_count must be between 1 and 8.\n',
    );
    invalid(
      await rejection(models.embedText(t, { model: EMBED_MODEL }, { model: TEXT_MODEL, text: 'a' })),
      `* EmbedTextRequest.model: The model in the request (${TEXT_MODEL}) does not match the model in the URL (${EMBED_MODEL}).\n`,
    );
    invalid(
      await rejection(
        models.batchEmbedText(
          t,
          { model: EMBED_MODEL },
          {
            requests: [
              { model: EMBED_MODEL, text: 'a' },
              { model: TEXT_MODEL, text: 'b' },
            ],
          },
        ),
      ),
      `* BatchEmbedTextRequest.requests[1].model: The model in the request (${TEXT_MODEL}) does not match the model in the URL (${EMBED_MODEL}).\n`,
    );
    invalid(
      await rejection(models.batchEmbedText(t, { model: EMBED_MODEL }, {})),
      '* BatchEmbedTextRequest.texts: texts or requests must be specified.\n',
    );
    invalid(
      await rejection(
        models.batchEmbedText(
          t,
          { model: EMBED_MODEL },
          { texts: ['a'], requests: [{ model: EMBED_MODEL, text: 'b' }] },
        ),
      ),
      '* BatchEmbedTextRequest.texts: only one of texts and requests may be set.\n',
    );
    invalid(
      await rejection(
        models.batchEmbedText(
          t,
          { model: EMBED_MODEL },
          { texts: Array.from({ length: 101 }, (_, i) => `t${i}`) },
        ),
      ),
      '* BatchEmbedTextRequest.texts: at most 100 texts can be in one batch\n',
    );
    const requests = Array.from({ length: 101 }, (_, i) => ({ model: EMBED_MODEL, text: `t${i}` }));
    invalid(
      await rejection(models.batchEmbedText(t, { model: EMBED_MODEL }, { requests })),
      '* BatchEmbedTextRequest.requests: at most 100 requests can be in one batch\n',
    );
  });
});

/** Two grounding passages; the second one holds its facts in two parts. */
const PASSAGES: NonNullable<GenerateAnswerRequest['inlinePassages']> = {
  passages: [
    { id: 'jupiter', content: { parts: [{ text: 'Jupiter is the largest planet. It has a great storm.' }] } },
    {
      id: 'mars',
      content: {
        parts: [
          { text: 'Mars has two moons.' },
          { text: 'Olympus Mons is a volcano. Mars is known as the red planet because of iron oxide.' },
        ],
      },
    },
  ],
};

const question = (text: string): Content[] => [{ role: 'user', parts: [{ text }] }];

describe('generateAnswer (models/aqa)', () => {
  it('answers with the best-matching passage sentence, attributed to its passage part', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const res = await models.generateAnswer(
      client.transport,
      { model: 'models/aqa' },
      {
        contents: question('Which planet is known as the red planet?'),
        answerStyle: 'ABSTRACTIVE',
        inlinePassages: PASSAGES,
      },
    );
    expect(res.answer?.content).toEqual({
      parts: [{ text: 'Mars is known as the red planet because of iron oxide.' }],
      role: 'model',
    });
    expect(res.answer?.finishReason).toBe('STOP');
    expect(res.answer?.groundingAttributions).toEqual([
      {
        sourceId: { groundingPassage: { passageId: 'mars', partIndex: 1 } },
        content: {
          parts: [
            { text: 'Olympus Mons is a volcano. Mars is known as the red planet because of iron oxide.' },
          ],
        },
      },
    ]);
    // "planet", "known", "red": every content word of the question is in the sentence.
    expect(res.answerableProbability).toBe(1);
  });

  it('omits a zero partIndex, scores partial matches, and treats EXTRACTIVE like ABSTRACTIVE', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const t = client.transport;
    const ask = (
      answerStyle: NonNullable<GenerateAnswerRequest['answerStyle']>,
    ): ReturnType<typeof models.generateAnswer> =>
      models.generateAnswer(
        t,
        { model: 'models/aqa' },
        { contents: question('What is the largest gas giant?'), answerStyle, inlinePassages: PASSAGES },
      );
    const res = await ask('EXTRACTIVE');
    expect(res.answer?.content?.parts).toEqual([{ text: 'Jupiter is the largest planet.' }]);
    expect(res.answer?.groundingAttributions?.[0]?.sourceId).toEqual({
      groundingPassage: { passageId: 'jupiter' },
    });
    // "largest" of "largest", "gas", "giant".
    expect(res.answerableProbability).toBe(0.3333);
    expect(await ask('ABSTRACTIVE')).toEqual(res);
  });

  it('VERBOSE answers with the whole passage part', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const res = await models.generateAnswer(
      client.transport,
      { model: 'models/aqa' },
      {
        contents: question('How many moons does Mars have?'),
        answerStyle: 'VERBOSE',
        inlinePassages: PASSAGES,
      },
    );
    expect(res.answer?.content?.parts).toEqual([{ text: 'Mars has two moons.' }]);
    expect(res.answer?.groundingAttributions?.[0]?.sourceId).toEqual({
      groundingPassage: { passageId: 'mars' },
    });
    const verbose = await models.generateAnswer(
      client.transport,
      { model: 'models/aqa' },
      { contents: question('What is Olympus Mons?'), answerStyle: 'VERBOSE', inlinePassages: PASSAGES },
    );
    expect(verbose.answer?.content?.parts).toEqual([
      { text: 'Olympus Mons is a volcano. Mars is known as the red planet because of iron oxide.' },
    ]);
  });

  it('uses the last turn of a multi-turn conversation as the question', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const res = await models.generateAnswer(
      client.transport,
      { model: 'models/aqa' },
      {
        contents: [
          { role: 'user', parts: [{ text: 'Tell me about the red planet.' }] },
          { role: 'model', parts: [{ text: 'Mars is known as the red planet.' }] },
          { role: 'user', parts: [{ text: 'What great storm is there?' }] },
        ],
        answerStyle: 'ABSTRACTIVE',
        inlinePassages: PASSAGES,
      },
    );
    expect(res.answer?.content?.parts).toEqual([{ text: 'It has a great storm.' }]);
  });

  it('is ungrounded through semanticRetriever: no attribution and answerableProbability 0 (omitted)', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const res = await models.generateAnswer(
      client.transport,
      { model: 'models/aqa' },
      {
        contents: question('Which planet is red?'),
        answerStyle: 'ABSTRACTIVE',
        semanticRetriever: { source: 'corpora/planets', query: { parts: [{ text: 'red planet' }] } },
      },
    );
    expect(res.answer?.groundingAttributions).toBeUndefined();
    expect('answerableProbability' in res).toBe(false);
    expect(res.answer?.content?.parts?.[0]?.text).toBe(
      'I could not find an answer to "Which planet is red?" in corpora/planets.',
    );
    expect(res.answer?.finishReason).toBe('STOP');
  });

  it('takes scripted replies and errors for the aqa model', async () => {
    const { client, emu } = await setup({ maxRetries: 0 });
    const body: GenerateAnswerRequest = {
      contents: question('Which planet is known as the red planet?'),
      answerStyle: 'ABSTRACTIVE',
      inlinePassages: PASSAGES,
    };
    emu.control.script(
      'aqa',
      { text: 'Mars.' },
      { error: { code: 500, message: 'Internal error encountered.' } },
    );
    const res = await models.generateAnswer(client.transport, { model: 'models/aqa' }, body);
    expect(res.answer?.content?.parts).toEqual([{ text: 'Mars.' }]);
    // The attribution and probability still come from the passages.
    expect(res.answer?.groundingAttributions?.[0]?.sourceId).toEqual({
      groundingPassage: { passageId: 'mars', partIndex: 1 },
    });
    expect(res.answerableProbability).toBe(1);
    rpc(
      await rejection(models.generateAnswer(client.transport, { model: 'models/aqa' }, body)),
      500,
      'INTERNAL',
    );
  });

  it('rejects bad input with 400 INVALID_ARGUMENT', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const t = client.transport;
    const call = (body: GenerateAnswerRequest): ReturnType<typeof models.generateAnswer> =>
      models.generateAnswer(t, { model: 'models/aqa' }, body);
    const ok: GenerateAnswerRequest = {
      contents: question('Why?'),
      answerStyle: 'ABSTRACTIVE',
      inlinePassages: PASSAGES,
    };
    const { answerStyle: _style, ...noStyle } = ok;
    invalid(
      await rejection(call(noStyle)),
      '* GenerateAnswerRequest.answer_style: answer_style is not specified\n',
    );
    invalid(
      await rejection(call({ ...ok, answerStyle: 'ANSWER_STYLE_UNSPECIFIED' })),
      '* GenerateAnswerRequest.answer_style: answer_style is not specified\n',
    );
    const { contents: _contents, ...noContents } = ok;
    invalid(
      await rejection(call(noContents)),
      '* GenerateAnswerRequest.contents: contents is not specified\n',
    );
    invalid(
      await rejection(call({ ...ok, contents: [{ role: 'user', parts: [] }] })),
      '* GenerateAnswerRequest.contents[0].parts: contents.parts must not be empty.\n',
    );
    const noSource =
      "* GenerateAnswerRequest.grounding_source: required oneof field 'grounding_source' must have one initialized field\n";
    const { inlinePassages: _passages, ...ungrounded } = ok;
    invalid(await rejection(call(ungrounded)), noSource);
    invalid(await rejection(call({ ...ungrounded, inlinePassages: { passages: [] } })), noSource);
    invalid(
      await rejection(call({ ...ungrounded, semanticRetriever: { source: 'corpora/planets' } })),
      '* GenerateAnswerRequest.semantic_retriever.query: query is not specified\n',
    );
    badRequest(
      await rejection(
        call({ ...ok, semanticRetriever: { source: 'corpora/planets', query: { parts: [{ text: 'x' }] } } }),
      ),
      [
        {
          description:
            "Invalid value at '' (oneof), oneof field 'grounding_source' is already set. Cannot set 'semanticRetriever'",
        },
      ],
    );
    badRequest(await rejection(call({ ...ok, answerStyle: 'TERSE' } as unknown as GenerateAnswerRequest)), [
      {
        field: 'answer_style',
        description: `Invalid value at 'answer_style' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateAnswerRequest.AnswerStyle), "TERSE"`,
      },
    ]);
  });

  it('answers the model 404 naming generateAnswer on any model but aqa', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const body: GenerateAnswerRequest = {
      contents: question('Why?'),
      answerStyle: 'VERBOSE',
      inlinePassages: PASSAGES,
    };
    for (const model of ['models/gemini-2.5-flash', 'models/gemini-embedding-001', 'models/aqa-002'])
      modelNotFound(
        await rejection(models.generateAnswer(client.transport, { model }, body)),
        model,
        'generateAnswer',
      );
  });

  it('client.models.generateAnswer takes a bare model id and returns the grounded answer', async () => {
    const { client, emu } = await setup({ maxRetries: 0 });
    const res = await client.models.generateAnswer({
      model: 'aqa',
      contents: question('Which planet is known as the red planet?'),
      answerStyle: 'ABSTRACTIVE',
      inlinePassages: PASSAGES,
    });
    expect(res.answer?.content?.parts?.[0]?.text).toBe(
      'Mars is known as the red planet because of iron oxide.',
    );
    expect(res.answerableProbability).toBe(1);
    const [logged] = emu.control.requests.filter((r) => r.methodId === 'models.generateAnswer');
    expect(logged?.path).toBe('/v1beta/models/aqa:generateAnswer');
    const err = await rejection(
      client.models.generateAnswer({
        model: 'gemini-2.5-flash',
        contents: question('x'),
        answerStyle: 'VERBOSE',
        inlinePassages: PASSAGES,
      }),
    );
    modelNotFound(err, 'models/gemini-2.5-flash', 'generateAnswer');
  });
});

describe('dynamic/*', () => {
  const body = { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] };

  it('generateContent answers the model 404 for any id, catalog ids included', async () => {
    const { client } = await setup({ maxRetries: 0 });
    for (const model of ['dynamic/abc123', 'dynamic/gemini-2.5-flash'])
      modelNotFound(
        await rejection(dynamic.generateContent(client.transport, { model }, body)),
        model,
        'generateContent',
      );
  });

  it('streamGenerateContent answers the model 404 before any event', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const err = await rejection(
      collect(dynamic.streamGenerateContent(client.transport, { model: 'dynamic/abc123' }, body)),
    );
    modelNotFound(err, 'dynamic/abc123', 'streamGenerateContent');
    expect((err as ApiError).headers.get('content-type')).toContain('text/event-stream');
  });

  it('validates the body like models/* generation before answering 404', async () => {
    const { client } = await setup({ maxRetries: 0 });
    invalid(
      await rejection(dynamic.generateContent(client.transport, { model: 'dynamic/abc123' }, {})),
      '* GenerateContentRequest.contents: contents is not specified\n',
    );
  });
});
