/**
 * Using a tuned model: generateContent / streamGenerateContent answer like its base model (the
 * generation area's reply machinery: scripts, then the deterministic reply), batchGenerateContent and
 * asyncBatchEmbedContent are handed to the batches area on the base model, and generateText answers
 * only when the base model supports it (no catalog model does: the legacy text models are retired).
 * A model that is not ACTIVE is refused with FAILED_PRECONDITION; an unknown one, or one whose base
 * model no longer serves the method, gets the service's model 404 (recorded for a retired base model:
 * `models/gemini-1.5-flash-001-tuning is not found … for generateContent`).
 */
import type { EmulatorCore } from '../../core.js';
import { modelNotFound } from '../../errors.js';
import { json, type ApiCall, type Handler, type HandlerResult } from '../../registry.js';
import { resolveCache } from '../caches/use.js';
import { autoReply } from '../generation/auto.js';
import { checkContents } from '../generation/generate.js';
import { scriptedError, streamChunks, unaryResponse } from '../generation/reply.js';
import { checkSignatures } from '../generation/signatures.js';
import { requireModel } from '../models/lookup.js';
import { requireRole } from '../permissions-store.js';
import { failedPrecondition } from './create.js';
import type { StoredTunedModel, TunedModelStore } from './store.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** The tuned model a call names, usable for `method`; `capability` is what its base model must list. */
function usable(
  core: EmulatorCore,
  store: TunedModelStore,
  call: ApiCall,
  method: string,
  capability: string,
): StoredTunedModel {
  const name = call.params['model'] ?? '';
  const m = store.get(name);
  if (!m) throw modelNotFound(name, call.version, method);
  requireRole(m, 'READER', 'use');
  const state = store.state(m);
  if (state !== 'ACTIVE')
    throw failedPrecondition(`Tuned model ${m.name} is ${state}; only an ACTIVE tuned model can be used.`);
  requireModel(core, m.baseModel, call.version, method, capability);
  return m;
}

/** The tuned model's own scripts first, then its base model's, then the wildcard. */
function takeScript(core: EmulatorCore, m: StoredTunedModel): ReturnType<EmulatorCore['replies']['take']> {
  return core.replies.pending(m.name) > 0 ? core.replies.take(m.name) : core.replies.take(m.baseModel);
}

/** Hands a batch create to the batches area's handler for the base model. */
function delegateBatch(core: EmulatorCore, store: TunedModelStore, capability: string): Handler {
  return (call) => {
    const m = usable(core, store, call, capability, capability);
    const inner = core.registry.get(`models.${capability}`, 'rest');
    if (!inner) throw modelNotFound(m.name, call.version, capability);
    const body = asObj(call.body);
    const batch = asObj(body['batch']);
    // The batch runs on the base model; a batch.model naming the tuned model is the same model.
    const rewritten = batch['model'] === m.name ? { ...body, batch: { ...batch, model: m.baseModel } } : body;
    return inner({ ...call, params: { ...call.params, model: m.baseModel }, body: rewritten });
  };
}

/** Installs generation on `tunedModels/*`. */
export function installTunedGeneration(core: EmulatorCore, store: TunedModelStore): void {
  const prepare = (call: ApiCall, method: string) => {
    const m = usable(core, store, call, method, 'generateContent');
    const request = asObj(call.body);
    checkContents(request, 'GenerateContentRequest');
    checkSignatures(request, m.baseModel);
    // No cache can hold a tuned model (cachedContents.create needs a `models/` model), so any
    // cachedContent is refused the way a cache of another model is.
    resolveCache(core, m.name, request);
    const reply = takeScript(core, m) ?? autoReply(request, m.baseModel, core.clock.isoNow());
    return { reply, ctx: { request, model: m.name, responseId: core.newId() } };
  };

  core.registry.register('tunedModels.generateContent', (call): HandlerResult => {
    const { reply, ctx } = prepare(call, 'generateContent');
    return json(unaryResponse(reply, ctx));
  });

  core.registry.register('tunedModels.streamGenerateContent', (call): HandlerResult => {
    const { reply, ctx } = prepare(call, 'streamGenerateContent');
    return { kind: 'stream', chunks: streamChunks(reply, ctx) };
  });

  core.registry.register('tunedModels.generateText', (call): HandlerResult => {
    const m = usable(core, store, call, 'generateText', 'generateText');
    const prompt = String(asObj(asObj(call.body)['prompt'])['text'] ?? '');
    const reply = takeScript(core, m);
    if (reply?.error) throw scriptedError(reply.error);
    // GenerateTextResponse has no usage field: candidates only.
    return json({ candidates: [{ output: reply?.text ?? `Echo: ${prompt}` }] });
  });

  for (const capability of ['batchGenerateContent', 'asyncBatchEmbedContent']) {
    core.registry.register(`tunedModels.${capability}`, delegateBatch(core, store, capability));
  }
}
