/**
 * Request forms the service accepts today are accepted, and only those: each case here was refused
 * before (measured in issue 16) or is a field @google/genai 2.32's types list for the Gemini API.
 * Unknown names are still refused, as the service refuses them.
 */
import { describe, expect, it } from 'vitest';
import { api, body, start, userTurn, type ErrorEnvelope } from '../emulator/helpers.js';

type Candidates = { candidates?: { content?: { parts?: Record<string, unknown>[] } }[] };

const gen = (model: string): string => `/v1beta/models/${model}:generateContent`;

describe('request forms the service accepts', () => {
  it('accepts an inline batch without per-request model and without displayName (the official client)', async () => {
    const emu = await start();
    const res = await api(emu, '/v1beta/models/gemini-2.5-flash:batchGenerateContent', {
      json: {
        batch: {
          inputConfig: { requests: { requests: [{ request: userTurn('hi'), metadata: { key: 'a' } }] } },
        },
      },
    });
    expect(res.status).toBe(200);
    const op = await body<{ name: string; metadata: Record<string, unknown> }>(res);
    expect(op.name).toMatch(/^batches\//);
    expect(op.metadata).not.toHaveProperty('displayName');
  });

  it('accepts a responseSchema property given only as anyOf (no type)', async () => {
    const emu = await start();
    const res = await api(emu, gen('gemini-2.5-flash'), {
      json: {
        ...userTurn('x'),
        generationConfig: {
          responseMimeType: 'application/json',
          responseSchema: {
            type: 'OBJECT',
            properties: { result: { anyOf: [{ type: 'STRING' }, { type: 'INTEGER' }] } },
            propertyOrdering: ['result'],
          },
        },
      },
    });
    expect(res.status).toBe(200);
    const text = (await body<Candidates>(res)).candidates?.[0]?.content?.parts?.[0]?.['text'];
    expect(JSON.parse(String(text))).toEqual({ result: 'result' });
  });

  it('accepts per-part mediaResolution (Gemini 3), thinkingLevel and thought signatures', async () => {
    const emu = await start();
    const image = { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } };
    const res = await api(emu, gen('gemini-3-pro-preview'), {
      json: {
        contents: [
          {
            role: 'user',
            parts: [
              { ...image, mediaResolution: { level: 'MEDIA_RESOLUTION_ULTRA_HIGH' } },
              { text: 'describe' },
            ],
          },
        ],
        generationConfig: { thinkingConfig: { thinkingLevel: 'LOW', includeThoughts: true } },
      },
    });
    expect(res.status).toBe(200);
    const parts = (await body<Candidates>(res)).candidates?.[0]?.content?.parts ?? [];
    expect(parts.some((p) => typeof p['thoughtSignature'] === 'string')).toBe(true);
  });

  it('accepts speechConfig with multiple speakers and imageConfig', async () => {
    const emu = await start();
    const speakers = ['Joe', 'Jane'].map((speaker, i) => ({
      speaker,
      voiceConfig: { prebuiltVoiceConfig: { voiceName: i === 0 ? 'Kore' : 'Puck' } },
    }));
    const tts = await api(emu, gen('gemini-2.5-flash-preview-tts'), {
      json: {
        ...userTurn('Joe: Hi!\nJane: Hello.'),
        generationConfig: {
          responseModalities: ['AUDIO'],
          speechConfig: { multiSpeakerVoiceConfig: { speakerVoiceConfigs: speakers } },
        },
      },
    });
    expect(tts.status).toBe(200);
    const image = await api(emu, gen('gemini-2.5-flash-image'), {
      json: {
        ...userTurn('a red square'),
        generationConfig: {
          responseModalities: ['TEXT', 'IMAGE'],
          imageConfig: { aspectRatio: '16:9', personGeneration: 'ALLOW_NONE' },
        },
      },
    });
    expect(image.status).toBe(200);
  });

  it('accepts the speech and media fields @google/genai 2.32 sends (speechMetadata, voice, file displayName)', async () => {
    const emu = await start();
    const res = await api(emu, gen('gemini-2.5-flash-preview-tts'), {
      json: {
        contents: [
          {
            role: 'user',
            parts: [
              { text: 'Hello there.', speechMetadata: { speaker: 'Joe', style: 'cheerful' } },
              {
                fileData: {
                  fileUri: 'https://example.com/a.txt',
                  mimeType: 'text/plain',
                  displayName: 'a.txt',
                },
              },
            ],
          },
        ],
        generationConfig: {
          responseModalities: ['AUDIO'],
          speechConfig: { voiceConfig: { voice: 'Kore' } },
        },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('accepts responseJsonSchema with $defs/$ref, oneOf, nullable types, enums and formats', async () => {
    const emu = await start();
    const schema = {
      $defs: { point: { type: 'object', properties: { x: { type: 'integer' } }, required: ['x'] } },
      type: 'object',
      properties: {
        at: { $ref: '#/$defs/point' },
        kind: { enum: ['a', 'b'] },
        when: { type: 'string', format: 'date-time' },
        maybe: { type: ['string', 'null'] },
        either: { oneOf: [{ type: 'number', minimum: 3 }, { type: 'string' }] },
      },
      additionalProperties: false,
    };
    const res = await api(emu, gen('gemini-2.5-flash'), {
      json: {
        ...userTurn('x'),
        generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema },
      },
    });
    expect(res.status).toBe(200);
    const out = JSON.parse(
      String((await body<Candidates>(res)).candidates?.[0]?.content?.parts?.[0]?.['text']),
    );
    expect(out).toMatchObject({ at: { x: 1 }, kind: 'a', maybe: 'maybe', either: 3 });
    expect(Number.isNaN(Date.parse(out.when))).toBe(false);
  });

  it('still refuses names the service does not know', async () => {
    const emu = await start();
    const res = await api(emu, gen('gemini-2.5-flash'), {
      json: { contents: [{ role: 'user', parts: [{ text: 'x', mediaResolutionLevel: 'HIGH' }] }] },
    });
    expect(res.status).toBe(400);
    const err = (await body<ErrorEnvelope>(res)).error;
    expect(err.message).toContain('Unknown name "mediaResolutionLevel"');
  });
});
