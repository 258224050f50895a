// Bad input fails early with a typed error, before any byte is sent.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.js';
import { FileTooLargeError, UploadError } from '../../src/upload/index.js';
import { bytes, pieces, setup, tempDir, tempFile } from './support.js';

/** A sparse file of `size` bytes (no disk space used). */
async function sparse(size: number, name: string): Promise<string> {
  const p = join(tempDir(), name);
  const h = await open(p, 'w');
  await h.truncate(size);
  await h.close();
  return p;
}

describe('early upload errors', () => {
  it('needs a MIME type: explicit, from the extension, or from the Blob', async () => {
    const { emu, client } = await setup();
    await expect(client.files.upload(Buffer.from('x'))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.files.upload(tempFile(bytes(3), 'noext'))).rejects.toThrow(/MIME type/);
    await expect(client.files.upload(Buffer.from('x'), { mimeType: 'not a type' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(emu.control.requests).toHaveLength(0);
    const fromExt = await client.files.upload(tempFile(bytes(3), 'clip.MP4'));
    expect(fromExt.mimeType).toBe('video/mp4');
    const fromBlob = await client.files.upload(new Blob(['hi'], { type: 'text/csv' }));
    expect(fromBlob.mimeType).toBe('text/csv');
    const fromDisplayName = await client.files.upload(Buffer.from('{}'), { displayName: 'data.json' });
    expect(fromDisplayName.mimeType).toBe('application/json');
  });

  it('refuses files over the documented size limits before sending', async () => {
    const { emu, client } = await setup();
    const big = await sparse(2 * 1024 ** 3 + 1, 'big.mp4');
    const e = await client.files.upload(big).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect((e as FileTooLargeError).limit).toBe(2 * 1024 ** 3);
    const store = await sparse(100 * 1024 * 1024 + 1, 'big.txt');
    await expect(client.fileSearchStores.uploadToFileSearchStore('s1', store)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(emu.control.requests).toHaveLength(0);
  });

  it('rejects bad paths, names, chunk sizes and stream sizes', async () => {
    const { emu, client } = await setup();
    await expect(client.files.upload('/no/such/file.txt')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.files.upload(tempDir(), { mimeType: 'text/plain' })).rejects.toThrow(/not a file/);
    await expect(
      client.files.upload(bytes(3), { mimeType: 'text/plain', name: 'Bad Name' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      client.files.upload(bytes(3), { mimeType: 'text/plain', sizeBytes: -1 }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.files.upload(42 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      client.files.upload(bytes(3), { mimeType: 'text/plain', chunkSize: 0 }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
  });

  it('fails when a stream is longer than its declared size', async () => {
    const { client } = await setup();
    const e = await client.files
      .upload(pieces(bytes(40), 7), { mimeType: 'text/plain', sizeBytes: 20, chunkSize: 16 })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect((e as Error).message).toMatch(/longer than its declared size/);
  });

  it('fails when a stream ends before its declared size', async () => {
    const { client } = await setup();
    async function* short(): AsyncGenerator<Uint8Array> {
      yield bytes(10);
    }
    const e = await client.files
      .upload(short(), { mimeType: 'text/plain', sizeBytes: 20 })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect((e as Error).message).toMatch(/ended at byte 10/);
  });
});
