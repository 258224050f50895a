// Aborting an upload (prompt, session cancelled) and resuming one from its session URL in a new client.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Gemini } from '../../src/client.js';
import { AbortError } from '../../src/core/errors.js';
import { UploadError } from '../../src/upload/index.js';
import { FAST, bytes, pieces, setup, sha256, tempFile } from './support.js';

const G = 16 * 1024;

describe('abort', () => {
  it('aborts promptly mid-upload and cancels the session', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const ac = new AbortController();
    const data = bytes(40 * G);
    let t0 = 0;
    const p = client.files.upload(data, {
      mimeType: 'application/octet-stream',
      chunkSize: G,
      signal: ac.signal,
      onProgress: (e) => {
        if (e.bytesSent >= 4 * G && !ac.signal.aborted) {
          // The next chunk hangs on the server; abort while it is in flight.
          emu.control.faults.delayNext(10_000, { methodId: 'media.upload' });
          setTimeout(() => {
            t0 = Date.now();
            ac.abort(new Error('user cancelled'));
          }, 50);
        }
      },
    });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(Date.now() - t0).toBeLessThan(2500);
    const [session] = emu.control.files.sessions();
    expect(session?.status).toBe('cancelled');
    expect(session?.received).toBeLessThan(data.length);
    expect(emu.control.files.list()).toHaveLength(0);
  });

  it('rejects at once with an already-aborted signal, sending nothing', async () => {
    const { emu, client } = await setup();
    const ac = new AbortController();
    ac.abort();
    await expect(
      client.files.upload(bytes(10), { mimeType: 'text/plain', signal: ac.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(emu.control.requests).toHaveLength(0);
  });
});

describe('resume from the session URL', () => {
  it('continues an interrupted upload in a new client (file path)', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(10 * G + 5, 9);
    const path = tempFile(data);
    let saved = '';
    // The first process dies at byte ~3.5 chunks: every recovery attempt fails.
    emu.control.files.cutUploadAt(3 * G + 100);
    const err = await client.files
      .upload(path, {
        mimeType: 'application/octet-stream',
        chunkSize: G,
        maxRetries: 0,
        onSession: (url) => (saved = url),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).sessionUrl).toBe(saved);
    expect(saved).not.toMatch(/key=/);

    const fresh = new Gemini({ apiKey: 'test-key', baseUrl: emu.url });
    const progress: number[] = [];
    const file = await fresh.files.resumeUpload(saved, path, {
      chunkSize: G,
      onProgress: (p) => progress.push(p.bytesSent),
    });
    expect(progress[0]).toBe(3 * G + 100); // starts where the server stands
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });

  it('continues with a stream input by skipping what the server holds', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(6 * G, 11);
    emu.control.files.cutUploadAt(2 * G + 7);
    const err = (await client.files
      .upload(Readable.from(pieces(data, 999)), { mimeType: 'text/plain', chunkSize: G, maxRetries: 0 })
      .catch((e: unknown) => e)) as UploadError;
    const file = await client.files.resumeUpload(err.sessionUrl ?? '', Readable.from(pieces(data, 999)), {
      chunkSize: G,
      ...FAST,
    });
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });

  it('returns the file at once when the session already finished', async () => {
    const { emu, client } = await setup();
    let saved = '';
    const file = await client.files.upload(bytes(100), {
      mimeType: 'text/plain',
      onSession: (u) => (saved = u),
    });
    const again = await client.files.resumeUpload(saved, bytes(100));
    expect(again.name).toBe(file.name);
    expect(emu.control.files.list()).toHaveLength(1);
  });

  it('re-roots a session URL on the client origin (proxy, emulator)', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(3 * G, 12);
    emu.control.files.cutUploadAt(G + 1);
    const err = (await client.files
      .upload(data, { mimeType: 'application/octet-stream', chunkSize: G, maxRetries: 0 })
      .catch((e: unknown) => e)) as UploadError;
    const foreign = (err.sessionUrl ?? '').replace(
      /^http:\/\/[^/]+/,
      'https://generativelanguage.googleapis.com',
    );
    const file = await client.files.resumeUpload(foreign, data, { chunkSize: G });
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });
});
