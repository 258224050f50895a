// CORS on the API routes (emulator/http/cors.ts): preflights granted for the headers the service
// allows, refused (403, no CORS headers) for others; answers carry the origin and expose upload headers.
import { describe, expect, it } from 'vitest';
import { api, start } from './helpers.js';

const ORIGIN = 'http://127.0.0.1:5173';

describe('emulator CORS', () => {
  it('grants a preflight for the SDK headers, including the upload ones', async () => {
    const emu = await start();
    const requested =
      'content-type,x-goog-api-key,x-goog-api-client,x-goog-upload-protocol,x-goog-upload-command';
    const res = await fetch(`${emu.url}/upload/v1beta/files`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': requested,
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe(requested);
    expect(res.headers.get('vary')).toContain('Origin');
    expect(await res.text()).toBe('');
  });

  it('refuses a preflight asking for a header the service does not allow', async () => {
    const emu = await start();
    const res = await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,api-revision',
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds the origin and exposes the resumable-upload headers on answers', async () => {
    const emu = await start();
    const res = await api(emu, '/upload/v1beta/files', {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'x-goog-upload-protocol': 'resumable',
        'x-goog-upload-command': 'start',
        'x-goog-upload-header-content-length': '3',
        'x-goog-upload-header-content-type': 'text/plain',
      },
      json: { file: { displayName: 'x' } },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    for (const h of [
      'x-goog-upload-url',
      'x-goog-upload-status',
      'x-goog-upload-size-received',
      'x-goog-upload-chunk-granularity',
    ])
      expect(exposed).toContain(h);
    expect(res.headers.get('x-goog-upload-url')).toMatch(/^http/);
    // Errors carry them too, or the page could not read the google.rpc body.
    const bad = await api(emu, '/v1beta/models/no-such-model', { headers: { origin: ORIGIN } });
    expect(bad.status).toBe(404);
    expect(bad.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('leaves requests without an Origin (servers, SDKs) as they were', async () => {
    const emu = await start();
    const res = await api(emu, '/v1beta/models');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
