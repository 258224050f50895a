// The PCM layout of Live Music audio and the decoded chunk type.
import type { LiveMusicSourceMetadata } from '../../generated/types/LiveMusicSourceMetadata.js';

/** The PCM layout of an audio stream. */
export interface PcmFormat {
  /** Samples per second per channel. */
  readonly sampleRate: number;
  /** Interleaved channels. */
  readonly channels: number;
  /** Bits per sample (signed little-endian integers). */
  readonly bitsPerSample: number;
}

/** Lyria RealTime output: 16-bit signed little-endian PCM, 48 kHz, stereo (192 000 bytes per second). */
export const MUSIC_PCM_FORMAT: PcmFormat = Object.freeze({
  sampleRate: 48_000,
  channels: 2,
  bitsPerSample: 16,
});

/** One decoded audio chunk. */
export interface PcmChunk {
  /** Raw interleaved PCM bytes (any `audio/*` MIME type is treated as `MUSIC_PCM_FORMAT`). */
  readonly data: Uint8Array;
  /** The chunk's MIME type as sent. */
  readonly mimeType: string | undefined;
  /** The prompts and config that produced the chunk, when the server says. */
  readonly sourceMetadata: LiveMusicSourceMetadata | undefined;
}

/** Playback length of `byteLength` bytes of PCM, in milliseconds. */
export function pcmDurationMs(byteLength: number, format: PcmFormat = MUSIC_PCM_FORMAT): number {
  const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
  return (byteLength / bytesPerSecond) * 1000;
}
