/**
 * Every feature area the emulator installs, in order. A new area (files, caches, batches, live, …)
 * lives in its own folder under features/ and is added here with one line.
 */
import type { EmulatorFeature } from '../core.js';
import { countTokensFeature } from './generation/count-tokens.js';
import { embeddingsFeature } from './generation/embed.js';
import { generationFeature } from './generation/generate.js';
import { modelsFeature } from './models/index.js';

/** The installed feature areas. */
export const FEATURES: readonly EmulatorFeature[] = [
  modelsFeature,
  generationFeature,
  countTokensFeature,
  embeddingsFeature,
];
