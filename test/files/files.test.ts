// files.get / list / delete / waitUntilActive / download and generatedFiles.list against the emulator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidArgumentError, NotFoundError, TimeoutError } from '../../src/core/errors.js';
import { OperationError } from '../../src/operations/index.js';
import { bytes, setup, sha256, tempDir } from '../upload/support.js';

const quick = { initialDelay: 5, maxDelay: 20 };

describe('files metadata', () => {
  it('gets, lists across pages and deletes (then 404)', async () => {
    const { client } = await setup();
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = await client.files.upload(Buffer.from(`file ${i}`), {
        mimeType: 'text/plain',
        displayName: `f${i}`,
      });
      names.push(f.name ?? '');
    }
    const got = await client.files.get(names[0] ?? '');
    expect(got).toMatchObject({
      name: names[0],
      displayName: 'f0',
      mimeType: 'text/plain',
      sizeBytes: '6',
      state: 'ACTIVE',
    });
    expect(got.sha256Hash).toBe(Buffer.from(sha256(Buffer.from('file 0'))).toString('base64'));
    expect(await client.files.get(got)).toEqual(got);
    expect(await client.files.get(`https://generativelanguage.googleapis.com/v1beta/${got.name}`)).toEqual(
      got,
    );

    const first = await client.files.list({ pageSize: 2 });
    expect(first.files).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const all: string[] = [];
    for await (const f of client.files.list({ pageSize: 2 })) all.push(f.name ?? '');
    expect(all).toEqual([...names].reverse()); // newest first

    await client.files.delete(names[0] ?? '');
    const e = await client.files.get(names[0] ?? '').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    await expect(client.files.delete(names[0] ?? '')).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.files.get('Not A Name')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('expires files after 48 hours of emulated time', async () => {
    const { emu, client } = await setup();
    const f = await client.files.upload(Buffer.from('x'), { mimeType: 'text/plain' });
    emu.control.clock.advance(48 * 3600 * 1000);
    await expect(client.files.get(f.name ?? '')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('files.waitUntilActive', () => {
  it('polls a video from PROCESSING to ACTIVE', async () => {
    const { emu, client } = await setup({ clock: { frozen: true } });
    const f = await client.files.upload(bytes(100), { mimeType: 'video/mp4' });
    expect(f.state).toBe('PROCESSING');
    const states: string[] = [];
    const p = client.files.waitUntilActive(f, { ...quick, onPoll: (x) => states.push(x.state ?? '') });
    setTimeout(() => emu.control.clock.advance(2000), 60);
    const active = await p;
    expect(active.state).toBe('ACTIVE');
    expect(states[0]).toBe('PROCESSING');
    expect(states.at(-1)).toBe('ACTIVE');
  });

  it('rejects with OperationError when processing FAILED', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ processingDelayMs: 60_000 });
    const f = await client.files.upload(bytes(10), { mimeType: 'audio/wav' });
    setTimeout(
      () => emu.control.files.setState(f.name ?? '', 'FAILED', { code: 3, message: 'unsupported codec' }),
      30,
    );
    const e = await client.files.waitUntilActive(f.name ?? '', quick).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OperationError);
    expect((e as OperationError).code).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).toMatch(/unsupported codec/);
  });

  it('times out with TimeoutError', async () => {
    const { emu, client } = await setup();
    emu.control.files.configure({ processingDelayMs: 60_000 });
    const f = await client.files.upload(bytes(10), { mimeType: 'text/plain' });
    const t0 = Date.now();
    await expect(client.files.waitUntilActive(f, { ...quick, timeout: 150 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});

describe('files.download', () => {
  it('streams a generated file through the 302 to a path, a web stream and a Node writable', async () => {
    const { emu, client } = await setup();
    const video = bytes(300_000, 77);
    const f = emu.control.files.create({ bytes: video, mimeType: 'video/mp4' });
    const name = String(f['name']);

    const path = join(tempDir(), 'out.mp4');
    expect(await client.files.downloadTo(name, path)).toBe(video.length);
    expect(sha256(readFileSync(path))).toBe(sha256(video));

    const parts: Uint8Array[] = [];
    const sink = new WritableStream<Uint8Array>({ write: (c) => void parts.push(c) });
    expect(
      await client.files.downloadTo(
        { uri: `https://generativelanguage.googleapis.com/v1beta/${name}:download?alt=media` },
        sink,
      ),
    ).toBe(video.length);
    expect(sha256(Buffer.concat(parts))).toBe(sha256(video));

    const nodeParts: Buffer[] = [];
    const nodeSink = new Writable({ write: (c: Buffer, _e, cb) => (nodeParts.push(c), cb()) });
    await client.files.downloadTo(name, nodeSink);
    expect(sha256(Buffer.concat(nodeParts))).toBe(sha256(video));

    const stream = await client.files.download(name);
    let n = 0;
    for await (const c of stream as unknown as AsyncIterable<Uint8Array>) n += c.length;
    expect(n).toBe(video.length);
    const paths = emu.control.requests.map((r) => r.path);
    expect(paths).toContain(`/v1beta/${name}:download`);
    expect(paths).toContain(`/download/v1beta/${name}:download`);
  });

  it('refuses to download an uploaded file', async () => {
    const { client } = await setup();
    const f = await client.files.upload(Buffer.from('x'), { mimeType: 'text/plain' });
    await expect(client.files.download(f)).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('generatedFiles', () => {
  it('lists (empty on a fresh emulator)', async () => {
    const { client } = await setup();
    const page = await client.generatedFiles.list();
    expect(page.generatedFiles ?? []).toEqual([]);
    const all = [];
    for await (const g of client.generatedFiles.list()) all.push(g);
    expect(all).toEqual([]);
  });
});
