// WAV output: the header describes exactly the samples written, whatever way the stream ends.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUSIC_PCM_FORMAT } from '../../src/music/pcm.js';
import { WAV_HEADER_BYTES, wavHeader, writeWav } from '../../src/music/wav.js';
import { parseWav } from './wav-parse.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'music-wav-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function chunk(bytes: number, fill: number): Uint8Array {
  return new Uint8Array(bytes).fill(fill);
}

describe('wavHeader', () => {
  it('describes 48 kHz stereo 16-bit PCM', () => {
    const h = parseWav(Buffer.concat([wavHeader(400), Buffer.alloc(400)]));
    expect(h).toMatchObject({
      sampleRate: 48000,
      channels: 2,
      bitsPerSample: 16,
      byteRate: 192000,
      blockAlign: 4,
    });
    expect(h.dataBytes).toBe(400);
    expect(h.riffSize).toBe(436);
  });

  it('rejects sizes a WAV cannot hold', () => {
    expect(() => wavHeader(-1)).toThrow(/WAV data size/);
    expect(() => wavHeader(2 ** 32)).toThrow(/WAV data size/);
  });
});

describe('writeWav', () => {
  it('patches the header with the streamed length', async () => {
    const path = join(dir, 'a.wav');
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 5; i++) yield chunk(4000, i);
    }
    const summary = await writeWav(path, source());
    expect(summary).toEqual({ dataBytes: 20000, frames: 5000, durationMs: (5000 / 48000) * 1000 });
    const file = await readFile(path);
    const wav = parseWav(file);
    expect(wav.dataBytes).toBe(20000);
    expect(wav.frames).toBe(5000);
    expect(file.length).toBe(WAV_HEADER_BYTES + 20000);
    expect(file[WAV_HEADER_BYTES + 4000]).toBe(1); // chunks in order
  });

  it('stops at maxDurationMs on a frame boundary without reading further', async () => {
    const path = join(dir, 'b.wav');
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        pulled++;
        yield chunk(19200, 7); // 100 ms
      }
    }
    const summary = await writeWav(path, endless(), { maxDurationMs: 250 });
    expect(summary.frames).toBe(12000);
    expect(pulled).toBe(3);
    expect(parseWav(await readFile(path)).frames).toBe(12000);
  });

  it('drops a trailing partial frame and keeps the file valid after an error', async () => {
    const path = join(dir, 'c.wav');
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield chunk(10, 1); // 2.5 frames
      throw new Error('stream broke');
    }
    await expect(writeWav(path, broken())).rejects.toThrow('stream broke');
    const wav = parseWav(await readFile(path));
    expect(wav.dataBytes).toBe(8);
    expect(wav.frames).toBe(2);
  });

  it('honours an abort signal', async () => {
    const path = join(dir, 'd.wav');
    const ac = new AbortController();
    async function* source(): AsyncGenerator<Uint8Array> {
      yield chunk(400, 1);
      ac.abort(new Error('enough'));
      yield chunk(400, 2);
    }
    await expect(writeWav(path, source(), { signal: ac.signal })).rejects.toThrow('enough');
    expect(parseWav(await readFile(path)).dataBytes).toBe(400);
  });

  it('uses the format given', async () => {
    const path = join(dir, 'e.wav');
    const format = { ...MUSIC_PCM_FORMAT, channels: 1, sampleRate: 24000 };
    await writeWav(path, [chunk(100, 0)], { format });
    expect(parseWav(await readFile(path))).toMatchObject({ channels: 1, sampleRate: 24000, frames: 50 });
  });
});
