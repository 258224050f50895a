/**
 * The model catalogue follows the service: today's families answer, each with only its real methods
 * and modalities; retired models answer the service's 404 (their retirement recorded); `models: 'all'`
 * serves every model ever offered; `control.models.add()` adds custom names.
 */
import { describe, expect, it } from 'vitest';
import { api, body, start, userTurn, type ErrorEnvelope } from '../emulator/helpers.js';

type Model = { name: string; supportedGenerationMethods: string[] };

describe('model catalogue', () => {
  it('serves the current families: Gemini 2.0–3.x, Gemma 3 and 3n, embeddings, Imagen 4, Veo 2/3/3.1, Lyria, Live', async () => {
    const emu = await start();
    const names = emu.control.models.list().map((m) => m.name.replace('models/', ''));
    for (const id of [
      'gemini-2.0-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.5-flash-image',
      'gemini-2.5-flash-preview-tts',
      'gemini-3-pro-preview',
      'gemini-3.1-flash-lite-preview',
      'gemma-3-27b-it',
      'gemma-3n-e4b-it',
      'gemma-3n-e2b-it',
      'gemini-embedding-001',
      'imagen-4.0-generate-001',
      'veo-2.0-generate-001',
      'veo-3.0-generate-001',
      'veo-3.1-generate-preview',
      'lyria-realtime-exp',
      'gemini-live-2.5-flash-preview',
      'gemini-2.5-flash-native-audio-preview-12-2025',
    ])
      expect(names, id).toContain(id);
    for (const model of ['gemma-3-27b-it', 'gemma-3n-e4b-it']) {
      const res = await api(emu, `/v1beta/models/${model}:generateContent`, { json: userTurn('hi') });
      expect(res.status, model).toBe(200);
    }
  });

  it('lets each model do only what it really does', async () => {
    const emu = await start();
    const cases: [string, string, unknown][] = [
      ['gemini-embedding-001', 'generateContent', userTurn('x')],
      ['veo-3.0-generate-001', 'generateContent', userTurn('x')],
      ['gemma-3-27b-it', 'embedContent', { content: { parts: [{ text: 'x' }] } }],
      ['gemini-2.5-flash', 'predictLongRunning', { instances: [{ prompt: 'x' }] }],
    ];
    for (const [model, method, json] of cases) {
      const res = await api(emu, `/v1beta/models/${model}:${method}`, { json });
      expect(res.status, `${model}:${method}`).toBe(404);
      expect((await body<ErrorEnvelope>(res)).error.message).toContain(`or is not supported for ${method}`);
    }
  });

  it('answers the service 404 for retired models and records their retirement', async () => {
    const emu = await start();
    for (const id of [
      'gemini-1.5-flash',
      'gemini-1.0-pro',
      'gemini-2.5-pro-preview-05-06',
      'gemini-2.0-flash-exp',
    ]) {
      const res = await api(emu, `/v1beta/models/${id}:generateContent`, { json: userTurn('x') });
      expect(res.status, id).toBe(404);
      expect((await body<ErrorEnvelope>(res)).error.message).toBe(
        `models/${id} is not found for API version v1beta, or is not supported for generateContent. Call ModelService.ListModels to see the list of available models and their supported methods.`,
      );
    }
    const embed = await api(emu, '/v1beta/models/embedding-001:embedContent', {
      json: { content: { parts: [{ text: 'x' }] } },
    });
    expect(embed.status).toBe(404);
    expect(emu.control.models.retirement('text-embedding-004')).toEqual({
      name: 'models/text-embedding-004',
      shutdown: '2026-01-14',
      replacement: 'gemini-embedding-001',
    });
    expect(emu.control.models.retirement('gemini-2.5-flash')).toBeUndefined();
    const listed = await body<{ models: Model[] }>(
      await api(emu, '/v1beta/models?pageSize=1000', { method: 'GET' }),
    );
    expect(listed.models.map((m) => m.name)).not.toContain('models/gemini-1.5-flash');
  });

  it("serves every model ever offered with models: 'all', and custom names with control.models.add", async () => {
    const emu = await start({ models: 'all' });
    for (const id of ['gemini-1.5-flash', 'gemini-2.0-flash-exp', 'gemini-2.5-flash-preview-05-20']) {
      const res = await api(emu, `/v1beta/models/${id}:generateContent`, { json: userTurn('old times') });
      expect(res.status, id).toBe(200);
    }
    const listed = await body<{ models: Model[] }>(
      await api(emu, '/v1beta/models?pageSize=1000', { method: 'GET' }),
    );
    expect(listed.models.map((m) => m.name)).toEqual(
      expect.arrayContaining(['models/gemini-1.5-pro', 'models/gemini-2.5-flash']),
    );
    emu.control.reset();
    expect(emu.control.models.get('gemini-1.5-pro')).toBeDefined();

    emu.control.models.add('my-finetune');
    const custom = await api(emu, '/v1beta/models/my-finetune:generateContent', { json: userTurn('mine') });
    expect(custom.status).toBe(200);
  });
});
