/**
 * Every feature area the emulator installs, in order. A new area (files, caches, batches, live, …)
 * lives in its own folder under features/ and is added here with one line.
 */
import type { EmulatorFeature } from '../core.js';
import { batchesFeature } from './batches/index.js';
import { cachesFeature } from './caches/index.js';
import { countTokensFeature } from './generation/count-tokens.js';
import { embeddingsFeature } from './generation/embed.js';
import { fileSearchFeature } from './file-search/index.js';
import { filesFeature } from './files/index.js';
import { generationFeature } from './generation/generate.js';
import { interactionsFeature } from './interactions/index.js';
import { liveFeature } from './live/index.js';
import { modelsFeature } from './models/index.js';
import { musicFeature } from './music/index.js';
import { operationsFeature } from './operations/index.js';
import { corporaFeature } from './corpora/index.js';
import { tunedModelsFeature } from './tuned-models/index.js';
import { imagesFeature } from './images/index.js';
import { legacyFeature } from './legacy/index.js';
import { openaiCompatFeature } from './openai-compat/index.js';

/** The installed feature areas. */
export const FEATURES: readonly EmulatorFeature[] = [
  modelsFeature,
  generationFeature,
  countTokensFeature,
  embeddingsFeature,
  filesFeature,
  cachesFeature, // after generation: wraps generateContent to honour cachedContent
  batchesFeature,
  operationsFeature,
  fileSearchFeature, // after generation: wraps generateContent to ground the fileSearch tool
  interactionsFeature,
  liveFeature,
  musicFeature,
  tunedModelsFeature, // after generation, caches and batches: reuses their handlers
  corporaFeature,
  imagesFeature, // models.predict (Imagen)
  legacyFeature, // PaLM methods, generateAnswer, dynamic/*
  openaiCompatFeature, // after generation and its wrappers: /v1beta/openai/… answered by them
];
