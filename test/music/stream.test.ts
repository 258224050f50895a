// Prompts → audio, config changes heard in the audio, playback controls, filtered prompts, warnings,
// WAV output and backpressure, all through `client.live.music` against the emulator.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveMusicFilteredPrompt } from '../../generated/types/LiveMusicFilteredPrompt.js';
import type { LiveMusicServerMessage } from '../../generated/types/LiveMusicServerMessage.js';
import type { PcmChunk } from '../../src/music/pcm.js';
import { writeWav } from '../../src/music/wav.js';
import {
  connect,
  FRAME,
  frequencyOf,
  leftSamples,
  peakOf,
  readAudio,
  setup,
  toneDeviation,
} from './helpers.js';
import { parseWav } from './wav-parse.js';

const C4 = 261.63;
const A4 = 440;
const near = (hz: number, want: number): boolean => Math.abs(hz - want) / want < 0.02;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'music-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('audio', () => {
  it('flows after prompts and play: 48 kHz stereo 16-bit chunks with their source metadata', async () => {
    const { client } = await setup({ chunkMs: 100 });
    const session = await connect(client);
    const events: PcmChunk[] = [];
    session.on('audio', (c) => events.push(c));
    session.setWeightedPrompts([{ text: 'minimal techno', weight: 1 }]);
    session.play();
    const chunks: Uint8Array[] = [];
    for await (const pcm of session.audio()) {
      chunks.push(pcm);
      if (chunks.length === 3) break;
    }
    for (const pcm of chunks) expect(pcm.byteLength).toBe(4800 * FRAME); // 100 ms at 48 kHz stereo s16
    // The event and the stream share one decoding per chunk.
    expect(events[0]?.data).toBe(chunks[0]);
    expect(events[0]?.mimeType).toBe('audio/l16;rate=48000;channels=2');
    expect(events[0]?.sourceMetadata?.clientContent?.weightedPrompts).toEqual([
      { text: 'minimal techno', weight: 1 },
    ]);
    expect(near(frequencyOf(Buffer.concat(chunks)), C4)).toBe(true);
    // Stereo: both channels carry the tone.
    const view = Buffer.from(chunks[0]!);
    expect(view.readInt16LE(400)).toBe(view.readInt16LE(402));
  });

  it('waits for prompts before generating', async () => {
    const { emu, client } = await setup();
    const session = await connect(client);
    session.play();
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.playback).toBe('playing'));
    expect(emu.control.music.sessions[0]?.chunksSent).toBe(0);
    session.setWeightedPrompts([{ text: 'late prompt', weight: 1 }]);
    expect((await readAudio(session, 1)).chunks).toHaveLength(1);
  });
});

