// Uploads from every input kind and the boundary sizes, checked byte for byte (sha256) on the emulator.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../src/upload/index.js';
import { bytes, pieces, setup, sha256, tempFile, webStream } from './support.js';

const G = 4096; // emulator chunk granularity
const CHUNK = 2 * G;

type Kind =
  | 'path'
  | 'buffer'
  | 'uint8array'
  | 'arraybuffer'
  | 'blob'
  | 'file'
  | 'web-stream'
  | 'node-readable'
  | 'fs-readstream'
  | 'async-iterable';
const KINDS: Kind[] = [
  'path',
  'buffer',
  'uint8array',
  'arraybuffer',
  'blob',
  'file',
  'web-stream',
  'node-readable',
  'fs-readstream',
  'async-iterable',
];

function inputOf(kind: Kind, data: Buffer): unknown {
  switch (kind) {
    case 'path':
      return tempFile(data);
    case 'buffer':
      return data;
    case 'uint8array':
      return new Uint8Array(data);
    case 'arraybuffer':
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
    case 'blob':
      return new Blob([new Uint8Array(data)]);
    case 'file':
      return new File([new Uint8Array(data)], 'x.bin');
    case 'web-stream':
      return webStream(data, 777);
    case 'node-readable':
      return Readable.from(pieces(data, 1234));
    case 'fs-readstream':
      return createReadStream(tempFile(data), { highWaterMark: 3000 });
    case 'async-iterable':
      return pieces(data, 5000);
  }
}

describe('files.upload inputs', () => {
  it.each(KINDS)('uploads a multi-chunk %s exactly', async (kind) => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(5 * CHUNK + 123, KINDS.indexOf(kind) + 1);
    const progress: UploadProgress[] = [];
    const file = await client.files.upload(inputOf(kind, data) as never, {
      mimeType: 'application/octet-stream',
      chunkSize: CHUNK,
      onProgress: (p) => progress.push(p),
    });
    expect(file.sizeBytes).toBe(String(data.length));
    expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(0))).toBe(sha256(data));
    const sent = progress.map((p) => p.bytesSent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.at(-1)).toBe(data.length);
    const knownSize = !['web-stream', 'node-readable', 'async-iterable'].includes(kind);
    expect(progress.at(-1)?.totalBytes).toBe(knownSize ? data.length : undefined);
    // Chunk requests: 6 for a known size; the stream of unknown size learns the end on the last one.
    const chunks = emu.control.requests.filter(
      (r) => r.query['upload_id'] && r.headers['x-goog-upload-command'] !== 'query',
    );
    expect(chunks.length).toBe(6);
    expect(chunks.at(-1)?.headers['x-goog-upload-command']).toBe('upload, finalize');
  });

  it.each([0, 1, CHUNK, CHUNK + 1])('uploads %i bytes from a path and from a stream', async (size) => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(size, size + 7);
    for (const input of [tempFile(data), Readable.from(pieces(data, 1000))]) {
      const file = await client.files.upload(input, { mimeType: 'text/plain', chunkSize: CHUNK });
      expect(file.sizeBytes).toBe(String(size));
      expect(sha256(emu.control.files.bytes(file.name ?? '') ?? Buffer.alloc(1))).toBe(sha256(data));
    }
  });

  it('sends the start request the way the protocol describes', async () => {
    const { emu, client } = await setup();
    const path = tempFile(Buffer.from('%PDF-1.4 hello'), 'report.pdf');
    const file = await client.files.upload(path, { displayName: 'Quarterly report', name: 'my-report-1' });
    expect(file).toMatchObject({
      name: 'files/my-report-1',
      displayName: 'Quarterly report',
      mimeType: 'application/pdf',
      state: 'ACTIVE',
      source: 'UPLOADED',
    });
    const start = emu.control.requests.find((r) => r.headers['x-goog-upload-command'] === 'start');
    expect(start?.path).toBe('/upload/v1beta/files');
    expect(start?.headers).toMatchObject({
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-header-content-length': '14',
      'x-goog-upload-header-content-type': 'application/pdf',
      'x-goog-upload-file-name': 'report.pdf',
    });
  });

  it('rounds the chunk size up to the server granularity', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ chunkGranularity: G });
    const data = bytes(3 * G);
    await client.files.upload(data, { mimeType: 'application/octet-stream', chunkSize: 1000 });
    const sizes = emu.control.requests
      .filter((r) => r.headers['x-goog-upload-command']?.startsWith('upload'))
      .map((r) => Number(r.headers['content-length']));
    expect(sizes).toEqual([G, G, G]);
  });
});
