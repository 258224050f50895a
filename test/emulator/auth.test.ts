import { describe, expect, it } from 'vitest';
import { body, start, userTurn, type ErrorEnvelope } from './helpers.js';

const path = '/v1beta/models/gemini-2.5-flash:generateContent';
const post = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(userTurn('hi')),
    signal: AbortSignal.timeout(5000),
  });

describe('auth', () => {
  it('rejects a request without a key with 403 PERMISSION_DENIED', async () => {
    const emu = await start();
    const res = await post(`${emu.url}${path}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await body(res)).toEqual({
      error: {
        code: 403,
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        status: 'PERMISSION_DENIED',
      },
    });
  });

  it('accepts any non-empty key by default, from the header or the key query parameter', async () => {
    const emu = await start();
    expect((await post(`${emu.url}${path}`, { 'x-goog-api-key': 'anything' })).status).toBe(200);
    expect((await post(`${emu.url}${path}?key=anything`)).status).toBe(200);
  });

  it('rejects an empty key and keys outside the allow-list with API_KEY_INVALID', async () => {
    const emu = await start({ apiKeys: ['good'] });
    expect((await post(`${emu.url}${path}`, { 'x-goog-api-key': 'good' })).status).toBe(200);
    for (const res of [await post(`${emu.url}${path}?key=bad`), await post(`${emu.url}${path}?key=`)]) {
      expect(res.status).toBe(400);
      const err = (await body<ErrorEnvelope>(res)).error;
      expect(err.message).toBe('API key not valid. Please pass a valid API key.');
      expect(err.status).toBe('INVALID_ARGUMENT');
      expect(err.details?.[0]).toEqual({
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      });
    }
  });

  it('keeps the key out of the request log', async () => {
    const emu = await start();
    await post(`${emu.url}${path}?key=secret`, { 'x-goog-api-key': 'secret2' });
    const logged = emu.control.requests[0];
    expect(logged?.query).not.toHaveProperty('key');
    expect(logged?.headers).not.toHaveProperty('x-goog-api-key');
    expect(logged?.body).toEqual(userTurn('hi'));
  });
});
