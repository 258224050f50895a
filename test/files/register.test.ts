// files.register (`POST /v1beta/files:register`) against the emulator through the generated stub and
// the client's transport: registered Cloud Storage objects become ACTIVE REGISTERED files that
// files.get/list/delete and generateContent accept; a bad URI fails the whole call and registers
// nothing. Most cases call the generated stub (to reach the emulator's checks); the last block goes
// through `client.files.register`, which checks each URI's shape before sending.
import { describe, expect, it } from 'vitest';
import * as files from '../../generated/methods/files.js';
import type { File } from '../../generated/types/File.js';
import { ApiError, BadRequestError, InvalidArgumentError, NotFoundError } from '../../src/core/errors.js';
import { collect, rejection } from '../integration/helpers.js';
import { setup } from '../upload/support.js';

const T0 = Date.parse('2026-04-01T00:00:00Z');
const frozen = { clock: { start: T0, frozen: true } };
const FILE_NAME = /^files\/[a-z0-9]{12}$/;

/** Asserts a 400 INVALID_ARGUMENT google.rpc body and returns the error. */
function invalid(err: unknown): ApiError {
  expect(err).toBeInstanceOf(BadRequestError);
  const e = err as ApiError;
  expect(e.status).toBe(400);
  expect(e.code).toBe('INVALID_ARGUMENT');
  expect((e.body as { error: unknown }).error).toEqual({
    code: 400,
    message: e.message,
    status: 'INVALID_ARGUMENT',
  });
  return e;
}

