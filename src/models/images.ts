// Image generation with Imagen over `models.predict`: friendly config → wire `parameters`, checked
// before sending; predictions → decoded bytes. Only `client.models.generateImages` and the standalone
// `generateImages` reach this file, so generateContent-only bundles never include it.
import * as stubs from '../../generated/methods/models.js';
import type { Transport } from '../../generated/transport.js';
import type { PredictResponse } from '../../generated/types/PredictResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { CallOptions } from '../core/transport.js';
import { fromBase64 } from '../core/base64.js';
import { isObject } from '../core/json.js';
import { modelName } from './request.js';

/** Aspect ratios Imagen 4 generates. */
export type ImageAspectRatio = '1:1' | '3:4' | '4:3' | '9:16' | '16:9';

/** Image generation settings (sent as the predict `parameters`, wire names in brackets). */
export interface GenerateImagesConfig {
  /** How many images, 1–4 [`sampleCount`]; the service's default is 4. */
  numberOfImages?: number | undefined;
  /** Width:height of the images [`aspectRatio`]; default `1:1`. */
  aspectRatio?: ImageAspectRatio | undefined;
  /** Whether people may be generated [`personGeneration`]; default `allow_adult`. */
  personGeneration?: 'dont_allow' | 'allow_adult' | 'allow_all' | undefined;
  /** `image/png` (default) or `image/jpeg` [`outputOptions.mimeType`]. */
  outputMimeType?: 'image/png' | 'image/jpeg' | undefined;
  /** JPEG quality 0–100 [`outputOptions.compressionQuality`]. */
  outputCompressionQuality?: number | undefined;
  /** `1K` (default) or `2K` [`sampleImageSize`]; Imagen 4 Standard and Ultra only. */
  imageSize?: '1K' | '2K' | undefined;
  /** What to keep out of the image [`negativePrompt`]; not supported by Imagen 4 models. */
  negativePrompt?: string | undefined;
  /** How closely to follow the prompt [`guidanceScale`]. */
  guidanceScale?: number | undefined;
  /** Safety filter strictness [`safetySetting`]. */
  safetyFilterLevel?:
    'block_low_and_above' | 'block_medium_and_above' | 'block_only_high' | 'block_none' | undefined;
  /**
   * Report filtered images as `{ raiFilteredReason }` entries [`includeRaiReason`]. Default here:
   * `true` (without it the service silently returns fewer images).
   */
  includeRaiReason?: boolean | undefined;
  /** Language of the prompt, e.g. `en`, `auto` [`language`]. */
  language?: string | undefined;
  /** Any other wire parameters, sent as they are (and overriding the fields above). */
  parameters?: Record<string, unknown> | undefined;
}

/** An image generation request. */
export interface GenerateImagesInput {
  /** An Imagen model, e.g. `imagen-4.0-generate-001`. */
  model: string;
  /** What the image shows (English; up to 480 tokens). */
  prompt: string;
  /** Generation settings. */
  config?: GenerateImagesConfig | undefined;
}

/** One generated image, or the safety filter's note in place of the images it removed. */
export type GeneratedImage =
  | {
      /** The encoded image (PNG or JPEG). */
      bytes: Uint8Array;
      /** `image/png` or `image/jpeg`. */
      mimeType: string;
      raiFilteredReason?: undefined;
    }
  | {
      bytes?: undefined;
      mimeType?: undefined;
      /** Why images were filtered (sent when `includeRaiReason` is on). */
      raiFilteredReason: string;
    };

/** The result of `generateImages`. */
export interface GenerateImagesResult {
  /** Images in the service's order; filtered ones appear as `{ raiFilteredReason }`. */
  images: GeneratedImage[];
  /** The wire response. */
  raw: PredictResponse;
}

const ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'];
const PERSON = ['dont_allow', 'allow_adult', 'allow_all'];
const SAFETY = ['block_low_and_above', 'block_medium_and_above', 'block_only_high', 'block_none'];

