// The @google/genai `config` bag, mapped once (src/models/config.ts) for every model call: request
// settings to the top level, generation fields into generationConfig, httpOptions/abortSignal to the
// call options; a field given twice or an unknown key is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { GenerationConfigFields } from '../../generated/fields.js';
import { schemas } from '../../generated/schemas.js';
import { AbortError, InvalidArgumentError } from '../../src/index.js';
import { GENERATE_SHAPE } from '../../src/models/config.js';
import { rejection } from '../integration/helpers.js';
import { MODEL, generateBodies, setup } from './helpers.js';

describe('the config bag', () => {
  it('takes its field lists from the spec', () => {
    expect([...GenerationConfigFields].sort()).toEqual(
      Object.keys(schemas['GenerationConfig']!.properties!).sort(),
    );
    for (const f of ['systemInstruction', 'tools', 'toolConfig', 'safetySettings', 'cachedContent', 'labels'])
      expect(GENERATE_SHAPE.top).toContain(f);
    expect(GENERATE_SHAPE.top).not.toContain('contents');
  });

  it('maps request settings to the top level and generation fields into generationConfig', async () => {
    const { emu, client } = await setup();
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'hi',
      config: {
        systemInstruction: 'be brief',
        temperature: 0.3,
        maxOutputTokens: 50,
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        tools: [{ codeExecution: {} }],
        toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      },
    });
    expect(r.text).toBeTypeOf('string');
    expect(generateBodies(emu)[0]).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      systemInstruction: { parts: [{ text: 'be brief' }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 50 },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      tools: [{ codeExecution: {} }],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    });
  });

  it('merges with the wire fields, and refuses a field given both ways or an unknown key, locally', async () => {
    const { emu, client } = await setup();
    await client.models.generateContent({
      model: MODEL,
      contents: 'hi',
      generationConfig: { topK: 3 },
      config: { temperature: 0.1 },
    });
    expect(generateBodies(emu)[0]!['generationConfig']).toEqual({ topK: 3, temperature: 0.1 });
    const before = emu.control.requests.length;
    const twice = await rejection(
      client.models.generateContent({
        model: MODEL,
        contents: 'hi',
        generationConfig: { temperature: 0.2 },
        config: { temperature: 0.1 },
      }),
    );
    expect(twice).toBeInstanceOf(InvalidArgumentError);
    expect((twice as Error).message).toMatch(/config\.temperature and generationConfig\.temperature/);
    const top = await rejection(
      client.models.generateContent({
        model: MODEL,
        contents: 'hi',
        systemInstruction: 'a',
        config: { systemInstruction: 'b' },
      }),
    );
    expect(top).toBeInstanceOf(InvalidArgumentError);
    const typo = await rejection(
      client.models.generateContent({
        model: MODEL,
        contents: 'hi',
        config: { temprature: 0.3 } as never,
      }),
    );
    expect(typo).toBeInstanceOf(InvalidArgumentError);
    expect((typo as Error).message).toMatch(/config\.temprature: unknown setting/);
    const stream = client.models.generateContentStream({
      model: MODEL,
      contents: 'hi',
      config: { model: 'x' } as never,
    });
    expect(await rejection(stream.finalResponse())).toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests.length).toBe(before);
  });

  it('sends httpOptions headers and honours abortSignal', async () => {
    const { emu, client } = await setup();
    await client.models.generateContent({
      model: MODEL,
      contents: 'hi',
      config: { httpOptions: { headers: { 'x-probe': 'yes' } } },
    });
    expect(emu.control.requests.at(-1)?.headers['x-probe']).toBe('yes');
    const aborted = await rejection(
      client.models.generateContent({
        model: MODEL,
        contents: 'hi',
        config: { abortSignal: AbortSignal.abort() },
      }),
    );
    expect(aborted).toBeInstanceOf(AbortError);
    const base = await rejection(
      client.models.generateContent({
        model: MODEL,
        contents: 'hi',
        config: { httpOptions: { baseUrl: 'https://elsewhere' } as never },
      }),
    );
    expect(base).toBeInstanceOf(InvalidArgumentError);
  });

  it('works the same for streams, countTokens, chats and embeddings', async () => {
    const { emu, client } = await setup();
    const stream = client.models.generateContentStream({
      model: MODEL,
      contents: 'hi',
      config: { temperature: 0.5 },
    });
    for await (const chunk of stream) void chunk;
    expect(generateBodies(emu).at(-1)!['generationConfig']).toEqual({ temperature: 0.5 });

    const count = await client.models.countTokens({
      model: MODEL,
      contents: 'hi',
      config: { systemInstruction: 'be brief', generationConfig: { temperature: 0.1 } },
    });
    expect(count.totalTokens).toBeGreaterThan(0);
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      generateContentRequest: {
        systemInstruction: { parts: [{ text: 'be brief' }] },
        generationConfig: { temperature: 0.1 },
      },
    });

    const chat = client.chats.create({ model: MODEL, config: { temperature: 0.2, systemInstruction: 's' } });
    await chat.sendMessage({ message: 'one', config: { maxOutputTokens: 9 } });
    expect(generateBodies(emu).at(-1)).toMatchObject({
      systemInstruction: { parts: [{ text: 's' }] },
      generationConfig: { temperature: 0.2, maxOutputTokens: 9 },
    });
    expect(() => client.chats.create({ model: MODEL, config: { temprature: 1 } as never })).toThrow(
      InvalidArgumentError,
    );

    const e = await client.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['a', 'b'],
      config: { outputDimensionality: 8 },
    });
    expect(e.embeddings).toHaveLength(2);
    expect(e.embeddings![0]!.values).toHaveLength(8);
    const one = await client.models.embedContent({ model: 'gemini-embedding-001', contents: 'hello' });
    expect(one.embedding?.values?.length).toBeGreaterThan(0);
    expect(one.embeddings).toHaveLength(1);
    await expect(
      client.models.embedContent({
        model: 'gemini-embedding-001',
        contents: 'x',
        config: { mimeType: 'a' } as never,
      }),
    ).rejects.toThrow(InvalidArgumentError);
  });

  it('caches.create takes its fields from config too, and refuses unknown ones', async () => {
    const { emu, client } = await setup();
    const text = 'long document '.repeat(300);
    const cache = await client.caches.create({
      model: MODEL,
      config: { contents: text, displayName: 'doc', ttl: '300s' },
    });
    expect(cache.name).toMatch(/^cachedContents\//);
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      displayName: 'doc',
      ttl: '300s',
      contents: [{ role: 'user', parts: [{ text }] }],
    });
    const before = emu.control.requests.length;
    await expect(client.caches.create({ model: MODEL, config: { content: 'x' } as never })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(client.caches.create({ model: MODEL, contnets: 'x' } as never)).rejects.toThrow(
      /unknown field contnets/,
    );
    expect(emu.control.requests.length).toBe(before);
  });

  it('batches.create takes config.displayName, and inline requests their own config bag', async () => {
    const { emu, client } = await setup();
    await client.batches.create({
      model: MODEL,
      src: [{ contents: 'a', config: { temperature: 0.1, systemInstruction: 's' } }],
      config: { displayName: 'nightly' },
    });
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      batch: {
        displayName: 'nightly',
        inputConfig: {
          requests: {
            requests: [
              {
                request: {
                  generationConfig: { temperature: 0.1 },
                  systemInstruction: { parts: [{ text: 's' }] },
                },
              },
            ],
          },
        },
      },
    });
    const before = emu.control.requests.length;
    await expect(
      client.batches.create({ model: MODEL, src: [{ contents: 'a' }], config: { dest: 'x' } as never }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      client.batches.create({
        model: MODEL,
        src: [{ contents: 'a', config: { abortSignal: AbortSignal.timeout(1000) } }],
      }),
    ).rejects.toThrow(/not available per batch request/);
    expect(emu.control.requests.length).toBe(before);
  });
});
