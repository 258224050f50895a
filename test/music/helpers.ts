/**
 * Shared setup of the Live Music tests: an emulator per test (closed afterwards) with a fast chunk
 * cadence, a client for it, a raw WebSocket for protocol tests, and PCM analysis of the test tone.
 */
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { Gemini } from '../../src/client.js';
import type { LiveMusicServerMessage } from '../../generated/types/LiveMusicServerMessage.js';
import type { LiveMusicSession } from '../../src/music/session.js';

const running: RunningEmulator[] = [];
const sessions: LiveMusicSession[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** The key the tests send. */
export const KEY = 'music-test-key-0123456789';
/** The Lyria model of the emulator's catalog. */
export const MODEL = 'models/lyria-realtime-exp';
/** Bytes per stereo 16-bit frame. */
export const FRAME = 4;

/** An emulator (50 ms chunks every 2 ms by default) and a client for it. */
export async function setup(
  cadence: { chunkMs?: number; intervalMs?: number } = {},
  options: EmulatorOptions = {},
): Promise<{ emu: RunningEmulator; client: Gemini }> {
  const emu = await startEmulator({ port: 0, ...options });
  running.push(emu);
  emu.control.music.configure({ chunkMs: 50, intervalMs: 2, ...cadence });
  return { emu, client: new Gemini({ apiKey: KEY, baseUrl: emu.url }) };
}

/** Connects a music session that is closed after the test. */
export async function connect(
  client: Gemini,
  params: Parameters<Gemini['live']['music']['connect']>[0] = {},
) {
  const session = await client.live.music.connect({ model: MODEL, ...params });
  sessions.push(session);
  return session;
}

/** Reads messages until `n` audio chunks arrived; returns their PCM (and the other messages seen). */
export async function readAudio(
  session: AsyncIterable<LiveMusicServerMessage>,
  n: number,
): Promise<{ chunks: Buffer[]; others: LiveMusicServerMessage[] }> {
  const chunks: Buffer[] = [];
  const others: LiveMusicServerMessage[] = [];
  for await (const m of session) {
    const audio = m.serverContent?.audioChunks ?? [];
    if (audio.length === 0) others.push(m);
    for (const c of audio) chunks.push(Buffer.from(c.data ?? '', 'base64'));
    if (chunks.length >= n) break;
  }
  return { chunks, others };
}

/** Left-channel samples of interleaved stereo s16le PCM. */
export function leftSamples(pcm: Uint8Array): Int16Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = new Int16Array(Math.floor(pcm.byteLength / FRAME));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * FRAME, true);
  return out;
}

/** The tone's frequency in Hz, from upward zero crossings of the left channel. */
export function frequencyOf(pcm: Uint8Array): number {
  const s = leftSamples(pcm);
  let first = -1;
  let last = -1;
  let crossings = 0;
  for (let i = 1; i < s.length; i++) {
    if ((s[i - 1] ?? 0) < 0 && (s[i] ?? 0) >= 0) {
      if (first < 0) first = i;
      else crossings++;
      last = i;
    }
  }
  return crossings > 0 ? (crossings * 48000) / (last - first) : 0;
}

/** The largest absolute sample (0..1) of the left channel. */
export function peakOf(pcm: Uint8Array): number {
  let peak = 0;
  for (const v of leftSamples(pcm)) peak = Math.max(peak, Math.abs(v));
  return peak / 0x7fff;
}

/** A raw WebSocket to the music endpoint (for protocol tests that bypass client validation). */
export function rawSocket(emu: RunningEmulator, query = `key=${KEY}`, version = 'v1beta'): WebSocket {
  const url = `${emu.url.replace('http', 'ws')}/ws/google.ai.generativelanguage.${version}.GenerativeService.BidiGenerateMusic?${query}`;
  const ws = new WebSocket(url);
  sockets.push(ws);
  return ws;
}

/** Sends `messages` once open and resolves with the close code/reason and every message received. */
export function exchange(
  ws: WebSocket,
  messages: readonly unknown[],
): Promise<{ code: number; reason: string; received: Record<string, unknown>[] }> {
  const received: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      for (const m of messages) ws.send(typeof m === 'string' ? m : JSON.stringify(m));
    });
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), received }));
    ws.on('error', reject);
  });
}

/**
 * Largest difference between the left channel and one unbroken emulator tone started at phase 0
 * (`hz`, peak `amplitude`): a lost, repeated or reordered chunk shows up as a large deviation.
 */
export function toneDeviation(pcm: Uint8Array, hz: number, amplitude: number): number {
  const s = leftSamples(pcm);
  const step = (2 * Math.PI * hz) / 48000;
  let worst = 0;
  for (let i = 0; i < s.length; i++) {
    worst = Math.max(worst, Math.abs((s[i] ?? 0) - Math.round(amplitude * 0x7fff * Math.sin(i * step))));
  }
  return worst;
}
