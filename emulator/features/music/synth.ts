/**
 * The emulator's deterministic "music": a sine tone whose pitch follows the config, so tests can tell
 * from the audio alone which settings took effect. 16-bit little-endian PCM, 48 kHz, stereo.
 *
 * - pitch = root of `scale` (C4 for SCALE_UNSPECIFIED) × bpm / 120 (bpm default 120)
 * - amplitude = 0.1 + 0.5 × density (default 0.5); brightness adds a 2nd harmonic (0.45 × brightness,
 *   small enough that the wave still crosses zero exactly twice per period)
 * - muteBass / muteDrums / onlyBassAndDrums / temperature / … only show in `sourceMetadata`
 * - the phase carries over between chunks (no clicks); a context reset restarts it at 0
 */

/** PCM layout of every chunk. */
export const SAMPLE_RATE = 48_000;
/** Interleaved channels. */
export const CHANNELS = 2;
/** Bytes per frame (2 channels × 16 bits). */
export const FRAME_BYTES = 4;
/** The chunk MIME type (the production string is unconfirmed; music.md). */
export const AUDIO_MIME_TYPE = 'audio/l16;rate=48000;channels=2';

/** Root frequency (Hz, octave 4) of each scale's major key. */
export const SCALE_ROOT_HZ: Readonly<Record<string, number>> = {
  SCALE_UNSPECIFIED: 261.63,
  C_MAJOR_A_MINOR: 261.63,
  D_FLAT_MAJOR_B_FLAT_MINOR: 277.18,
  D_MAJOR_B_MINOR: 293.66,
  E_FLAT_MAJOR_C_MINOR: 311.13,
  E_MAJOR_D_FLAT_MINOR: 329.63,
  F_MAJOR_D_MINOR: 349.23,
  G_FLAT_MAJOR_E_FLAT_MINOR: 369.99,
  G_MAJOR_E_MINOR: 392.0,
  A_FLAT_MAJOR_F_MINOR: 415.3,
  A_MAJOR_G_FLAT_MINOR: 440.0,
  B_FLAT_MAJOR_G_MINOR: 466.16,
  B_MAJOR_A_FLAT_MINOR: 493.88,
};

/** The settings the tone reads. */
export interface ToneSettings {
  readonly bpm?: number | undefined;
  readonly scale?: string | undefined;
  readonly density?: number | undefined;
  readonly brightness?: number | undefined;
}

/** The tone's frequency in Hz for a bpm and scale. */
export function toneFrequency(settings: ToneSettings): number {
  const root = SCALE_ROOT_HZ[settings.scale ?? 'SCALE_UNSPECIFIED'] ?? 261.63;
  return (root * (settings.bpm ?? 120)) / 120;
}

const TWO_PI = 2 * Math.PI;

/** A tone generator with a running phase. */
export class Tone {
  #phase = 0;

  /** Restarts the waveform (context reset). */
  reset(): void {
    this.#phase = 0;
  }

  /** Renders `frames` stereo frames of the tone as PCM bytes. */
  render(frames: number, settings: ToneSettings): Buffer {
    const out = Buffer.allocUnsafe(frames * FRAME_BYTES);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const step = (TWO_PI * toneFrequency(settings)) / SAMPLE_RATE;
    const amplitude = 0.1 + 0.5 * (settings.density ?? 0.5);
    const harmonic = 0.45 * (settings.brightness ?? 0);
    // A rotating phasor (two multiply-adds per frame) instead of Math.sin; the phase is recomputed
    // exactly at every chunk start, so rounding never accumulates across chunks.
    const cosStep = Math.cos(step);
    const sinStep = Math.sin(step);
    let sin = Math.sin(this.#phase);
    let cos = Math.cos(this.#phase);
    const scale = amplitude * 0x7fff;
    for (let i = 0; i < frames; i++) {
      // |value| <= 0.6 × 1.45 × 0x7fff, always inside the 16-bit range.
      const value = Math.round(scale * (sin + harmonic * 2 * sin * cos));
      view.setInt16(i * FRAME_BYTES, value, true);
      view.setInt16(i * FRAME_BYTES + 2, value, true);
      const nextSin = sin * cosStep + cos * sinStep;
      cos = cos * cosStep - sin * sinStep;
      sin = nextSin;
    }
    this.#phase = (this.#phase + frames * step) % TWO_PI;
    return out;
  }
}
