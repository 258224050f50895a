/**
 * Checking a `tunedModels.create` request and turning it into a new tuned model: the id (given, or
 * derived from the display name as the field description says), the base model (it must list
 * `createTunedModel` in its supportedGenerationMethods, else the service's model 404), the training
 * examples, sampling defaults from the base model and hyperparameter defaults. The body has already
 * been checked against the schema (unknown fields, types, "Required." fields) by the pipeline.
 */
import type { EmulatorCore } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { lowerId } from '../files/store.js';
import { requireModel } from '../models/lookup.js';
import type { ModelInfo } from '../models/catalog.js';
import type { NewTunedModel, ResolvedHyperparameters, TunedModelStore } from './store.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The documented id pattern of `tunedModelId`. */
export const TUNED_MODEL_ID = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** Datasets this large get the larger default batch and the smaller default learning rate (a guess: the description only says "based on the number of training examples"). */
const LARGE_DATASET = 500;

/** 400 with status FAILED_PRECONDITION (the service's pairing for a resource in the wrong state). */
export function failedPrecondition(message: string): RpcError {
  return new RpcError(400, message, { status: 'FAILED_PRECONDITION' });
}

/** `Sentence Translator` → `sentence-translator-u3b7m`; no usable display name → `az2mb0bpw6i` (examples from the field description). */
export function newTunedModelId(core: EmulatorCore, displayName: string | undefined): string {
  const words = (displayName ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let slug = words.join('-').replace(/^[^a-z]+/, '');
  slug = slug.slice(0, 34).replace(/-+$/, '');
  if (slug) return `${slug}-${lowerId(core, 5)}`;
  // The id must start with a letter.
  return lowerId(core, 11).replace(/^[0-9]/, (d) => 'abcdefghij'[Number(d)] ?? 'a');
}

/** Checks the sampling fields shared by create and patch. */
export function checkSampling(body: Obj): void {
  const t = num(body['temperature']);
  if (t !== undefined && (t < 0 || t > 1))
    throw invalidArgument(`temperature must be in [0.0, 1.0], got ${t}.`);
  const p = num(body['topP']);
  if (p !== undefined && (p < 0 || p > 1)) throw invalidArgument(`top_p must be in [0.0, 1.0], got ${p}.`);
  const k = num(body['topK']);
  if (k !== undefined && k < 0) throw invalidArgument(`top_k must not be negative, got ${k}.`);
  const d = body['displayName'];
  if (typeof d === 'string' && [...d].length > 40)
    throw invalidArgument(`display_name must be at most 40 characters, got ${[...d].length}.`);
}

function hyperparameters(given: Obj, examples: number): ResolvedHyperparameters {
  const epochCount = num(given['epochCount']) ?? 5;
  const batchSize = num(given['batchSize']) ?? (examples >= LARGE_DATASET ? 16 : 4);
  const rate = num(given['learningRate']);
  const multiplier = num(given['learningRateMultiplier']);
  if (!Number.isInteger(epochCount) || epochCount < 1)
    throw invalidArgument(`hyperparameters.epoch_count must be a positive integer, got ${epochCount}.`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw invalidArgument(`hyperparameters.batch_size must be a positive integer, got ${batchSize}.`);
  if (rate !== undefined && multiplier !== undefined)
    throw invalidArgument('Only one of learning_rate and learning_rate_multiplier may be set.');
  if (rate !== undefined && !(rate > 0))
    throw invalidArgument(`hyperparameters.learning_rate must be positive, got ${rate}.`);
  if (multiplier !== undefined && !(multiplier > 0))
    throw invalidArgument(`hyperparameters.learning_rate_multiplier must be positive, got ${multiplier}.`);
  const learning =
    multiplier !== undefined
      ? { learningRateMultiplier: multiplier }
      : { learningRate: rate ?? (examples >= LARGE_DATASET ? 0.0002 : 0.001) };
  return { ...learning, epochCount, batchSize };
}

/** The base model of a new tuned model: `baseModel`, or the base of `tunedModelSource.tunedModel`. */
function resolveBase(
  core: EmulatorCore,
  store: TunedModelStore,
  body: Obj,
  version: string,
): { base: ModelInfo; source: string | undefined } {
  const baseModel = str(body['baseModel']);
  const source = str(asObj(body['tunedModelSource'])['tunedModel']);
  if (baseModel !== undefined && source !== undefined)
    throw invalidArgument('Only one of base_model and tuned_model_source may be set.');
  if (source !== undefined) {
    const from = store.get(source);
    if (!from) throw new RpcError(404, `Tuned model ${source} was not found.`);
    if (store.state(from) !== 'ACTIVE')
      throw failedPrecondition(
        `Tuned model ${source} is ${store.state(from)}; only an ACTIVE model can be tuned further.`,
      );
    return { base: requireModel(core, from.baseModel, version, 'createTunedModel'), source };
  }
  if (baseModel === undefined)
    throw invalidArgument('* TunedModel.base_model: base_model or tuned_model_source is not specified\n');
  return { base: requireModel(core, baseModel, version, 'createTunedModel'), source: undefined };
}

/** The new tuned model a create call asks for, checked (400 / 404 / 409 as the service would answer). */
export function parseCreate(
  core: EmulatorCore,
  store: TunedModelStore,
  body: Obj,
  tunedModelId: unknown,
  version: string,
  stepMs: number,
): NewTunedModel {
  if (
    tunedModelId !== undefined &&
    (typeof tunedModelId !== 'string' || !TUNED_MODEL_ID.test(tunedModelId))
  ) {
    throw invalidArgument(
      `tuned_model_id must match [a-z]([a-z0-9-]{0,38}[a-z0-9])?, got ${JSON.stringify(tunedModelId)}.`,
    );
  }
  const { base, source } = resolveBase(core, store, body, version);
  checkSampling(body);
  const task = asObj(body['tuningTask']);
  const examples = asObj(asObj(task['trainingData'])['examples'])['examples'];
  const count = Array.isArray(examples) ? examples.length : 0;
  if (count === 0)
    throw invalidArgument(
      '* TunedModel.tuning_task.training_data.examples.examples: the training data has no examples\n',
    );
  const hp = hyperparameters(asObj(task['hyperparameters']), count);
  const displayName = str(body['displayName']);
  const id = typeof tunedModelId === 'string' ? tunedModelId : newTunedModelId(core, displayName);
  const name = `tunedModels/${id}`;
  if (store.get(name)) throw new RpcError(409, `Tuned model ${name} already exists.`);
  const readers = body['readerProjectNumbers'];
  return {
    name,
    baseModel: base.name,
    sourceModel: source,
    displayName,
    description: str(body['description']),
    // Sampling defaults are the base model's, as the field descriptions say.
    temperature: num(body['temperature']) ?? base.temperature,
    topP: num(body['topP']) ?? base.topP,
    topK: num(body['topK']) ?? base.topK,
    readerProjectNumbers: Array.isArray(readers) ? readers.map(String) : undefined,
    hyperparameters: hp,
    exampleCount: count,
    stepMs,
  };
}
