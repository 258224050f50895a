import { describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { versionMethods } from '../../generated/versions.js';
import { api, body, start, type ErrorEnvelope } from './helpers.js';

/** A concrete path for a flatPath: model ids become a real model, other ids a placeholder. */
function concrete(flatPath: string): string {
  return flatPath.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'modelsId' ? 'gemini-2.5-flash' : `${name}-1`,
  );
}

describe('routing', () => {
  it('routes every manifest method (none answers a routing 404)', { timeout: 20_000 }, async () => {
    const emu = await start();
    for (const entry of manifest) {
      const version = entry.version ?? 'v1beta';
      const res = await api(emu, `/${version}/${concrete(entry.flatPath)}`, {
        method: entry.httpMethod,
        ...(entry.httpMethod === 'GET' || entry.httpMethod === 'DELETE' ? {} : { body: '{}' }),
      });
      const text = await res.text();
      expect(text, entry.id).not.toContain('Method not found.');
      expect(res.headers.get('content-type'), entry.id).toContain('application/json');
      const last = emu.control.requests.at(-1);
      expect(last?.methodId, entry.id).toBe(entry.id);
      // Every method is emulated; only the media methods' metadata-only form (no /upload/ prefix) is not.
      if (!entry.upload) expect(res.status, `${entry.id}: ${text}`).not.toBe(501);
    }
  });

  it('routes upload and download paths of media methods', async () => {
    const emu = await start();
    for (const entry of manifest.filter((e) => e.upload || e.media)) {
      const prefix = entry.upload ? 'upload' : 'download';
      const res = await api(emu, `/${prefix}/v1beta/${concrete(entry.flatPath)}`, {
        method: entry.httpMethod,
        ...(entry.httpMethod === 'GET' ? {} : { body: 'bytes' }),
      });
      // Routed to the method (its area answers, e.g. 404 for a file that does not exist), never the HTML 404 page.
      expect(res.headers.get('content-type'), entry.id).toMatch(/application\/json/);
      expect((await body<ErrorEnvelope>(res)).error.code, entry.id).toBeGreaterThanOrEqual(400);
      expect(emu.control.requests.at(-1)?.methodId).toBe(entry.id);
    }
  });

  it('extracts path params of nested resources and serves the version prefixes', async () => {
    const emu = await start();
    await api(emu, '/v1beta/tunedModels/t1/permissions/p1', { method: 'GET' });
    expect(emu.control.requests.at(-1)?.methodId).toBe('tunedModels.permissions.get');
    await api(emu, '/v1alpha/fileSearchStores/s1/upload/operations/o1', { method: 'GET' });
    expect(emu.control.requests.at(-1)?.methodId).toBe('fileSearchStores.upload.operations.get');
    const res = await api(emu, '/v1/models/gemini-2.5-flash', { method: 'GET' });
    expect(res.status).toBe(200);
    expect((await body(res))['name']).toBe('models/gemini-2.5-flash');
    await api(emu, '/v1beta/files:register', { json: {} });
    expect(emu.control.requests.at(-1)?.methodId).toBe('files.register');
  });

  it('answers 501 UNIMPLEMENTED naming the method for a form it does not emulate', async () => {
    const emu = await start();
    // media.upload without the /upload/ prefix (metadata only): routed, but not emulated.
    const res = await api(emu, '/v1beta/files', { json: { file: { displayName: 'x' } } });
    expect(res.status).toBe(501);
    const err = (await body<ErrorEnvelope>(res)).error;
    expect(err).toMatchObject({ code: 501, status: 'UNIMPLEMENTED' });
    expect(err.message).toContain('media.upload');
  });

  it('answers a JSON 404 for unknown verbs or wrong HTTP methods under a known collection', async () => {
    const emu = await start();
    for (const [method, path] of [
      ['POST', '/v1beta/models/gemini-2.5-flash:foo'],
      ['GET', '/v1beta/models/gemini-2.5-flash:generateContent'],
      ['POST', '/v1beta/auth_tokens'], // pinned to v1alpha
    ] as const) {
      const res = await api(emu, path, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status, path).toBe(404);
      expect(await body(res)).toEqual({
        error: { code: 404, message: 'Method not found.', status: 'NOT_FOUND' },
      });
    }
    expect((await api(emu, '/v1alpha/auth_tokens', { json: {} })).status).toBe(200);
  });

  it('serves on /v1/ only the methods the pinned v1 document lists (generated/versions.ts)', async () => {
    const emu = await start();
    const v1 = new Set(versionMethods['v1']);
    expect(v1.has('models.generateContent')).toBe(true);
    const res = await api(emu, '/v1/models/gemini-2.5-flash:generateContent', {
      json: { contents: [{ parts: [{ text: 'hi' }] }] },
    });
    expect(res.status).toBe(200);
    expect(emu.control.requests.at(-1)).toMatchObject({ methodId: 'models.generateContent' });
    // v1beta-only methods are not found on v1, under a collection v1 knows or not.
    for (const [method, path] of [
      ['POST', '/v1/models/gemini-2.5-flash:generateText'],
      ['POST', '/v1/models/imagen-4.0-generate-001:predict'],
      ['GET', '/v1/files'],
      ['GET', '/v1/cachedContents'],
    ] as const) {
      const miss = await api(emu, path, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(miss.status, path).toBe(404);
      expect(emu.control.requests.at(-1)?.methodId, path).toBeUndefined(); // routed to no method
    }
    // Every v1 method the manifest has is routed there.
    for (const entry of manifest.filter((e) => v1.has(e.id) && e.httpMethod === 'GET')) {
      await api(emu, `/v1/${concrete(entry.flatPath)}`, { method: 'GET' });
      expect(emu.control.requests.at(-1)?.methodId, entry.id).toBe(entry.id);
    }
  });

  it("answers the front end's HTML 404 for paths outside the API", async () => {
    const emu = await start();
    for (const path of ['/', '/v2/models', '/v1beta/nothing/here', '/upload/v1beta/models']) {
      const res = await api(emu, path, { method: 'GET' });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expect(await res.text()).toContain(
        `The requested URL <code>${path}</code> was not found on this server.`,
      );
    }
  });
});
