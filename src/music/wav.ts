// WAV (RIFF, PCM) output for streamed audio: the header's sizes are unknown until the stream ends, so
// a placeholder header is written first and patched in place once the length is known.
import { InvalidArgumentError } from '../core/errors.js';
import { openFileForWrite } from '#platform';
import { MUSIC_PCM_FORMAT, pcmDurationMs, type PcmFormat } from './pcm.js';

/** Bytes of the canonical PCM WAV header (RIFF + fmt + data chunk headers). */
export const WAV_HEADER_BYTES = 44;

/** Largest data chunk a WAV file can describe (its sizes are 32-bit; RIFF size = 36 + data). */
export const WAV_MAX_DATA_BYTES = 0xffffffff - 36;

/** The 44-byte header of a PCM WAV file holding `dataBytes` bytes of samples. */
export function wavHeader(dataBytes: number, format: PcmFormat = MUSIC_PCM_FORMAT): Uint8Array {
  if (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes > WAV_MAX_DATA_BYTES) {
    throw new InvalidArgumentError(
      `WAV data size must be an integer in [0, ${WAV_MAX_DATA_BYTES}], got ${dataBytes}`,
    );
  }
  const blockAlign = format.channels * (format.bitsPerSample / 8);
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size (PCM)
  view.setUint16(20, 1, true); // audio format 1 = integer PCM
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true); // byte rate
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, format.bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}

/** Options of {@link writeWav}. */
export interface WriteWavOptions {
  /** PCM layout of the input (default: Lyria's 48 kHz stereo 16-bit). */
  readonly format?: PcmFormat;
  /** Stop after this many data bytes (rounded down to whole frames); the rest of the input is not read. */
  readonly maxBytes?: number;
  /** Stop after this much audio, in milliseconds (converted to whole frames). */
  readonly maxDurationMs?: number;
  /** Stops writing; the file is finalized with what was written so far, then the promise rejects. */
  readonly signal?: AbortSignal;
}

/** What {@link writeWav} wrote. */
export interface WavSummary {
  /** Bytes of PCM data (the `data` chunk size). */
  readonly dataBytes: number;
  /** Sample frames (samples per channel). */
  readonly frames: number;
  /** Length of the audio in milliseconds. */
  readonly durationMs: number;
}

/**
 * Writes PCM chunks (e.g. `session.audio()`) to a WAV file at `path` (Node only). The header is
 * patched with the real sizes when the input ends, when a limit is reached, or on error or abort, so
 * the file is valid whatever happens. A partial frame at the end is dropped. Breaking out of the
 * input early is fine: the input's iterator is returned (for `session.audio()`, that ends the stream,
 * not the session).
 */
export async function writeWav(
  path: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: WriteWavOptions = {},
): Promise<WavSummary> {
  const format = options.format ?? MUSIC_PCM_FORMAT;
  const frameBytes = format.channels * (format.bitsPerSample / 8);
  if (!Number.isInteger(frameBytes) || frameBytes <= 0) {
    throw new InvalidArgumentError('format: channels and bitsPerSample must describe whole bytes per frame');
  }
  let limit = WAV_MAX_DATA_BYTES - (WAV_MAX_DATA_BYTES % frameBytes);
  if (options.maxBytes !== undefined)
    limit = Math.min(limit, options.maxBytes - (options.maxBytes % frameBytes));
  if (options.maxDurationMs !== undefined) {
    limit = Math.min(limit, Math.floor((options.maxDurationMs / 1000) * format.sampleRate) * frameBytes);
  }
  if (!(limit >= 0)) throw new InvalidArgumentError('maxBytes / maxDurationMs must be >= 0');
  options.signal?.throwIfAborted();

  const file = await openFileForWrite(path);
  let written = 0;
  let failure: unknown;
  try {
    await file.write(wavHeader(0, format), 0);
    for await (const chunk of chunks) {
      options.signal?.throwIfAborted();
      const room = limit - written;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      if (part.byteLength > 0) {
        await file.write(part, WAV_HEADER_BYTES + written);
        written += part.byteLength;
      }
      if (written >= limit) break;
    }
  } catch (e) {
    failure = e;
  }
  // A WAV file holds whole frames; a trailing partial frame is cut off.
  const dataBytes = written - (written % frameBytes);
  try {
    await file.truncate(WAV_HEADER_BYTES + dataBytes);
    await file.write(wavHeader(dataBytes, format), 0);
  } finally {
    await file.close();
  }
  if (failure !== undefined) throw failure;
  return { dataBytes, frames: dataBytes / frameBytes, durationMs: pcmDurationMs(dataBytes, format) };
}
