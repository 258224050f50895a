// Local validation of prompts and config: every bad value is an InvalidArgumentError before any send.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.js';
import { SCALES, validateMusicConfig, validateWeightedPrompts } from '../../src/music/config.js';

describe('validateWeightedPrompts', () => {
  it('keeps the wire fields of good prompts', () => {
    expect(
      validateWeightedPrompts([
        { text: 'techno', weight: 1 },
        { text: 'piano', weight: -0.5 },
      ]),
    ).toEqual([
      { text: 'techno', weight: 1 },
      { text: 'piano', weight: -0.5 },
    ]);
  });

  it.each([
    ['no prompts', []],
    ['not an array', { text: 'x', weight: 1 }],
    ['zero weight', [{ text: 'x', weight: 0 }]],
    [
      'all zero',
      [
        { text: 'x', weight: 0 },
        { text: 'y', weight: 0 },
      ],
    ],
    ['NaN weight', [{ text: 'x', weight: Number.NaN }]],
    ['missing weight', [{ text: 'x' }]],
    ['empty text', [{ text: ' ', weight: 1 }]],
    ['not an object', ['techno']],
  ])('rejects %s', (_name, prompts) => {
    expect(() => validateWeightedPrompts(prompts)).toThrow(InvalidArgumentError);
  });
});

describe('validateMusicConfig', () => {
  it('accepts every documented field at its bounds', () => {
    const config = {
      temperature: 3,
      topK: 1000,
      seed: -5,
      guidance: 0,
      bpm: 200,
      density: 1,
      brightness: 0,
      scale: 'D_MAJOR_B_MINOR',
      muteBass: true,
      muteDrums: false,
      onlyBassAndDrums: false,
      musicGenerationMode: 'DIVERSITY',
    } as const;
    expect(validateMusicConfig(config)).toEqual(config);
  });

  it('treats no config as a reset and drops undefined fields', () => {
    expect(validateMusicConfig(undefined)).toEqual({});
    expect(validateMusicConfig({ bpm: undefined, density: 0.5 })).toEqual({ density: 0.5 });
  });

  it('lists all 13 scales', () => {
    expect(SCALES).toHaveLength(13);
  });

  it.each([
    ['bpm below range', { bpm: 59 }, /bpm.*\[60, 200\]/],
    ['bpm above range', { bpm: 201 }, /bpm/],
    ['bpm not whole', { bpm: 90.5 }, /an integer/],
    ['topK 0', { topK: 0 }, /topK/],
    ['temperature > 3', { temperature: 3.1 }, /temperature/],
    ['guidance < 0', { guidance: -1 }, /guidance/],
    ['density > 1', { density: 1.5 }, /density/],
    ['brightness string', { brightness: '0.5' }, /brightness/],
    ['bad scale', { scale: 'C_MAJOR' }, /scale/],
    ['bad mode', { musicGenerationMode: 'LOUD' }, /musicGenerationMode/],
    ['muteBass not boolean', { muteBass: 1 }, /muteBass/],
    ['unknown field', { tempo: 90 }, /unknown field/],
    ['not an object', 'fast', /object/],
  ])('rejects %s', (_name, config, message) => {
    expect(() => validateMusicConfig(config)).toThrow(InvalidArgumentError);
    expect(() => validateMusicConfig(config)).toThrow(message);
  });
});
