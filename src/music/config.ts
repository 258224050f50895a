// Local validation of Live Music prompts and generation config: the server closes the whole session
// (1007) on a bad value, so everything is checked here first and rejected with InvalidArgumentError.
import { InvalidArgumentError } from '../core/errors.js';
import type { LiveMusicClientMessage } from '../../generated/types/LiveMusicClientMessage.js';
import type { LiveMusicGenerationConfig } from '../../generated/types/LiveMusicGenerationConfig.js';
import type { WeightedPrompt } from '../../generated/types/WeightedPrompt.js';

/** A musical scale (key) of `LiveMusicGenerationConfig.scale`. */
export type Scale = NonNullable<LiveMusicGenerationConfig['scale']>;

/** What the model optimizes for (`LiveMusicGenerationConfig.musicGenerationMode`). */
export type MusicGenerationMode = NonNullable<LiveMusicGenerationConfig['musicGenerationMode']>;

/** A playback command (`LiveMusicClientMessage.playbackControl`, a bare enum string on the wire). */
export type LiveMusicPlaybackControl = NonNullable<LiveMusicClientMessage['playbackControl']>;

/** Every scale, in the API's order (`SCALE_UNSPECIFIED` lets the model choose). */
export const SCALES = [
  'SCALE_UNSPECIFIED',
  'C_MAJOR_A_MINOR',
  'D_FLAT_MAJOR_B_FLAT_MINOR',
  'D_MAJOR_B_MINOR',
  'E_FLAT_MAJOR_C_MINOR',
  'E_MAJOR_D_FLAT_MINOR',
  'F_MAJOR_D_MINOR',
  'G_FLAT_MAJOR_E_FLAT_MINOR',
  'G_MAJOR_E_MINOR',
  'A_FLAT_MAJOR_F_MINOR',
  'A_MAJOR_G_FLAT_MINOR',
  'B_FLAT_MAJOR_G_MINOR',
  'B_MAJOR_A_FLAT_MINOR',
] as const satisfies readonly Scale[];

/** Every music generation mode. */
export const MUSIC_GENERATION_MODES = [
  'MUSIC_GENERATION_MODE_UNSPECIFIED',
  'QUALITY',
  'DIVERSITY',
  'VOCALIZATION',
] as const satisfies readonly MusicGenerationMode[];

// Compile-time check that the lists above cover the generated unions exactly.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const scalesComplete: Missing<Scale, (typeof SCALES)[number]> = true;
const modesComplete: Missing<MusicGenerationMode, (typeof MUSIC_GENERATION_MODES)[number]> = true;
void scalesComplete;
void modesComplete;

/** Documented ranges of the numeric config fields (inclusive); `integer` fields take whole numbers only. */
export const MUSIC_CONFIG_RANGES = {
  temperature: { min: 0, max: 3, integer: false },
  topK: { min: 1, max: 1000, integer: true },
  seed: { min: -2147483648, max: 2147483647, integer: true },
  guidance: { min: 0, max: 6, integer: false },
  bpm: { min: 60, max: 200, integer: true },
  density: { min: 0, max: 1, integer: false },
  brightness: { min: 0, max: 1, integer: false },
} as const satisfies Record<string, { min: number; max: number; integer: boolean }>;

const BOOLEAN_FIELDS = ['muteBass', 'muteDrums', 'onlyBassAndDrums'] as const;
const KNOWN_FIELDS = new Set<string>([
  ...Object.keys(MUSIC_CONFIG_RANGES),
  ...BOOLEAN_FIELDS,
  'scale',
  'musicGenerationMode',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a prompt set: at least one prompt, each with non-empty `text` and a finite, non-zero
 * `weight` (so the weights are never all zero). Returns a clean copy with only the wire fields.
 */
export function validateWeightedPrompts(prompts: unknown): WeightedPrompt[] {
  if (!Array.isArray(prompts) || prompts.length === 0) {
    throw new InvalidArgumentError('weightedPrompts: pass at least one { text, weight } prompt');
  }
  return prompts.map((p: unknown, i) => {
    if (!isRecord(p)) throw new InvalidArgumentError(`weightedPrompts[${i}]: expected { text, weight }`);
    const { text, weight } = p;
    if (typeof text !== 'string' || text.trim() === '') {
      throw new InvalidArgumentError(`weightedPrompts[${i}].text: expected a non-empty string`);
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight === 0) {
      throw new InvalidArgumentError(
        `weightedPrompts[${i}].weight: expected a finite non-zero number, got ${String(weight)}`,
      );
    }
    return { text, weight };
  });
}

/**
 * Checks a generation config against the documented ranges and enums; unknown fields are rejected
 * (the server would close the session on them). `undefined` values are dropped. Returns a clean copy.
 */
export function validateMusicConfig(config: unknown): LiveMusicGenerationConfig {
  if (config === undefined) return {};
  if (!isRecord(config)) throw new InvalidArgumentError('musicGenerationConfig: expected an object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (!KNOWN_FIELDS.has(key)) {
      throw new InvalidArgumentError(
        `musicGenerationConfig.${key}: unknown field (known: ${[...KNOWN_FIELDS].join(', ')})`,
      );
    }
    if (key in MUSIC_CONFIG_RANGES) {
      const range = MUSIC_CONFIG_RANGES[key as keyof typeof MUSIC_CONFIG_RANGES];
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= range.min &&
        value <= range.max &&
        (!range.integer || Number.isInteger(value));
      if (!ok) {
        const kind = range.integer ? 'an integer' : 'a number';
        throw new InvalidArgumentError(
          `musicGenerationConfig.${key}: expected ${kind} in [${range.min}, ${range.max}], got ${String(value)}`,
        );
      }
    } else if ((BOOLEAN_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== 'boolean') {
        throw new InvalidArgumentError(
          `musicGenerationConfig.${key}: expected a boolean, got ${String(value)}`,
        );
      }
    } else if (key === 'scale') {
      if (!(SCALES as readonly unknown[]).includes(value)) {
        throw new InvalidArgumentError(`musicGenerationConfig.scale: expected one of ${SCALES.join(', ')}`);
      }
    } else if (!(MUSIC_GENERATION_MODES as readonly unknown[]).includes(value)) {
      throw new InvalidArgumentError(
        `musicGenerationConfig.musicGenerationMode: expected one of ${MUSIC_GENERATION_MODES.join(', ')}`,
      );
    }
    out[key] = value;
  }
  return out as LiveMusicGenerationConfig;
}
