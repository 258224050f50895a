// Progress as the bytes go out (not only at chunk boundaries) and stopping an upload without
// cancelling its session, so it resumes later (what the CLI's Ctrl-C relies on).
import { describe, expect, it } from 'vitest';
import { Gemini } from '../../src/client.js';
import { UploadError, UploadStoppedError } from '../../src/upload/index.js';
import { bytes, setup, sha256, tempFile } from './support.js';

describe('upload progress', () => {
  it('reports a 20 MB upload as it goes out, not 4 times', async () => {
    const { emu, client } = await setup();
    const data = bytes(20 * 1024 * 1024, 3);
    const sent: number[] = [];
    const file = await client.files.upload(tempFile(data), {
      mimeType: 'application/octet-stream',
      onProgress: (p) => sent.push(p.bytesSent),
    });
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
    expect(sent.length).toBeGreaterThanOrEqual(60); // 256 KiB steps inside the 8 MiB chunks
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(data.length);
    const gaps = sent.slice(1).map((n, i) => n - sent[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(256 * 1024);
  }, 30_000);
});

describe('stopSignal', () => {
  it('stops without cancelling the session; the same bytes resume to an identical file', async () => {
    const { emu, client } = await setup();
    const G = 16 * 1024;
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(40 * G, 5);
    const path = tempFile(data);
    const stop = new AbortController();
    const err = await client.files
      .upload(path, {
        mimeType: 'application/octet-stream',
        chunkSize: G,
        stopSignal: stop.signal,
        onProgress: (p) => {
          if (p.bytesSent >= 10 * G) stop.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadStoppedError);
    expect(err).toBeInstanceOf(UploadError);
    const stopped = err as UploadStoppedError;
    expect(stopped.sessionUrl).toMatch(/upload_id=/);
    expect(stopped.bytesUploaded).toBeGreaterThanOrEqual(10 * G);
    const [session] = emu.control.files.sessions();
    expect(session?.status).toBe('active'); // not cancelled
    const resumed = await new Gemini({ apiKey: 'test-key', baseUrl: emu.url }).files.resumeUpload(
      stopped.sessionUrl!,
      path,
      { chunkSize: G },
    );
    expect(sha256(emu.control.files.bytes(resumed.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });

  it('stops before anything is sent when already stopped', async () => {
    const { emu, client } = await setup();
    const stop = new AbortController();
    stop.abort();
    const err = await client.files
      .upload(bytes(10), { mimeType: 'text/plain', stopSignal: stop.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadStoppedError);
    expect((err as UploadStoppedError).sessionUrl).toBeUndefined();
    expect(emu.control.requests).toHaveLength(0);
  });
});
