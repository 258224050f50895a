// The emulator's resumable upload protocol, over raw HTTP: what a client of any language sees.
import { describe, expect, it } from 'vitest';
import { setup } from '../upload/support.js';

const KEY = { 'x-goog-api-key': 'test-key' };

async function start(url: string, length?: number, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/upload/v1beta/files`, {
    method: 'POST',
    headers: {
      ...KEY,
      'content-type': 'application/json',
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-type': 'text/plain',
      ...(length !== undefined ? { 'x-goog-upload-header-content-length': String(length) } : {}),
      ...extra,
    },
    body: JSON.stringify({ file: { displayName: 'notes.txt' } }),
  });
}

const send = (session: string, command: string, offset?: number, body?: string): Promise<Response> =>
  fetch(session, {
    method: 'POST',
    headers: {
      ...KEY,
      'x-goog-upload-command': command,
      ...(offset !== undefined ? { 'x-goog-upload-offset': String(offset) } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });

describe('emulated upload protocol', () => {
  it('start answers 200, empty text/plain body, the session URL and granularity', async () => {
    const { emu } = await setup();
    const res = await start(emu.url, 10);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-goog-upload-status')).toBe('active');
    expect(res.headers.get('x-goog-upload-chunk-granularity')).toBe(String(8 * 1024 * 1024));
    expect(res.headers.get('x-goog-upload-url')).toMatch(
      /\/upload\/v1beta\/files\?upload_id=\w+&upload_protocol=resumable$/,
    );
  });

  it('checks offsets, granularity, sizes; query survives new connections; cancel ends the session', async () => {
    const { emu } = await setup();
    emu.control.files.configure({ chunkGranularity: 4 });
    const url = (await start(emu.url, 10)).headers.get('x-goog-upload-url') ?? '';

    expect((await send(url, 'upload', 0, 'abc')).status).toBe(400); // 3 is not a multiple of 4
    const ok = await send(url, 'upload', 0, 'abcd');
    expect(ok.headers.get('x-goog-upload-status')).toBe('active');
    expect(ok.headers.get('x-goog-upload-size-received')).toBe('4');

    const wrong = await send(url, 'upload', 8, 'efgh');
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('x-goog-upload-size-received')).toBe('4');
    expect(((await wrong.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');

    const q = await fetch(url, {
      method: 'POST',
      headers: { ...KEY, 'x-goog-upload-command': 'query', connection: 'close' },
    });
    expect(q.headers.get('x-goog-upload-size-received')).toBe('4');

    const short = await send(url, 'upload, finalize', 4, 'ef'); // 6 of 10 declared bytes
    expect(short.status).toBe(400);
    expect((await send(url, 'query')).headers.get('x-goog-upload-size-received')).toBe('6');

    const cancel = await send(url, 'cancel');
    expect(cancel.headers.get('x-goog-upload-status')).toBe('cancelled');
    expect((await send(url, 'upload, finalize', 6, 'ghij')).status).toBe(404);
    expect((await send(url, 'query')).headers.get('x-goog-upload-status')).toBe('cancelled');
  });

  it('finalizes with the File; query and re-sent chunks then give the same answer', async () => {
    const { emu } = await setup();
    const url = (await start(emu.url)).headers.get('x-goog-upload-url') ?? '';
    const fin = await send(url, 'upload, finalize', 0, 'hello');
    expect(fin.headers.get('x-goog-upload-status')).toBe('final');
    expect(fin.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = (await fin.json()) as { file: Record<string, unknown> };
    expect(body.file).toMatchObject({
      displayName: 'notes.txt',
      mimeType: 'text/plain',
      sizeBytes: '5',
      state: 'ACTIVE',
      source: 'UPLOADED',
    });
    expect(body.file['uri']).toBe(
      `https://generativelanguage.googleapis.com/v1beta/${String(body.file['name'])}`,
    );
    const q = await send(url, 'query');
    expect(q.headers.get('x-goog-upload-status')).toBe('final');
    expect(await q.json()).toEqual(body);
    expect(await (await send(url, 'upload, finalize', 0, 'hello')).json()).toEqual(body);
  });

  it('rejects other protocols, oversize declarations and unknown sessions', async () => {
    const { emu } = await setup();
    expect((await start(emu.url, 10, { 'x-goog-upload-protocol': 'multipart' })).status).toBe(400);
    expect((await start(emu.url, 2 * 1024 ** 3 + 1)).status).toBe(400);
    expect(
      (await send(`${emu.url}/upload/v1beta/files?upload_id=nope&upload_protocol=resumable`, 'query')).status,
    ).toBe(404);
  });

  it('needs the API key on the start request', async () => {
    const { emu } = await setup();
    const res = await fetch(`${emu.url}/upload/v1beta/files`, {
      method: 'POST',
      headers: { 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start' },
    });
    expect(res.status).toBe(403);
  });

  it('serves the HTTP control routes', async () => {
    const { emu } = await setup();
    const cfg = await fetch(`${emu.url}/__emulator/files/configure`, {
      method: 'POST',
      body: JSON.stringify({ chunkGranularity: 1024, keepBytes: false }),
    });
    expect(await cfg.json()).toMatchObject({
      chunkGranularity: 1024,
      keepBytes: false,
      missingFileStatus: 404,
    });
    await fetch(`${emu.url}/__emulator/files/cut`, { method: 'POST', body: JSON.stringify({ offset: 3 }) });
    const url = (await start(emu.url)).headers.get('x-goog-upload-url') ?? '';
    await expect(send(url, 'upload, finalize', 0, 'hello')).rejects.toThrow();
    expect((await send(url, 'query')).headers.get('x-goog-upload-size-received')).toBe('3');
    const fin = (await (await send(url, 'upload, finalize', 3, 'lo')).json()) as {
      file: { name: string; sizeBytes: string };
    };
    expect(fin.file.sizeBytes).toBe('5');
    expect(emu.control.files.bytes(fin.file.name)).toBeUndefined(); // keepBytes: false keeps only size and hash
    const listed = (await (await fetch(`${emu.url}/__emulator/files`)).json()) as { files: unknown[] };
    expect(listed.files).toHaveLength(1);
  });
});
