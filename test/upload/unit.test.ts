// Pure helpers of the upload, files and file-search areas, plus the secrets rule for upload errors.
import { describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { InvalidArgumentError } from '../../src/core/errors.js';
import { documentName, fileSearchTool, storeName, toCustomMetadata } from '../../src/file-search/index.js';
import { MAX_FILE_SIZE, fileName } from '../../src/files/index.js';
import { MAX_STORE_UPLOAD_SIZE } from '../../src/file-search/index.js';
import { isMimeType, mimeFromName, openSource, sessionUrlFor } from '../../src/upload/index.js';
import { Gemini } from '../../src/client.js';
import { bytes, pieces, setup } from './support.js';

describe('helpers', () => {
  it('size limits match the discovery maxSize', () => {
    const max = (id: string): number => Number(manifest.find((m) => m.id === id)?.upload?.maxSize);
    expect(MAX_FILE_SIZE).toBe(max('media.upload'));
    expect(MAX_STORE_UPLOAD_SIZE).toBe(max('media.uploadToFileSearchStore'));
  });

  it('names files from ids, names, objects and URIs', () => {
    expect(fileName('abc-1')).toBe('files/abc-1');
    expect(fileName('files/abc')).toBe('files/abc');
    expect(fileName({ name: 'files/x9' })).toBe('files/x9');
    expect(
      fileName({
        uri: 'https://generativelanguage.googleapis.com/v1beta/files/zqw12cp8qc38:download?alt=media',
      }),
    ).toBe('files/zqw12cp8qc38');
    expect(() => fileName('-bad')).toThrow(InvalidArgumentError);
    expect(() => fileName('files/UPPER')).toThrow(InvalidArgumentError);
    expect(storeName('s1')).toBe('fileSearchStores/s1');
    expect(() => documentName('fileSearchStores/s1')).toThrow(InvalidArgumentError);
    expect(fileSearchTool(['a', { name: 'fileSearchStores/b' }], { metadataFilter: 'k = "v"' })).toEqual({
      fileSearch: {
        fileSearchStoreNames: ['fileSearchStores/a', 'fileSearchStores/b'],
        metadataFilter: 'k = "v"',
      },
    });
  });

  it('guesses MIME types from extensions only', () => {
    expect(mimeFromName('a/b/Report.PDF')).toBe('application/pdf');
    expect(mimeFromName('clip.webm')).toBe('video/webm');
    expect(mimeFromName('README')).toBeUndefined();
    expect(isMimeType('text/plain; charset=utf-8')).toBe(true);
    expect(isMimeType('plain')).toBe(false);
  });

  it('converts custom metadata objects to the wire list', () => {
    expect(toCustomMetadata({ a: 'x', n: 2, l: ['p', 'q'] })).toEqual([
      { key: 'a', stringValue: 'x' },
      { key: 'n', numericValue: 2 },
      { key: 'l', stringListValue: { values: ['p', 'q'] } },
    ]);
    expect(() => toCustomMetadata({ bad: NaN })).toThrow(InvalidArgumentError);
    expect(toCustomMetadata(undefined)).toBeUndefined();
  });

  it('re-roots session URLs on the client origin and drops any key', () => {
    const raw =
      'https://generativelanguage.googleapis.com/upload/v1beta/files?key=SECRET&upload_id=U&upload_protocol=resumable';
    expect(sessionUrlFor(raw, 'https://generativelanguage.googleapis.com')).toBe(
      'https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=U&upload_protocol=resumable',
    );
    expect(sessionUrlFor(raw, 'http://127.0.0.1:9/proxy/')).toBe(
      'http://127.0.0.1:9/proxy/upload/v1beta/files?upload_id=U&upload_protocol=resumable',
    );
  });

  it('stream sources keep only what is not yet read past, and refuse to rewind', async () => {
    const data = bytes(100);
    const src = await openSource(pieces(data, 7));
    expect([...(await src.read(0, 10))]).toEqual([...data.subarray(0, 10)]);
    expect([...(await src.read(5, 10))]).toEqual([...data.subarray(5, 15)]);
    expect([...(await src.read(50, 100))]).toEqual([...data.subarray(50)]);
    await expect(src.read(10, 5)).rejects.toThrow(/cannot rewind/);
    await src.close();
  });
});

describe('secrets', () => {
  it('keeps the API key out of upload errors and session URLs', async () => {
    const { emu } = await setup();
    const key = 'sk-upload-secret-123';
    const client = new Gemini({ apiKey: key, baseUrl: emu.url, maxRetries: 0 });
    emu.control.files.configure({ chunkGranularity: 1024 });
    const err = await client.files
      .upload(bytes(4096), {
        mimeType: 'text/plain',
        chunkSize: 1024,
        maxRetries: 1,
        backoff: { baseDelay: 1 },
        onSession: () =>
          emu.control.faults.failNext(50, { methodId: 'media.upload', code: 500, message: `boom ${key}` }),
      })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('UploadError');
    const text = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''} ${JSON.stringify((err as Error).cause ?? {})}`;
    expect(text).not.toContain(key);
  });
});
