/**
 * Outputs like the service's (issue 16): TTS speech, image-model PNGs, structured output that respects
 * its schema, function calls chosen by the prompt's words, and countTokens that agrees with
 * LocalTokenizer.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LocalTokenizer } from '../../src/tokens/index.js';
import { api, body, start, userTurn, type ErrorEnvelope } from '../emulator/helpers.js';

type Part = Record<string, unknown> & {
  inlineData?: { mimeType: string; data: string };
  functionCall?: { name: string; args: Record<string, unknown> };
  text?: string;
};
type Reply = { candidates?: { content?: { parts?: Part[] } }[] };

const gen = (model: string): string => `/v1beta/models/${model}:generateContent`;

async function parts(emu: Awaited<ReturnType<typeof start>>, model: string, json: unknown): Promise<Part[]> {
  const res = await api(emu, gen(model), { json });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await body<Reply>(res)).candidates?.[0]?.content?.parts ?? [];
}

const tts = (
  text: string,
  speechConfig: unknown = { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
) => ({
  ...userTurn(text),
  generationConfig: { responseModalities: ['AUDIO'], speechConfig },
});

describe('speech', () => {
  it('TTS models answer audio/L16 PCM at 24 kHz whose length follows the text, deterministically', async () => {
    const emu = await start();
    const [short] = await parts(emu, 'gemini-2.5-flash-preview-tts', tts('Say hi'));
    const [long] = await parts(
      emu,
      'gemini-2.5-flash-preview-tts',
      tts('Say hello to everyone in the room, slowly.'),
    );
    const [again] = await parts(emu, 'gemini-2.5-flash-preview-tts', tts('Say hi'));
    expect(short?.inlineData?.mimeType).toBe('audio/L16;codec=pcm;rate=24000');
    const bytes = (p: Part | undefined): Buffer => Buffer.from(p?.inlineData?.data ?? '', 'base64');
    expect(bytes(short).length % 2).toBe(0);
    expect(bytes(short).length).toBeGreaterThanOrEqual(24_000); // at least half a second
    expect(bytes(long).length).toBeGreaterThan(bytes(short).length);
    expect(bytes(again).equals(bytes(short))).toBe(true);
    // Not silence: a tone.
    expect(
      Math.max(...Array.from({ length: 200 }, (_, i) => Math.abs(bytes(short).readInt16LE(i * 2)))),
    ).toBeGreaterThan(1000);
  });

  it('speaks each speaker in their own voice and refuses modalities a model cannot answer with', async () => {
    const emu = await start();
    const speakers = ['Joe', 'Jane'].map((speaker, i) => ({
      speaker,
      voiceConfig: { prebuiltVoiceConfig: { voiceName: i === 0 ? 'Kore' : 'Puck' } },
    }));
    const script = 'Joe: How are you today?\nJane: Very well, thank you.';
    const [multi] = await parts(
      emu,
      'gemini-2.5-pro-preview-tts',
      tts(script, { multiSpeakerVoiceConfig: { speakerVoiceConfigs: speakers } }),
    );
    const [single] = await parts(emu, 'gemini-2.5-pro-preview-tts', tts(script));
    expect(multi?.inlineData?.data).not.toBe(single?.inlineData?.data);

    const text = await api(emu, gen('gemini-2.5-flash-preview-tts'), {
      json: { ...userTurn('hi'), generationConfig: { responseModalities: ['TEXT'] } },
    });
    expect(text.status).toBe(400);
    expect((await body<ErrorEnvelope>(text)).error.message).toMatch(
      /response modalities \(TEXT\) is not supported/,
    );
    const audio = await api(emu, gen('gemini-2.5-flash'), {
      json: { ...userTurn('hi'), generationConfig: { responseModalities: ['AUDIO'] } },
    });
    expect(audio.status).toBe(400);
    expect((await body<ErrorEnvelope>(audio)).error.message).toBe(
      'Model does not support the requested response modalities: audio',
    );
  });
});

describe('images', () => {
  it('image models answer text and an inline PNG sized by aspect ratio', async () => {
    const emu = await start();
    const got = await parts(emu, 'gemini-2.5-flash-image', {
      ...userTurn('a lighthouse'),
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    });
    expect(got[0]?.text).toBe('Echo: a lighthouse');
    const png = Buffer.from(got[1]?.inlineData?.data ?? '', 'base64');
    expect(got[1]?.inlineData?.mimeType).toBe('image/png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1344, 768]);
    const textOnly = await parts(emu, 'gemini-3-pro-image-preview', {
      ...userTurn('just words'),
      generationConfig: { responseModalities: ['TEXT'] },
    });
    expect(textOnly.some((p) => p.inlineData)).toBe(false);
  });
});

describe('structured output', () => {
  const json = async (schema: unknown, key = 'responseJsonSchema'): Promise<unknown> => {
    const emu = await start();
    const [p] = await parts(emu, 'gemini-2.5-flash', {
      ...userTurn('x'),
      generationConfig: { responseMimeType: 'application/json', [key]: schema },
    });
    return JSON.parse(p?.text ?? 'null');
  };

  it('gives small sensible integers for zod .int() (not -9007199254740991), within min/max and multipleOf', async () => {
    const schema = z.toJSONSchema(
      z.object({
        count: z.number().int(),
        age: z.number().int().min(18).max(99),
        score: z.number().max(-2),
        step: z.number().int().min(7).multipleOf(5),
      }),
    );
    expect(await json(schema)).toEqual({ count: 1, age: 18, score: -2, step: 10 });
  });

  it('fits enums, formats, string lengths and array sizes, in propertyOrdering order', async () => {
    const out = (await json(
      {
        type: 'OBJECT',
        properties: {
          mood: { type: 'STRING', enum: ['happy', 'sad'] },
          id: { type: 'STRING', format: 'uuid' },
          tags: { type: 'ARRAY', items: { type: 'STRING', maxLength: 2 }, minItems: '2' },
          day: { type: 'STRING', format: 'date' },
        },
        propertyOrdering: ['tags', 'mood', 'id', 'day'],
      },
      'responseSchema',
    )) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['tags', 'mood', 'id', 'day']);
    expect(out).toMatchObject({ mood: 'happy', tags: ['ta', 'ta'] });
    expect(out['id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(out['day']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('function calling', () => {
  const weather = {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
  };
  const joke = { name: 'tell_joke', description: 'Tells a joke about a topic' };
  const request = (text: string, mode?: string) => ({
    ...userTurn(text),
    tools: [{ functionDeclarations: [joke, weather] }],
    ...(mode ? { toolConfig: { functionCallingConfig: { mode } } } : {}),
  });

  it('AUTO calls the declared function that best matches the prompt words ("Weather in Paris?")', async () => {
    const emu = await start();
    const [call] = await parts(emu, 'gemini-2.5-flash', request('Weather in Paris?'));
    expect(call?.functionCall).toEqual({ name: 'get_weather', args: { city: 'city' } });
    const [other] = await parts(emu, 'gemini-2.5-flash', request('I want to hear a joke'));
    expect(other?.functionCall?.name).toBe('tell_joke');
    const [none] = await parts(emu, 'gemini-2.5-flash', request('Good morning'));
    expect(none).toEqual({ text: 'Echo: Good morning' });
  });

  it('ANY always calls; NONE never does; scripting still wins', async () => {
    const emu = await start();
    const [any] = await parts(emu, 'gemini-2.5-flash', request('Good morning', 'ANY'));
    expect(any?.functionCall?.name).toBe('tell_joke');
    const [none] = await parts(emu, 'gemini-2.5-flash', request('Weather in Paris?', 'NONE'));
    expect(none?.functionCall).toBeUndefined();
    emu.control.script('gemini-2.5-flash', { text: 'scripted' });
    const [scripted] = await parts(emu, 'gemini-2.5-flash', request('Weather in Paris?'));
    expect(scripted).toEqual({ text: 'scripted' });
  });
});

describe('countTokens', () => {
  it(
    'agrees with LocalTokenizer when the vocabulary package is installed',
    { timeout: 120_000 },
    async () => {
      const emu = await start();
      for (const [model, text] of [
        ['gemini-2.5-flash', 'What is the capital of France?'],
        ['gemma-3-27b-it', 'Tokenizers split words into pieces: antidisestablishmentarianism!'],
      ] as const) {
        const local = await new LocalTokenizer(model).countTokens(text);
        const res = await api(emu, `/v1beta/models/${model}:countTokens`, { json: userTurn(text) });
        expect((await body<{ totalTokens: number }>(res)).totalTokens, model).toBe(local.totalTokens);
      }
      expect(
        (await new LocalTokenizer('gemini-2.5-flash').countTokens('What is the capital of France?'))
          .totalTokens,
      ).toBe(8);
    },
  );
});
