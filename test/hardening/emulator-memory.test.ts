// Issue 14 item 4: the request log keeps no credential and stays under its byte cap; uploaded bytes are
// freed when a file is deleted or expires, and unfinished upload sessions expire on the emulated clock.
// Memory is measured with the emulator's own accounting (control.requestLogUsage, files.retainedBytes).
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.js';
import { httpCall, start } from './emulator-support.js';

const MiB = 1024 * 1024;
const GEN = '/v1beta/models/gemini-2.5-flash:generateContent';

function bigBody(bytes: number): string {
  const text = 'x'.repeat(bytes);
  return JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] });
}

async function upload(
  emu: RunningEmulator,
  bytes: Buffer,
  finalize = true,
): Promise<{ url: string; file?: string }> {
  const startRes = await fetch(`${emu.url}/upload/v1beta/files`, {
    method: 'POST',
    headers: {
      'x-goog-api-key': 'k',
      'content-type': 'application/json',
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-type': 'application/octet-stream',
    },
    body: JSON.stringify({ file: { displayName: 'blob' } }),
  });
  const url = startRes.headers.get('x-goog-upload-url') ?? '';
  await startRes.arrayBuffer();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'x-goog-api-key': 'k',
      'x-goog-upload-command': finalize ? 'upload, finalize' : 'upload',
      'x-goog-upload-offset': '0',
    },
    body: new Uint8Array(bytes),
  });
  if (!finalize) {
    await res.arrayBuffer();
    return { url };
  }
  const file = ((await res.json()) as { file: { name: string } }).file.name;
  return { url, file };
}

describe('the request log', () => {
  it('redacts bearer tokens, access tokens and API keys in every form', async () => {
    const emu = await start();
    const secrets = [
      'AIzaSecretHeaderKey',
      'AIzaSecretQueryKey',
      'ya29.bearer-secret',
      'ya29.access-secret',
      'ya29.oauth-secret',
      'cookie-secret',
    ];
    await httpCall(
      emu,
      'GET',
      `/v1beta/models?key=${secrets[1]}&access_token=${secrets[3]}&oauth_token=${secrets[4]}`,
      {
        'x-goog-api-key': secrets[0] ?? '',
        authorization: `Bearer ${secrets[2]}`,
        cookie: `sid=${secrets[5]}`,
      },
    );
    const [entry] = emu.control.requests;
    expect(entry?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(entry?.headers['cookie']).toBe('[REDACTED]');
    expect(entry?.headers['x-goog-api-key']).toBeUndefined();
    expect(entry?.query).toEqual({ access_token: '[REDACTED]', oauth_token: '[REDACTED]' });
    const logged = [
      JSON.stringify(emu.control.requests),
      (await httpCall(emu, 'GET', '/__emulator/requests')).body,
    ];
    for (const text of logged) for (const s of secrets) expect(text).not.toContain(s);
  });

  it('cuts a large body to maxBodyBytes, says so, and drops the oldest entries past maxBytes', async () => {
    const emu = await start({ requestLog: { maxBytes: 1 * MiB, maxBodyBytes: 64 * 1024 } });
    const json = { 'content-type': 'application/json', 'x-goog-api-key': 'k' };
    await httpCall(emu, 'POST', GEN, json, bigBody(100));
    const small = emu.control.requests[0];
    expect(small?.body).toMatchObject({ contents: [{ parts: [{ text: 'x'.repeat(100) }] }] });
    expect(small?.bodyTruncated).toBeUndefined();
    for (let i = 0; i < 5; i++)
      expect((await httpCall(emu, 'POST', GEN, json, bigBody(2 * MiB))).status).toBe(200);
    const big = emu.control.requests.at(-1);
    expect(big?.bodyTruncated).toBe(true);
    expect(big?.bodyBytes).toBeGreaterThan(2 * MiB);
    expect(typeof big?.body === 'string' && big.body.length).toBe(64 * 1024);
    // 30 more 64 KiB entries do not fit in 1 MiB: the oldest (the small one) go first.
    for (let i = 0; i < 30; i++) await httpCall(emu, 'POST', GEN, json, bigBody(200 * 1024));
    const usage = emu.control.requestLogUsage();
    expect(usage.bytes).toBeLessThanOrEqual(1 * MiB);
    expect(usage.dropped).toBeGreaterThan(0);
    expect(emu.control.requests.some((r) => r === small)).toBe(false);
    expect(emu.control.requests.length).toBe(usage.entries);
  });

  it('with the defaults, five 4 MiB bodies add at most ~5 MiB to the log (1 MiB each), not 20', async () => {
    const emu = await start();
    const json = { 'content-type': 'application/json', 'x-goog-api-key': 'k' };
    const before = emu.control.requestLogUsage().bytes;
    for (let i = 0; i < 5; i++) await httpCall(emu, 'POST', GEN, json, bigBody(4 * MiB));
    const added = emu.control.requestLogUsage().bytes - before;
    expect(added).toBeGreaterThan(5 * MiB * 0.99);
    expect(added).toBeLessThan(5.1 * MiB);
    expect(() => emu.control.requests).not.toThrow();
    await expect(start({ requestLog: { maxBytes: -1 } })).rejects.toThrow(RangeError);
  });
});

describe('uploaded bytes', () => {
  it('ten 4 MiB uploads then deletes leave no file bytes retained', async () => {
    const emu = await start();
    const names: string[] = [];
    for (let i = 0; i < 10; i++) names.push((await upload(emu, Buffer.alloc(4 * MiB, i))).file ?? '');
    expect(emu.control.files.retainedBytes()).toEqual({ files: 40 * MiB, sessions: 0 });
    for (const name of names) {
      const res = await fetch(`${emu.url}/v1beta/${name}`, {
        method: 'DELETE',
        headers: { 'x-goog-api-key': 'k' },
      });
      expect(res.status).toBe(200);
    }
    expect(emu.control.files.retainedBytes()).toEqual({ files: 0, sessions: 0 });
  });

  it('files expire after 48 h and unfinished upload sessions after a week, on the emulated clock, freeing their bytes', async () => {
    const emu = await start({ clock: { frozen: true } });
    emu.control.files.configure({ chunkGranularity: 1024 });
    await upload(emu, Buffer.alloc(2 * MiB, 1));
    const pending = await upload(emu, Buffer.alloc(1024 * 1024, 2), false);
    expect(emu.control.files.retainedBytes()).toEqual({ files: 2 * MiB, sessions: 1 * MiB });
    emu.control.clock.advance(48 * 3600_000);
    expect(emu.control.files.retainedBytes()).toEqual({ files: 0, sessions: 1 * MiB });
    emu.control.clock.advance(5 * 24 * 3600_000 - 1);
    expect(emu.control.files.retainedBytes().sessions).toBe(1 * MiB);
    emu.control.clock.advance(1);
    expect(emu.control.files.retainedBytes()).toEqual({ files: 0, sessions: 0 });
    expect(emu.control.files.sessions()).toEqual([]);
    const query = await fetch(pending.url, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'x-goog-upload-command': 'query' },
    });
    expect(query.status).toBe(404);
  });

  it('a cancelled session frees its bytes at once', async () => {
    const emu = await start();
    emu.control.files.configure({ chunkGranularity: 1024 });
    const pending = await upload(emu, Buffer.alloc(64 * 1024, 3), false);
    expect(emu.control.files.retainedBytes().sessions).toBe(64 * 1024);
    const res = await fetch(pending.url, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'x-goog-upload-command': 'cancel' },
    });
    await res.arrayBuffer();
    expect(emu.control.files.retainedBytes().sessions).toBe(0);
  });
});