describe('config', () => {
  it('density applies at once; bpm and scale only after a context reset', async () => {
    const { emu, client } = await setup({ chunkMs: 100 });
    const session = await connect(client);
    session.setWeightedPrompts([{ text: 'tone', weight: 1 }]);
    session.setMusicGenerationConfig({ bpm: 120, density: 0.5 });
    session.play();
    const before = Buffer.concat((await readAudio(session, 2)).chunks);
    expect(near(frequencyOf(before), C4)).toBe(true);
    expect(peakOf(before)).toBeCloseTo(0.35, 2);

    // Mid-stream: density changes the level right away; bpm 60 waits for resetContext.
    session.setMusicGenerationConfig({ bpm: 60, density: 1 });
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.config).toEqual({ bpm: 60, density: 1 }));
    emu.control.music.warn('after config');
    await readUntilWarning(session);
    const louder = Buffer.concat((await readAudio(session, 2)).chunks);
    expect(peakOf(louder)).toBeCloseTo(0.6, 2);
    expect(near(frequencyOf(louder), C4)).toBe(true);

    session.resetContext();
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.context.bpm).toBe(60));
    emu.control.music.warn('after reset');
    await readUntilWarning(session);
    const slower = Buffer.concat((await readAudio(session, 2)).chunks);
    expect(near(frequencyOf(slower), C4 / 2)).toBe(true); // pitch follows bpm: 60/120 of the root

    session.setMusicGenerationConfig({ bpm: 120, scale: 'A_MAJOR_G_FLAT_MINOR' });
    session.resetContext();
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.context.scale).toBe('A_MAJOR_G_FLAT_MINOR'));
    emu.control.music.warn('after scale');
    await readUntilWarning(session);
    const { chunks } = await readAudio(session, 2);
    expect(near(frequencyOf(Buffer.concat(chunks)), A4)).toBe(true);
  });

  it('sourceMetadata shows the config in force', async () => {
    const { client } = await setup();
    const session = await connect(client);
    session.setWeightedPrompts([{ text: 'x', weight: 1 }]);
    session.setMusicGenerationConfig({
      bpm: 90,
      brightness: 0.3,
      muteDrums: true,
      musicGenerationMode: 'DIVERSITY',
    });
    const metadata: unknown[] = [];
    session.on('audio', (c) => metadata.push(c.sourceMetadata?.musicGenerationConfig));
    session.play();
    await readAudio(session, 1);
    expect(metadata[0]).toEqual({
      bpm: 90,
      brightness: 0.3,
      muteDrums: true,
      musicGenerationMode: 'DIVERSITY',
    });
  });
});

/** Reads until the next `warning` message; returns the audio chunks that came first. */
async function readUntilWarning(session: AsyncIterable<LiveMusicServerMessage>): Promise<Buffer[]> {
  const audio: Buffer[] = [];
  for await (const m of session) {
    if (m.warning !== undefined) return audio;
    for (const c of m.serverContent?.audioChunks ?? []) audio.push(Buffer.from(c.data ?? '', 'base64'));
  }
  throw new Error('session ended before the warning');
}

describe('playback', () => {
  it('pause stops the chunks, play resumes from the same position, stop restarts', async () => {
    const { emu, client } = await setup({ chunkMs: 20, intervalMs: 1 });
    const session = await connect(client);
    session.setWeightedPrompts([{ text: 'x', weight: 1 }]);
    session.play();
    const before = (await readAudio(session, 3)).chunks;
    session.pause();
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.playback).toBe('paused'));
    const sent = emu.control.music.sessions[0]!.chunksSent;
    // While paused nothing is generated (50 intervals' worth of waiting).
    await new Promise((r) => setTimeout(r, 50));
    expect(emu.control.music.sessions[0]!.chunksSent).toBe(sent);
    // Everything sent before the pause arrives, then nothing until the marker.
    emu.control.music.warn('paused');
    const queued = await readUntilWarning(session);
    expect(before.length + queued.length).toBe(sent);

    session.play();
    const resumed = (await readAudio(session, 2)).chunks;
    // Resuming continues the waveform where it paused: one unbroken tone from the first sample.
    expect(toneDeviation(Buffer.concat([...before, ...queued, ...resumed]), C4, 0.35)).toBeLessThanOrEqual(2);

    session.stop();
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.playback).toBe('stopped'));
    emu.control.music.warn('stopped');
    await readUntilWarning(session);
    session.play();
    const restarted = (await readAudio(session, 1)).chunks;
    expect(leftSamples(restarted[0]!)[0]).toBe(0); // a new context starts the tone at phase 0
  });
});