/** Enum values are matched in any case (`BLOCK_NONE` too), MIME types exactly (`exact`). */
function oneOf(name: string, value: unknown, allowed: readonly string[], exact = false): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(exact ? value : value.toLowerCase()))
    throw new InvalidArgumentError(
      `${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
}

function intIn(name: string, value: unknown, min: number, max: number): void {
  if (
    value !== undefined &&
    (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
  )
    throw new InvalidArgumentError(
      `${name}: expected an integer from ${min} to ${max}, got ${String(value)}`,
    );
}

/** The wire `parameters` of a config, after checking every value. */
export function imageParameters(config: GenerateImagesConfig = {}): Record<string, unknown> {
  if (!isObject(config)) throw new InvalidArgumentError('generateImages: config must be an object');
  const c = config;
  intIn('numberOfImages', c.numberOfImages, 1, 4);
  oneOf('aspectRatio', c.aspectRatio, ASPECT_RATIOS);
  oneOf('personGeneration', c.personGeneration, PERSON);
  oneOf('outputMimeType', c.outputMimeType, ['image/png', 'image/jpeg'], true);
  intIn('outputCompressionQuality', c.outputCompressionQuality, 0, 100);
  oneOf('imageSize', c.imageSize, ['1k', '2k']);
  oneOf('safetyFilterLevel', c.safetyFilterLevel, SAFETY);
  if (c.parameters !== undefined && !isObject(c.parameters))
    throw new InvalidArgumentError('parameters: expected an object of wire parameters');
  if (c.guidanceScale !== undefined && !Number.isFinite(c.guidanceScale))
    throw new InvalidArgumentError(`guidanceScale: expected a number, got ${String(c.guidanceScale)}`);
  const output: Record<string, unknown> = {};
  if (c.outputMimeType !== undefined) output['mimeType'] = c.outputMimeType;
  if (c.outputCompressionQuality !== undefined) output['compressionQuality'] = c.outputCompressionQuality;
  const wire: Record<string, unknown> = {
    sampleCount: c.numberOfImages,
    aspectRatio: c.aspectRatio,
    personGeneration: c.personGeneration,
    sampleImageSize: c.imageSize,
    negativePrompt: c.negativePrompt,
    guidanceScale: c.guidanceScale,
    safetySetting: c.safetyFilterLevel,
    includeRaiReason: c.includeRaiReason ?? true,
    language: c.language,
    outputOptions: Object.keys(output).length > 0 ? output : undefined,
  };
  for (const key of Object.keys(wire)) if (wire[key] === undefined) delete wire[key];
  return { ...wire, ...c.parameters };
}

/** The images of a predict response, decoded (a view on the decoded base64, no extra copy). */
export function generatedImages(raw: PredictResponse, fallbackMimeType = 'image/png'): GeneratedImage[] {
  const out: GeneratedImage[] = [];
  for (const p of raw.predictions ?? []) {
    if (!isObject(p)) continue;
    const { bytesBase64Encoded, mimeType, raiFilteredReason } = p;
    if (typeof bytesBase64Encoded === 'string') {
      const type = typeof mimeType === 'string' ? mimeType : fallbackMimeType;
      out.push({ bytes: fromBase64(bytesBase64Encoded), mimeType: type });
    } else if (typeof raiFilteredReason === 'string') out.push({ raiFilteredReason });
  }
  return out;
}

/**
 * Generates images with Imagen (`models.predict`): checks the prompt and config locally (nothing is
 * sent when they are wrong), then decodes the returned images.
 */
export async function generateImages(
  t: Transport,
  input: GenerateImagesInput,
  options?: CallOptions,
): Promise<GenerateImagesResult> {
  if (!isObject(input)) throw new InvalidArgumentError('generateImages: expected { model, prompt, config? }');
  const model = modelName(input.model);
  if (typeof input.prompt !== 'string')
    throw new InvalidArgumentError(`prompt: expected a string, got ${typeof input.prompt}`);
  if (input.prompt.trim() === '') throw new InvalidArgumentError('prompt: must not be empty');
  const parameters = imageParameters(input.config);
  const raw = await stubs.predict(
    t,
    { model },
    { instances: [{ prompt: input.prompt }], parameters },
    options,
  );
  // A prediction without its own mimeType is in the format asked for (image/png by default).
  const asked = (parameters['outputOptions'] as { mimeType?: unknown } | undefined)?.mimeType;
  return { images: generatedImages(raw, typeof asked === 'string' ? asked : undefined), raw };
}