describe('files.register', () => {
  it('registers each gs:// URI as an ACTIVE REGISTERED file, MIME type from the extension', async () => {
    const { client } = await setup(frozen);
    const res = await files.register(
      client.transport,
      {},
      { uris: ['gs://my-bucket/docs/report.pdf', 'gs://my-bucket/img/Cat.JPG', 'gs://my.bucket_2/blob'] },
    );
    expect(res.files).toHaveLength(3);
    const [pdf, jpg, blob] = res.files as [File, File, File];
    expect(pdf).toEqual({
      name: expect.stringMatching(FILE_NAME),
      mimeType: 'application/pdf',
      createTime: '2026-04-01T00:00:00.000000000Z',
      updateTime: '2026-04-01T00:00:00.000000000Z',
      expirationTime: '2026-04-03T00:00:00.000000000Z',
      uri: `https://generativelanguage.googleapis.com/v1beta/${pdf.name}`,
      state: 'ACTIVE',
      source: 'REGISTERED',
    });
    // No byte is read: no size, no hash.
    expect(pdf).not.toHaveProperty('sizeBytes');
    expect(pdf).not.toHaveProperty('sha256Hash');
    expect(pdf).not.toHaveProperty('downloadUri');
    expect(jpg).toMatchObject({ mimeType: 'image/jpeg', state: 'ACTIVE', source: 'REGISTERED' });
    expect(blob).toMatchObject({
      mimeType: 'application/octet-stream',
      state: 'ACTIVE',
      source: 'REGISTERED',
    });
    expect(new Set([pdf.name, jpg.name, blob.name]).size).toBe(3);
    // Only generated files download; the refusal says what this one is.
    const refused = invalid(await rejection(files.download(client.transport, { name: pdf.name! })));
    expect(refused.message).toBe(`Only generated files can be downloaded; ${pdf.name} was registered.`);
  });

  it('maps the extensions Gemini reads', async () => {
    const { client } = await setup();
    const cases: Record<string, string> = {
      'a.txt': 'text/plain',
      'a.md': 'text/markdown',
      'a.html': 'text/html',
      'a.csv': 'text/csv',
      'a.json': 'application/json',
      'a.png': 'image/png',
      'a.jpeg': 'image/jpeg',
      'a.webp': 'image/webp',
      'a.heic': 'image/heic',
      'a.heif': 'image/heif',
      'a.mp3': 'audio/mp3',
      'a.wav': 'audio/wav',
      'a.flac': 'audio/flac',
      'a.ogg': 'audio/ogg',
      'a.aac': 'audio/aac',
      'a.mp4': 'video/mp4',
      'a.mov': 'video/mov',
      'a.webm': 'video/webm',
      'a.mpeg': 'video/mpeg',
      'a.tar.gz': 'application/octet-stream',
      'dir.v2/noext': 'application/octet-stream',
    };
    const objects = Object.keys(cases);
    const res = await files.register(client.transport, {}, { uris: objects.map((o) => `gs://bucket/${o}`) });
    expect(res.files?.map((f) => f.mimeType)).toEqual(Object.values(cases));
    expect(res.files?.every((f) => f.state === 'ACTIVE' && f.source === 'REGISTERED')).toBe(true);
  });

  it('registered files are listed, read and deleted like uploaded ones, and expire after 48 h', async () => {
    const { emu, client } = await setup(frozen);
    const uploaded = await client.files.upload(Buffer.from('hello'), { mimeType: 'text/plain' });
    emu.control.clock.advance(1000);
    const res = await files.register(client.transport, {}, { uris: ['gs://b-1/x.png', 'gs://b-1/y.mp3'] });
    const [png, mp3] = res.files as [File, File];

    expect(await client.files.get(png.name!)).toEqual(png);
    const listed = await collect(client.files.list({ pageSize: 2 }));
    expect(listed.map((f) => f.name)).toEqual([mp3.name, png.name, uploaded.name]); // newest first
    expect(listed[0]).toEqual(mp3);

    await client.files.delete(png.name!);
    await expect(client.files.get(png.name!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.files.delete(png.name!)).rejects.toBeInstanceOf(NotFoundError);
    expect((await collect(client.files.list())).map((f) => f.name)).toEqual([mp3.name, uploaded.name]);

    emu.control.clock.advance(48 * 3600 * 1000);
    await expect(client.files.get(mp3.name!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a registered file can be used as fileData in generateContent', async () => {
    const { client } = await setup();
    const res = await files.register(client.transport, {}, { uris: ['gs://media-bucket/photos/cat.png'] });
    const file = res.files![0]!;
    const reply = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [
        {
          role: 'user',
          parts: [{ fileData: { fileUri: file.uri!, mimeType: file.mimeType! } }, { text: 'Describe this' }],
        },
      ],
    });
    expect(reply.text).toBe('Echo: Describe this');
    // The image part is counted at the fixed image cost, the text per word.
    expect(reply.usageMetadata?.promptTokenCount).toBe(258 + 2);
    expect(reply.usageMetadata?.promptTokensDetails).toEqual(
      expect.arrayContaining([
        { modality: 'IMAGE', tokenCount: 258 },
        { modality: 'TEXT', tokenCount: 2 },
      ]),
    );
  });

  it('one bad URI fails the whole call with 400 and registers nothing', async () => {
    const { emu, client } = await setup();
    const t = client.transport;
    const good = 'gs://good-bucket/ok.pdf';
    const cases: Array<[string, number]> = [
      ['http://good-bucket/ok.pdf', 1],
      ['https://storage.googleapis.com/good-bucket/ok.pdf', 0],
      ['gs://good-bucket', 1], // no object
      ['gs://good-bucket/', 1], // empty object
      ['gs://Bad_Bucket/ok.pdf', 1], // upper case
      ['gs://ab/ok.pdf', 0], // bucket names have at least 3 characters
      ['gs://-bucket/ok.pdf', 1], // must start with a letter or digit
      ['gs://bucket-/ok.pdf', 0], // and end with one
      ['s3://good-bucket/ok.pdf', 1],
      ['', 1],
    ];
    for (const [uri, at] of cases) {
      const uris = at === 0 ? [uri, good] : [good, uri];
      const err = invalid(await rejection(files.register(t, {}, { uris })));
      expect(err.message).toBe(
        `* RegisterFilesRequest.uris[${at}]: ${JSON.stringify(uri)} is not a Google Cloud Storage URI (gs://bucket/object).\n`,
      );
    }
    expect(await files.list(t, {})).toEqual({});
    expect(emu.control.requests.filter((r) => r.methodId === 'files.register')).toHaveLength(cases.length);
  });

  it('an empty or missing list is 400 "uris is not specified"', async () => {
    const { client } = await setup();
    const t = client.transport;
    for (const body of [{ uris: [] }, {}]) {
      const err = invalid(await rejection(files.register(t, {}, body)));
      expect(err.message).toBe('* RegisterFilesRequest.uris: uris is not specified\n');
    }
    const wrongType = await rejection(files.register(t, {}, { uris: [42] } as unknown as { uris: string[] }));
    expect(wrongType).toBeInstanceOf(BadRequestError);
    const unknown = await rejection(
      files.register(t, {}, { urls: ['gs://b-1/x'] } as unknown as { uris: string[] }),
    );
    expect((unknown as ApiError).message).toContain('Unknown name "urls"');
    expect(await files.list(t, {})).toEqual({});
  });

  it('client.files.register: one or many URIs, files in order; malformed URIs refused before sending', async () => {
    const { emu, client } = await setup();
    const [one] = await client.files.register('gs://my-bucket/a.pdf');
    expect(one).toMatchObject({ mimeType: 'application/pdf', state: 'ACTIVE', source: 'REGISTERED' });
    const two = await client.files.register(['gs://my-bucket/b.png', 'gs://my-bucket/c.txt']);
    expect(two.map((f) => f.mimeType)).toEqual(['image/png', 'text/plain']);
    expect((await client.files.get(two[0]!.name!)).source).toBe('REGISTERED');

    const before = emu.control.requests.length;
    for (const bad of [[], 'http://my-bucket/a.pdf', ['gs://my-bucket/a.pdf', 'gs://my-bucket'], [42]]) {
      const err = await rejection(client.files.register(bad as string[]));
      expect(err, JSON.stringify(bad)).toBeInstanceOf(InvalidArgumentError);
    }
    expect(emu.control.requests.length).toBe(before);
    // A shape the client lets through but the service refuses (upper-case bucket) is the service's 400.
    invalid(await rejection(client.files.register('gs://Bad_Bucket/a.pdf')));
  });
});
