// Video generation end to end against the emulator: predictLongRunning in the recorded shapes, the
// operation polled on the shared poller with the fake clock, typed response, download of the videos.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, NotFoundError, TimeoutError } from '../../src/core/errors.js';
import { OperationError } from '../../src/operations/error.js';
import { generatedVideos } from '../../src/videos/index.js';
import { KEY, rejection, setup } from '../integration/helpers.js';

const VEO = 'veo-3.1-lite-generate-preview';
const frozen = { clock: { start: Date.parse('2026-04-01T00:00:00Z'), frozen: true } };

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('generateVideos', () => {
  it('starts, polls, resolves with typed videos and downloads them', async () => {
    const { emu, client } = await setup({}, frozen);
    // A long generation (the default is 1 s), so the poller sees several running answers.
    emu.control.videos.configure({ durationMs: 20_000 });
    const op = await client.models.generateVideos({
      model: VEO,
      prompt: 'a calm ocean wave at sunset',
      parameters: { durationSeconds: 4 },
    });
    // Recorded request and first answer: `{ instances: [{ prompt }], parameters }` → `{ name }`.
    expect(emu.control.requests.at(-1)).toMatchObject({
      path: `/v1beta/models/${VEO}:predictLongRunning`,
      body: { instances: [{ prompt: 'a calm ocean wave at sunset' }], parameters: { durationSeconds: 4 } },
    });
    expect(op.name).toMatch(new RegExp(`^models/${VEO}/operations/[a-z0-9]{12}$`));
    expect(op.resource).toEqual({ name: op.name });
    expect(op.done).toBe(false);

    const polls: boolean[] = [];
    const response = await op.wait({
      initialDelay: 1,
      maxDelay: 1,
      timeout: 10_000,
      onProgress: (o) => {
        polls.push(o.done);
        if (!o.done) expect(o.resource).toEqual({ name: op.name }); // running: no `done`, as recorded
        emu.control.clock.advance(5000);
      },
    });
    expect(polls.at(-1)).toBe(true);
    expect(polls.length).toBeGreaterThan(2);
    expect(response['@type' as keyof typeof response]).toContain('PredictLongRunningResponse');
    const [video] = generatedVideos(response);
    expect(video?.uri).toMatch(/\/v1beta\/files\/[a-z0-9]+:download\?alt=media$/);

    const bytes = await bytesOf(await client.videos.download(video!));
    expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
    expect(emu.control.requests.some((r) => r.path.startsWith('/download/v1beta/files/'))).toBe(true);
    const viaFiles = await bytesOf(await client.files.download({ uri: video!.uri! }));
    expect(viaFiles.equals(bytes)).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'veo-'));
    try {
      const n = await client.videos.downloadTo(video!, join(dir, 'wave.mp4'));
      expect(n).toBe(bytes.length);
      expect((await readFile(join(dir, 'wave.mp4'))).equals(bytes)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes one video per sample and sends images as base64', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.videos.configure({ durationMs: 0 });
    const op = await client.videos.generate({
      model: VEO,
      prompt: 'zoom out',
      image: { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' },
      parameters: { sampleCount: 2, aspectRatio: '9:16' },
    });
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      instances: [{ prompt: 'zoom out', image: { bytesBase64Encoded: 'AQID', mimeType: 'image/png' } }],
      parameters: { sampleCount: 2, aspectRatio: '9:16' },
    });
    const response = await op.wait({ initialDelay: 1 });
    const videos = generatedVideos(response);
    expect(videos).toHaveLength(2);
    expect(new Set(videos.map((v) => v.uri)).size).toBe(2);
  });

  it('surfaces a failed generation as a typed OperationError', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.videos.configure({ durationMs: 0 });
    emu.control.videos.failNext({ code: 3, message: 'The prompt could not be submitted.' });
    const op = await client.models.generateVideos({ model: VEO, prompt: 'forbidden' });
    const err = await rejection(op.wait({ initialDelay: 1 }));
    expect(err).toBeInstanceOf(OperationError);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', rpcCode: 3, operation: op.name });
    expect(op.done).toBe(true);
    expect(op.error?.message).toContain('The prompt could not be submitted.');
    expect(op.response).toBeUndefined();
  });

  it('resumes a wait from just the operation name', async () => {
    const { emu, client } = await setup({}, frozen);
    const { name } = await client.videos.generate({ model: VEO, prompt: 'x' });
    emu.control.clock.advance(60_000);
    const again = client.videos.resume(name);
    expect(again.done).toBe(false);
    const response = await again.wait({ initialDelay: 1 });
    expect(generatedVideos(response)).toHaveLength(1);
    const viaOperations = await client.operations.wait<typeof response>(name, { initialDelay: 1 });
    expect(generatedVideos(viaOperations)[0]?.uri).toBe(generatedVideos(response)[0]?.uri);
  });

  it('stops waiting on abort and on timeout', async () => {
    const { client } = await setup({}, frozen);
    const op = await client.videos.generate({ model: VEO, prompt: 'never ends' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    expect(await rejection(op.wait({ initialDelay: 5, signal: ac.signal }))).toBeInstanceOf(AbortError);
    expect(await rejection(op.wait({ initialDelay: 5, timeout: 30 }))).toBeInstanceOf(TimeoutError);
  });

  it('rejects bad input locally and unknown models remotely', async () => {
    const { emu, client } = await setup({}, frozen);
    for (const call of [
      () => client.videos.generate({ model: VEO }),
      () => client.videos.generate({ model: 'tunedModels/x', prompt: 'p' }),
      () => client.videos.generate({ model: VEO, prompt: 'p', parameters: { sampleCount: 0 } }),
      () => client.videos.generate({ model: VEO, image: { mimeType: 'image/png' } }),
    ]) {
      expect(await rejection(call())).toBeInstanceOf(InvalidArgumentError);
    }
    expect(() => client.videos.resume('batches/x')).toThrow(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
    expect(
      await rejection(client.videos.generate({ model: 'gemini-2.5-flash', prompt: 'p' })),
    ).toBeInstanceOf(NotFoundError);
  });

  it('answers the recorded wire shapes to raw HTTP', async () => {
    const { emu } = await setup({}, frozen);
    const post = await fetch(`${emu.url}/v1beta/models/${VEO}:predictLongRunning`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({
        instances: [{ prompt: 'a calm ocean wave at sunset' }],
        parameters: { durationSeconds: 4 },
      }),
    });
    const { name } = (await post.json()) as { name: string };
    const get = async (): Promise<Record<string, unknown>> =>
      (await (
        await fetch(`${emu.url}/v1beta/${name}`, { headers: { 'x-goog-api-key': KEY } })
      ).json()) as Record<string, unknown>;
    expect(await get()).toEqual({ name });
    emu.control.clock.advance(20_000);
    const done = await get();
    expect(Object.keys(done)).toEqual(['name', 'done', 'response']);
    expect(done['response']).toMatchObject({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
      generateVideoResponse: {
        generatedSamples: [{ video: { uri: expect.stringContaining(':download?alt=media') } }],
      },
    });
  });
});
