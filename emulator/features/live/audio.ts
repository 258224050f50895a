/**
 * Deterministic audio: output speech is a 440 Hz tone, 20 ms per character of the reply text, as 16-bit
 * little-endian mono PCM at 24 kHz in 100 ms chunks; input audio is "transcribed" as its duration, and a
 * chunk whose samples all stay below 1% of full scale counts as silence (voice activity detection).
 */

/** Output sample rate, as the service sends it. */
export const OUTPUT_RATE = 24_000;
/** Output MIME type. */
export const OUTPUT_MIME = `audio/pcm;rate=${OUTPUT_RATE}`;
const MS_PER_CHAR = 20;
const CHUNK_MS = 100;
const SILENCE = 328; // 1% of full scale

/** The PCM the emulated model speaks for `text`, cut into 100 ms base64 chunks. */
export function speak(text: string): string[] {
  const ms = Math.max(CHUNK_MS, [...text].length * MS_PER_CHAR);
  const samples = Math.round((OUTPUT_RATE * ms) / 1000);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / OUTPUT_RATE)), i * 2);
  }
  const chunkBytes = (OUTPUT_RATE * CHUNK_MS * 2) / 1000;
  const chunks: string[] = [];
  for (let at = 0; at < pcm.length; at += chunkBytes)
    chunks.push(pcm.subarray(at, at + chunkBytes).toString('base64'));
  return chunks;
}

/** Seconds of audio in `bytes` of 16-bit PCM at the MIME type's rate (default 16 kHz for input). */
export function seconds(bytes: number, mimeType: string, fallbackRate = 16_000): number {
  const m = /;\s*rate=(\d+)/i.exec(mimeType);
  const rate = m?.[1] ? Number(m[1]) : fallbackRate;
  return bytes / 2 / rate;
}

/** Whether a PCM chunk is silence. */
export function isSilent(pcm: Buffer): boolean {
  for (let i = 0; i + 1 < pcm.length; i += 2) if (Math.abs(pcm.readInt16LE(i)) >= SILENCE) return false;
  return true;
}

/** The emulator's transcription of an input utterance. */
export function transcribe(bytes: number, mimeType: string): string {
  return `[${seconds(bytes, mimeType).toFixed(2)} s of audio]`;
}

/** Live audio tokens: 25 per second (rounded up). */
export function audioTokens(secondsOfAudio: number): number {
  return Math.ceil(secondsOfAudio * 25);
}
