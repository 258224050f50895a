import { describe, expect, it } from 'vitest';
import { json, type EmulatorFeature } from '../../emulator/index.js';
import { api, body, start, userTurn, type ErrorEnvelope } from './helpers.js';

const GEN = '/v1beta/models/gemini-2.5-flash:generateContent';
const BAD_REQUEST = 'type.googleapis.com/google.rpc.BadRequest';

async function error(res: Response): Promise<ErrorEnvelope['error']> {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  return (await body<ErrorEnvelope>(res)).error;
}

describe('request validation', () => {
  it('rejects unknown fields with the real wording and a BadRequest detail', async () => {
    const emu = await start();
    const nested = await error(
      await api(emu, GEN, { json: { ...userTurn('x'), generationConfig: { foo: 1 } } }),
    );
    const description = `Invalid JSON payload received. Unknown name "foo" at 'generation_config': Cannot find field.`;
    expect(nested).toEqual({
      code: 400,
      message: description,
      status: 'INVALID_ARGUMENT',
      details: [{ '@type': BAD_REQUEST, fieldViolations: [{ field: 'generation_config', description }] }],
    });
    const top = await error(await api(emu, GEN, { json: { ...userTurn('x'), bogus: true } }));
    expect(top.message).toBe('Invalid JSON payload received. Unknown name "bogus": Cannot find field.');
    expect(top.details).toEqual([{ '@type': BAD_REQUEST, fieldViolations: [{ description: top.message }] }]);
    const deep = await error(
      await api(emu, GEN, { json: { contents: [{ parts: [{ text: 'a', txt: 'b' }] }] } }),
    );
    expect(deep.message).toBe(
      `Invalid JSON payload received. Unknown name "txt" at 'contents[0].parts[0]': Cannot find field.`,
    );
  });

  it('rejects values of the wrong type with "Invalid value at"', async () => {
    const emu = await start();
    const e1 = await error(
      await api(emu, GEN, { json: { ...userTurn('x'), generationConfig: { temperature: 'hot' } } }),
    );
    expect(e1.message).toBe(`Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "hot"`);
    expect(e1.details?.[0]).toEqual({
      '@type': BAD_REQUEST,
      fieldViolations: [{ field: 'generation_config.temperature', description: e1.message }],
    });
    const e2 = await error(await api(emu, GEN, { json: { contents: [{ parts: [{ text: 5 }] }] } }));
    expect(e2.message).toBe(`Invalid value at 'contents[0].parts[0].text' (TYPE_STRING), 5`);
    const e3 = await error(
      await api(emu, GEN, { json: { ...userTurn('x'), generationConfig: { candidateCount: 1.5 } } }),
    );
    expect(e3.message).toBe(`Invalid value at 'generation_config.candidate_count' (TYPE_INT32), 1.5`);
    const e4 = await error(await api(emu, GEN, { json: { contents: 'hello' } }));
    expect(e4.message).toBe(
      `Invalid value at 'contents[0]' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "hello"`,
    );
    const e5 = await error(await api(emu, GEN, { json: { ...userTurn('x'), generationConfig: [] } }));
    expect(e5.message).toBe(
      'Invalid JSON payload received. Unknown name "generation_config": Proto field is not repeating, cannot start list.',
    );
  });

  it('rejects invalid enum values naming the enum type', async () => {
    const emu = await start();
    const json = {
      ...userTurn('x'),
      safetySettings: [{ category: 'HARM_CATEGORY_FOO', threshold: 'BLOCK_NONE' }],
    };
    const e = await error(await api(emu, GEN, { json }));
    expect(e.message).toBe(
      `Invalid value at 'safety_settings[0].category' (type.googleapis.com/google.ai.generativelanguage.v1beta.HarmCategory), "HARM_CATEGORY_FOO"`,
    );
  });

  it('reports missing required fields (but not ones bound to path parameters)', async () => {
    const emu = await start();
    const e = await error(await api(emu, GEN, { json: {} }));
    expect(e).toEqual({
      code: 400,
      message: '* GenerateContentRequest.contents: contents is not specified\n',
      status: 'INVALID_ARGUMENT',
    });
    const nested = await error(
      await api(emu, '/v1beta/models/gemini-embedding-001:batchEmbedContents', {
        json: { requests: [{ model: 'models/gemini-embedding-001' }] },
      }),
    );
    expect(nested.message).toBe(
      '* BatchEmbedContentsRequest.requests[0].content: content is not specified\n',
    );
    const empty = await error(await api(emu, GEN, { json: { contents: [{ role: 'user', parts: [] }] } }));
    expect(empty.message).toBe(
      '* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n',
    );
  });

  it('accepts snake_case names, single objects for lists, null, int64 strings and numbers, any-typed values', async () => {
    const emu = await start();
    const res = await api(emu, GEN, {
      json: {
        contents: {
          role: 'user',
          parts: { text: 'hello', inline_data: { mime_type: 'image/png', data: 'iVBO_-==' } },
        },
        generation_config: {
          response_mime_type: 'application/json',
          max_output_tokens: '64',
          stop_sequences: 'END',
        },
        tools: {
          function_declarations: [{ name: 'f', parameters_json_schema: { anything: [1, { goes: true }] } }],
        },
        safetySettings: [{ category: 10, threshold: 'block_none' }],
        systemInstruction: null,
        cachedContent: null,
      },
    });
    expect(res.status).toBe(200);
    const schema = await api(emu, GEN, {
      json: {
        ...userTurn('x'),
        generationConfig: {
          responseSchema: {
            type: 'object',
            minItems: 2,
            maxItems: '5',
            properties: { a: { type: 'STRING' } },
          },
        },
      },
    });
    expect(schema.status).toBe(200);
  });

  it('hands handlers a normalized body: camelCase, lists, int64 strings, enum names, no output-only fields', async () => {
    // A test feature echoes what the handler receives (the plug-in point later areas use).
    const echo: EmulatorFeature = {
      name: 'echo',
      install: (core) => core.registry.register('cachedContents.create', (call) => json(call.body)),
    };
    const emu = await start({ features: [echo] });
    const res = await api(emu, '/v1beta/cachedContents', {
      json: {
        model: 'models/gemini-2.5-flash',
        name: 'cachedContents/ignored',
        create_time: '2025-01-01T00:00:00Z',
        usageMetadata: { totalTokenCount: 3 },
        contents: { parts: { text: 'hi' } },
        tools: [
          {
            function_declarations: {
              name: 'f',
              parameters: { type: 'object', max_items: 5, min_items: '1' },
            },
          },
        ],
        ttl: '300s',
        display_name: null,
      },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      model: 'models/gemini-2.5-flash',
      contents: [{ parts: [{ text: 'hi' }] }],
      tools: [
        {
          functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', maxItems: '5', minItems: '1' } }],
        },
      ],
      ttl: '300s',
    });
    const bad = await api(emu, '/v1beta/cachedContents', { json: { model: 'm', ttl: '5 minutes' } });
    expect((await error(bad)).message).toBe(
      `Invalid value at 'ttl' (type.googleapis.com/google.protobuf.Duration), "5 minutes"`,
    );
  });

  it('rejects malformed JSON, non-object bodies, bad base64 and unknown or mistyped query parameters', async () => {
    const emu = await start();
    const e1 = await error(await api(emu, GEN, { method: 'POST', body: '{"contents": [' }));
    expect(e1.message).toMatch(/^Invalid JSON payload received\./);
    const e2 = await error(await api(emu, GEN, { json: [1] }));
    expect(e2.message).toBe(
      'Invalid JSON payload received. Unknown name "": Root element must be a message.',
    );
    const e3 = await error(
      await api(emu, GEN, {
        json: { contents: [{ parts: [{ inlineData: { mimeType: 'image/png', data: 'a' } }] }] },
      }),
    );
    expect(e3.message).toMatch(
      /^Invalid value at 'contents\[0\]\.parts\[0\]\.inline_data\.data' \(TYPE_BYTES\), Base64 decoding failed/,
    );
    const e4 = await error(await api(emu, '/v1beta/models?pageSize=abc', { method: 'GET' }));
    expect(e4.message).toBe(`Invalid value at 'page_size' (TYPE_INT32), "abc"`);
    const e5 = await error(await api(emu, '/v1beta/models?foo=1', { method: 'GET' }));
    expect(e5.message).toBe(
      `Invalid JSON payload received. Unknown name "foo": Cannot bind query parameter. Field 'foo' could not be found in request message.`,
    );
    expect(
      (await api(emu, '/v1beta/models?page_size=2&alt=json&prettyPrint=false', { method: 'GET' })).status,
    ).toBe(200);
  });

  it('checks the key before validating the body', async () => {
    const emu = await start();
    const res = await fetch(`${emu.url}${GEN}`, {
      method: 'POST',
      body: '{"nope":1}',
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(403);
  });
});
