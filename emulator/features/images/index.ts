/**
 * Imagen image generation: `models.predict` on models whose `supportedGenerationMethods` list
 * `predict`. Each instance's prompt gives `sampleCount` solid-colour images (the colour is a hash of
 * model, prompt and image index) at the real Imagen 4 pixel size of the aspect ratio, as
 * `{ predictions: [{ bytesBase64Encoded, mimeType }] }`. Prompt markers script the safety paths:
 * `[filtered]` / `[filtered:N]` filters all / the last N images of that prompt (dropped, or one
 * `{ raiFilteredReason }` prediction with `includeRaiReason: true`, as the service does), `[blocked]`
 * refuses the prompt with 400.
 */
import { createHash } from 'node:crypto';
import type { EmulatorFeature } from '../../core.js';
import { invalidArgument } from '../../errors.js';
import { json } from '../../registry.js';
import { requireModel } from '../models/lookup.js';
import { solidJpeg } from './jpeg.js';
import { readParameters, type ImageParameters } from './params.js';
import { solidPng, type Rgb } from './png.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

const FILTERED = /\[filtered(?::(\d+))?\]/i;
const BLOCKED = /\[blocked\]/i;

/** The 400 for a prompt the safety filter refuses (modelled on the service's Imagen message). */
export const BLOCKED_PROMPT_MESSAGE =
  "Image generation failed with the following error: The prompt could not be submitted. This prompt contains sensitive words that violate Google's Responsible AI practices. Try rephrasing the prompt. If you think this was an error, send feedback.";

/** The `raiFilteredReason` of a prompt whose images were filtered. */
export function filteredReason(count: number): string {
  return `Your current safety filter threshold filtered out ${count} generated image${count === 1 ? '' : 's'}. You will not be charged for blocked images. Try rephrasing the prompt. If you think this was an error, send feedback.`;
}

function colour(seed: string): Rgb {
  const d = createHash('sha256').update(seed).digest();
  return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0];
}

/** The predictions of one instance: its images, minus filtered ones (reported when asked). */
function predictionsFor(model: string, instance: unknown, i: number, p: ImageParameters): Obj[] {
  const prompt = asObj(instance)['prompt'];
  if (typeof prompt !== 'string' || prompt.trim() === '')
    throw invalidArgument(`instances[${i}].prompt: a non-empty text prompt is required.`);
  if (BLOCKED.test(prompt)) throw invalidArgument(BLOCKED_PROMPT_MESSAGE);
  const marker = FILTERED.exec(prompt);
  const filtered = marker ? Math.min(p.sampleCount, marker[1] ? Number(marker[1]) : p.sampleCount) : 0;
  const encode = p.mimeType === 'image/jpeg' ? solidJpeg : solidPng;
  const out: Obj[] = [];
  for (let k = 0; k < p.sampleCount - filtered; k++) {
    const bytes = encode(p.width, p.height, colour(`${model}\n${prompt}\n${k}`));
    out.push({ bytesBase64Encoded: bytes.toString('base64'), mimeType: p.mimeType });
  }
  if (filtered > 0 && p.includeRaiReason) out.push({ raiFilteredReason: filteredReason(filtered) });
  return out;
}

/** Installs `models.predict` (Imagen). */
export const imagesFeature: EmulatorFeature = {
  name: 'images',
  install(core) {
    core.registry.register('models.predict', (call) => {
      const model = call.params['model'] ?? '';
      requireModel(core, model, call.version, 'predict');
      const body = asObj(call.body);
      const params = readParameters(body['parameters']);
      // `instances` is "Required." in the schema: an empty or missing list never gets here.
      const instances = Array.isArray(body['instances']) ? body['instances'] : [];
      const predictions = instances.flatMap((inst, i) => predictionsFor(model, inst, i, params));
      // proto3 JSON omits an empty list: when every image is filtered the answer is `{}`.
      return json(predictions.length > 0 ? { predictions } : {});
    });
  },
};
