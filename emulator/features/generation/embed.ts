/**
 * embedContent / batchEmbedContents: deterministic unit vectors seeded by a hash of the model, the
 * content and the task options, of `outputDimensionality` values (default 768 for
 * text-embedding-004, 3072 for the gemini-embedding models).
 */
import { createHash } from 'node:crypto';
import type { EmulatorFeature } from '../../core.js';
import { invalidArgument } from '../../errors.js';
import { json } from '../../registry.js';
import { requireModel } from '../models/lookup.js';

type Obj = Readonly<Record<string, unknown>>;

const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Most requests one batchEmbedContents call may carry. */
export const MAX_EMBED_BATCH = 100;

/** 400 when a request body names another model than the URL (`field` is the wire path; wording unrecorded). */
export function checkRequestModel(given: unknown, model: string, field: string): void {
  if (given !== undefined && given !== model)
    throw invalidArgument(
      `* ${field}: The model in the request (${String(given)}) does not match the model in the URL (${model}).\n`,
    );
}

/** The full embedding size of a model. */
export function defaultDimensions(model: string): number {
  return model === 'models/text-embedding-004' ? 768 : 3072;
}

/** A deterministic unit vector of `dims` float32-precision values seeded by `seed`. */
export function unitVector(seed: string, dims: number): number[] {
  const digest = createHash('sha256').update(seed).digest();
  let state = digest.readUInt32LE(0) || 1;
  // xorshift32: cheap and reproducible across platforms.
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0xffffffff - 0.5;
  };
  const raw = Array.from({ length: dims }, next);
  const norm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0)) || 1;
  return raw.map((v) => Number(Math.fround(v / norm).toPrecision(8)));
}

function embed(model: string, request: Obj, root: string): { values: number[] } {
  const max = defaultDimensions(model);
  const requested = request['outputDimensionality'];
  const dims = typeof requested === 'number' ? requested : max;
  if (dims < 1 || dims > max) {
    throw invalidArgument(`* ${root}.output_dimensionality: must be between 1 and ${max}.\n`);
  }
  const seed = JSON.stringify([
    model,
    request['content'],
    request['taskType'] ?? null,
    request['title'] ?? null,
  ]);
  return { values: unitVector(seed, dims) };
}

/** Installs the embedding handlers. */
export const embeddingsFeature: EmulatorFeature = {
  name: 'embeddings',
  install(core) {
    core.registry.register('models.embedContent', (call) => {
      const model = call.params['model'] ?? '';
      requireModel(core, model, call.version, 'embedContent');
      return json({ embedding: embed(model, asObj(call.body), 'EmbedContentRequest') });
    });

    core.registry.register('models.batchEmbedContents', (call) => {
      const model = call.params['model'] ?? '';
      requireModel(core, model, call.version, 'batchEmbedContents', 'embedContent');
      const requests = asObj(call.body)['requests'];
      const list = Array.isArray(requests) ? requests.map(asObj) : [];
      // The service's answer as public error reports quote it (langchainjs#4491, weaviate#11277).
      if (list.length > MAX_EMBED_BATCH)
        throw invalidArgument(
          `* BatchEmbedContentsRequest.requests: at most ${MAX_EMBED_BATCH} requests can be in one batch\n`,
        );
      // Each inner request names its model; it must be the model of the URL.
      list.forEach((r, i) =>
        checkRequestModel(r['model'], model, `BatchEmbedContentsRequest.requests[${i}].model`),
      );
      return json({
        embeddings: list.map((r, i) => embed(model, r, `BatchEmbedContentsRequest.requests[${i}]`)),
      });
    });
  },
};
