// Output audio: base64 `inlineData` parts → raw PCM chunks with their sample rate.
import type { Blob as WireBlob } from '../../generated/types/Blob.js';
import { fromBase64 } from '../core/base64.js';
import type { LiveAudioChunk } from './types.js';

/** The sample rate a PCM MIME type declares (`audio/pcm;rate=24000`); Live output defaults to 24 kHz. */
export function sampleRateOf(mimeType: string, fallback = 24_000): number {
  const m = /;\s*rate=(\d+)/i.exec(mimeType);
  return m?.[1] ? Number(m[1]) : fallback;
}

/** An audio chunk from an inline-data blob, or `undefined` if it is not audio. */
export function decodeAudio(blob: WireBlob | undefined): LiveAudioChunk | undefined {
  const mimeType = blob?.mimeType ?? '';
  if (!blob?.data || !mimeType.startsWith('audio/')) return undefined;
  return { data: fromBase64(blob.data), mimeType, sampleRate: sampleRateOf(mimeType) };
}
