import { describe, expect, it } from 'vitest';
import { api, body, start, type ErrorEnvelope } from './helpers.js';

interface ModelList {
  models?: { name: string; supportedGenerationMethods: string[] }[];
  nextPageToken?: string;
}

describe('models', () => {
  it('lists 50 models per page by default with the recorded first page and token format', async () => {
    const emu = await start();
    const page = await body<ModelList>(await api(emu, '/v1beta/models', { method: 'GET' }));
    expect(page.models).toHaveLength(50);
    expect(page.models?.[0]?.name).toBe('models/gemini-2.5-flash');
    expect(page.models?.[49]?.name).toBe('models/veo-3.1-generate-preview');
    // Same opaque token the real service returned for this page.
    expect(page.nextPageToken).toBe('Ch9tb2RlbHMvdmVvLTMuMS1nZW5lcmF0ZS1wcmV2aWV3');
  });

  it('walks every page with pageSize and nextPageToken', async () => {
    const emu = await start();
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const q = `pageSize=7${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const page = await body<ModelList>(await api(emu, `/v1beta/models?${q}`, { method: 'GET' }));
      expect(page.models?.length).toBeLessThanOrEqual(7);
      names.push(...(page.models ?? []).map((m) => m.name));
      token = page.nextPageToken;
      pages++;
    } while (token !== undefined && pages < 100);
    const all = emu.control.models.list().map((m) => m.name);
    expect(names).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects an invalid page token with 400 INVALID_ARGUMENT', async () => {
    const emu = await start();
    for (const token of ['garbage!', 'Ch9ub3RhbW9kZWw', 'AAAA']) {
      const res = await api(emu, `/v1beta/models?pageToken=${encodeURIComponent(token)}`, { method: 'GET' });
      expect(res.status, token).toBe(400);
      expect((await body<ErrorEnvelope>(res)).error.status).toBe('INVALID_ARGUMENT');
    }
  });

  it('gets a model and answers the real 404 for an unknown one', async () => {
    const emu = await start();
    const model = await body(await api(emu, '/v1beta/models/gemini-embedding-001', { method: 'GET' }));
    expect(model).toMatchObject({
      name: 'models/gemini-embedding-001',
      supportedGenerationMethods: [
        'embedContent',
        'countTextTokens',
        'countTokens',
        'asyncBatchEmbedContent',
      ],
    });
    const res = await api(emu, '/v1beta/models/gemini-0-nope', { method: 'GET' });
    expect(res.status).toBe(404);
    expect((await body<ErrorEnvelope>(res)).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('lets tests add and remove models', async () => {
    const emu = await start();
    emu.control.models.add('my-model');
    expect((await api(emu, '/v1beta/models/my-model', { method: 'GET' })).status).toBe(200);
    emu.control.models.remove('models/gemini-2.5-flash');
    expect((await api(emu, '/v1beta/models/gemini-2.5-flash', { method: 'GET' })).status).toBe(404);
    emu.control.reset();
    expect((await api(emu, '/v1beta/models/gemini-2.5-flash', { method: 'GET' })).status).toBe(200);
    expect((await api(emu, '/v1beta/models/my-model', { method: 'GET' })).status).toBe(404);
  });
});
