// Recovery of the resumable uploader: connections cut at random byte offsets (property test), 5xx
// answers, timeouts, several cuts in one upload and a lost final answer. Every upload must store
// exactly the source bytes.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAST, bytes, pieces, setup, sha256, tempFile } from './support.js';

const SIZE = 256 * 1024;
const G = 16 * 1024;
const CHUNK = 64 * 1024;

describe('upload recovery', () => {
  it('stores the exact bytes whatever offset the connection is cut at (50 random offsets)', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(SIZE, 42);
    const digest = sha256(data);
    const path = tempFile(data);
    let cutsSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SIZE - 1 }),
        fc.constantFrom('path', 'buffer', 'stream'),
        async (offset, kind) => {
          emu.control.files.cutUploadAt(offset);
          const input =
            kind === 'path' ? path : kind === 'buffer' ? data : Readable.from(pieces(data, 10_000));
          const file = await client.files.upload(input, {
            mimeType: 'application/octet-stream',
            chunkSize: CHUNK,
            ...FAST,
          });
          const pending = (emu.control.files as unknown as { sessions(): unknown[] }).sessions().length;
          expect(pending).toBeGreaterThan(0);
          expect(file.sizeBytes).toBe(String(SIZE));
          expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(digest);
          const queries = emu.control.requests.filter(
            (r) => r.headers['x-goog-upload-command'] === 'query',
          ).length;
          expect(queries).toBeGreaterThan(cutsSeen); // the cut happened and was recovered with a query
          cutsSeen = queries;
        },
      ),
      { numRuns: 50 },
    );
  }, 30_000);

  it('recovers from several cuts in one upload, including inside the last chunk', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(SIZE, 3);
    for (const offset of [0, 5, G, CHUNK + 1, 2 * CHUNK - 1, SIZE - 1]) emu.control.files.cutUploadAt(offset);
    const file = await client.files.upload(Readable.from(pieces(data, 4096)), {
      mimeType: 'text/plain',
      chunkSize: CHUNK,
      ...FAST,
      maxRetries: 3,
    });
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });

  it('recovers from 5xx answers to a chunk', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(SIZE, 4);
    const file = await client.files.upload(data, {
      mimeType: 'application/octet-stream',
      chunkSize: CHUNK,
      ...FAST,
      onSession: () => emu.control.faults.failNext(2, { methodId: 'media.upload', code: 503 }),
    });
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });

  it('recovers from a chunk that times out', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(SIZE, 5);
    const file = await client.files.upload(data, {
      mimeType: 'application/octet-stream',
      chunkSize: CHUNK,
      timeout: 1000,
      ...FAST,
      onSession: () => emu.control.faults.delayNext(5000, { methodId: 'media.upload' }),
    });
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
  });

  it('gets the file through a query when the final answer is lost', async () => {
    const { emu, client } = await setup();
    const data = bytes(1000, 6);
    const file = await client.files.upload(data, {
      mimeType: 'application/octet-stream',
      ...FAST,
      onSession: () => emu.control.faults.cutNext(5, { methodId: 'media.upload' }),
    });
    expect(file.sizeBytes).toBe('1000');
    expect(emu.control.files.list()).toHaveLength(1);
  });

  it('gives up with UploadError (carrying the session URL) after maxRetries', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const err = await client.files
      .upload(bytes(SIZE), {
        mimeType: 'application/octet-stream',
        chunkSize: CHUNK,
        maxRetries: 2,
        ...FAST,
        onSession: () => emu.control.faults.failNext(10, { methodId: 'media.upload', code: 500 }),
      })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('UploadError');
    expect((err as { sessionUrl?: string }).sessionUrl).toMatch(/upload_id=/);
  });
});