describe('notices', () => {
  it('surfaces filtered prompts and warnings as typed events; generation goes on with the rest', async () => {
    const { emu, client } = await setup();
    emu.control.music.filterPrompt('famous artist', 'Prompt mentions an artist.');
    const session = await connect(client);
    const filtered: LiveMusicFilteredPrompt[] = [];
    const warnings: string[] = [];
    session.on('filteredPrompt', (p) => filtered.push(p));
    session.on('warning', (w) => warnings.push(w));
    session.setWeightedPrompts([
      { text: 'in the style of a Famous Artist', weight: 1 },
      { text: 'lofi', weight: 1 },
    ]);
    session.play();
    const { others } = await readAudio(session, 1);
    expect(filtered).toEqual([
      { text: 'in the style of a Famous Artist', filteredReason: 'Prompt mentions an artist.' },
    ]);
    expect(others).toContainEqual({ filteredPrompt: filtered[0] });
    expect(emu.control.music.sessions[0]?.prompts).toEqual([{ text: 'lofi', weight: 1 }]);
    expect(emu.control.music.warn('Model is overloaded; quality may drop.')).toBe(1);
    await vi.waitFor(() => expect(warnings).toEqual(['Model is overloaded; quality may drop.']));
  });
});

describe('WAV output', () => {
  it('writes a valid file whose header matches the streamed samples', async () => {
    const { client } = await setup({ chunkMs: 120 });
    const session = await connect(client);
    session.setWeightedPrompts([{ text: 'x', weight: 1 }]);
    session.play();
    const path = join(dir, 'session.wav');
    const summary = await writeWav(path, session.audio(), { maxDurationMs: 1000 });
    session.stop();
    expect(summary).toEqual({ dataBytes: 48000 * FRAME, frames: 48000, durationMs: 1000 });
    const wav = parseWav(await readFile(path));
    expect(wav).toMatchObject({ sampleRate: 48000, channels: 2, bitsPerSample: 16, frames: 48000 });
    expect(near(frequencyOf(wav.data), C4)).toBe(true);
    // The session is still open after the WAV stream ended (break does not close it).
    expect(session.state).toBe('open');
  });
});

describe('backpressure', () => {
  it('a stalled reader stops generation, a slow one slows it; nothing is lost', async () => {
    const { emu, client } = await setup({ chunkMs: 500, intervalMs: 0 });
    const session = await connect(client, { queue: { capacity: 4 } });
    const dropped: unknown[] = [];
    session.on('dropped', (m) => dropped.push(m));
    const it = session[Symbol.asyncIterator]();
    await it.next(); // setupComplete: the iterator is now the reader
    session.setWeightedPrompts([{ text: 'x', weight: 1 }]);
    session.play();
    // Not reading: the client stops reading the socket, TCP fills up, the emulator waits.
    await vi.waitFor(() => expect(emu.control.music.sessions[0]?.backpressureWaits).toBeGreaterThan(0), {
      timeout: 15_000,
      interval: 20,
    });
    const stalledAt = emu.control.music.sessions[0]!.chunksSent;
    await new Promise((r) => setTimeout(r, 100));
    expect(emu.control.music.sessions[0]!.chunksSent).toBe(stalledAt);
    expect(session.queued).toBeLessThanOrEqual(8);

    // A slow reader now: generation follows it, never more than the buffers' worth ahead, and every
    // chunk arrives, in order, none dropped.
    const chunks: Buffer[] = [];
    let received = 0;
    let maxLead = 0;
    while (received < stalledAt + 8) {
      const r = await it.next();
      if (r.done) throw new Error('ended');
      for (const c of r.value.serverContent?.audioChunks ?? []) {
        received++;
        chunks.push(Buffer.from(c.data ?? '', 'base64'));
      }
      if (received % 4 === 0) await new Promise((r) => setTimeout(r, 5));
      maxLead = Math.max(maxLead, emu.control.music.sessions[0]!.chunksSent - received);
    }
    expect(maxLead).toBeLessThanOrEqual(stalledAt + 2);
    expect(dropped).toEqual([]);
    const all = Buffer.concat(chunks);
    expect(all.byteLength).toBe(received * 24000 * FRAME);
    // One unbroken tone across every chunk boundary: no chunk lost, repeated or reordered.
    expect(toneDeviation(all, C4, 0.35)).toBeLessThanOrEqual(2);
    await it.return?.();
  });
});
