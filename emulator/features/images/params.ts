/**
 * The Imagen `parameters` of `models.predict` (a free-form Struct on the wire, so the schema registry
 * cannot check it): defaults and 400s for values the Imagen 4 models refuse. Parameters the emulator
 * does not act on (seed, language, enhancePrompt, safetySetting, …) are accepted as they are.
 */
import { invalidArgument } from '../../errors.js';
import { isObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** Output pixel sizes of Imagen 4 per aspect ratio at `1K` (`2K` doubles both sides). */
export const IMAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '3:4': [896, 1280],
  '4:3': [1280, 896],
  '9:16': [768, 1408],
  '16:9': [1408, 768],
};

const PERSON_GENERATION = ['dont_allow', 'allow_adult', 'allow_all'];
const MIME_TYPES = ['image/png', 'image/jpeg'];

/** The parameters the emulator acts on, with the service's defaults filled in. */
export interface ImageParameters {
  /** Images per instance (1–4, default 4). */
  readonly sampleCount: number;
  readonly width: number;
  readonly height: number;
  /** `image/png` (default) or `image/jpeg`. */
  readonly mimeType: string;
  /** Whether filtered images are reported (`raiFilteredReason`) instead of silently dropped. */
  readonly includeRaiReason: boolean;
}

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? 'undefined'));
const quoted = (list: readonly string[]): string =>
  `${list
    .slice(0, -1)
    .map((v) => `'${v}'`)
    .join(', ')}, or '${list.at(-1) ?? ''}'`;

/** Reads and checks `parameters` (absent → every default). Wording is the emulator's: unrecorded. */
export function readParameters(raw: unknown): ImageParameters {
  if (raw !== undefined && !isObj(raw)) throw invalidArgument('parameters must be an object.');
  const p: Obj = raw ?? {};

  const sampleCount = p['sampleCount'] ?? 4;
  if (typeof sampleCount !== 'number' || !Number.isInteger(sampleCount) || sampleCount < 1 || sampleCount > 4)
    throw invalidArgument(`sampleCount must be between 1 and 4, got ${show(p['sampleCount'])}.`);

  const aspectRatio = p['aspectRatio'] ?? '1:1';
  const size = typeof aspectRatio === 'string' ? IMAGE_SIZES[aspectRatio] : undefined;
  if (!size)
    throw invalidArgument(
      `aspectRatio must be one of ${quoted(Object.keys(IMAGE_SIZES))}, got ${show(aspectRatio)}.`,
    );

  const person = p['personGeneration'];
  if (
    person !== undefined &&
    (typeof person !== 'string' || !PERSON_GENERATION.includes(person.toLowerCase()))
  )
    throw invalidArgument(
      `personGeneration must be one of ${quoted(PERSON_GENERATION)}, got ${show(person)}.`,
    );

  const imageSize = p['sampleImageSize'] ?? '1K';
  const scale = typeof imageSize === 'string' ? { '1k': 1, '2k': 2 }[imageSize.toLowerCase()] : undefined;
  if (scale === undefined)
    throw invalidArgument(`sampleImageSize must be '1K' or '2K', got ${show(imageSize)}.`);

  const output = p['outputOptions'] ?? {};
  if (!isObj(output)) throw invalidArgument('outputOptions must be an object.');
  const mimeType = output['mimeType'] ?? 'image/png';
  if (typeof mimeType !== 'string' || !MIME_TYPES.includes(mimeType))
    throw invalidArgument(
      `outputOptions.mimeType must be 'image/png' or 'image/jpeg', got ${show(mimeType)}.`,
    );
  const quality = output['compressionQuality'];
  if (
    quality !== undefined &&
    (typeof quality !== 'number' || !Number.isInteger(quality) || quality < 0 || quality > 100)
  )
    throw invalidArgument(
      `outputOptions.compressionQuality must be an integer between 0 and 100, got ${show(quality)}.`,
    );

  return {
    sampleCount,
    width: size[0] * scale,
    height: size[1] * scale,
    mimeType,
    includeRaiReason: p['includeRaiReason'] === true,
  };
}
