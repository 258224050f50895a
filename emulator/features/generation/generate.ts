/**
 * generateContent and streamGenerateContent on `models/*`: model check (real 404), the service's
 * non-empty-parts check, Gemini 3's thought-signature check, then a scripted reply or the
 * deterministic reply derived from the request (auto.ts: echo, structured output, function calls…).
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument } from '../../errors.js';
import { json, type ApiCall } from '../../registry.js';
import { requireModel } from '../models/lookup.js';
import { autoReply } from './auto.js';
import { streamChunks, unaryResponse, type ReplyContext } from './reply.js';
import { checkSignatures } from './signatures.js';
import { checkModalities } from './media-output.js';

type Obj = Readonly<Record<string, unknown>>;

const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Rejects turns without parts, as the service does (`contents.parts must not be empty`). */
export function checkContents(request: Obj, root: string): void {
  const contents = Array.isArray(request['contents']) ? request['contents'] : [];
  const problems: string[] = [];
  contents.forEach((c: unknown, i) => {
    const parts = asObj(c)['parts'];
    if (!Array.isArray(parts) || parts.length === 0) {
      problems.push(`* ${root}.contents[${i}].parts: contents.parts must not be empty.`);
    }
  });
  if (problems.length > 0) throw invalidArgument(`${problems.join('\n')}\n`);
}

function prepare(core: EmulatorCore, call: ApiCall, method: string): { ctx: ReplyContext; model: string } {
  const model = call.params['model'] ?? '';
  requireModel(core, model, call.version, method, 'generateContent');
  const request = asObj(call.body);
  checkContents(request, 'GenerateContentRequest');
  checkSignatures(request, model);
  checkModalities(request, model);
  return { ctx: { request, model, responseId: core.newId() }, model };
}

/** Installs the generation handlers. */
export const generationFeature: EmulatorFeature = {
  name: 'generation',
  install(core) {
    core.registry.register('models.generateContent', (call) => {
      const { ctx, model } = prepare(core, call, 'generateContent');
      const reply = core.replies.take(model) ?? autoReply(ctx.request, model, core.clock.isoNow());
      return json(unaryResponse(reply, ctx));
    });

    core.registry.register('models.streamGenerateContent', (call) => {
      const { ctx, model } = prepare(core, call, 'streamGenerateContent');
      const reply = core.replies.take(model) ?? autoReply(ctx.request, model, core.clock.isoNow());
      return { kind: 'stream', chunks: streamChunks(reply, ctx) };
    });
  },
};
