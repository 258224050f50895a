/**
 * countTokens: `{ totalTokens, promptTokensDetails }`. Text is counted with the model's real vocabulary
 * when its optional package is installed (vocabulary.ts, agreeing with LocalTokenizer), else by the
 * deterministic word rule; media by the fixed costs of tokens.ts.
 */
import type { EmulatorFeature } from '../../core.js';
import { json } from '../../registry.js';
import { requireModel } from '../models/lookup.js';
import { checkContents } from './generate.js';
import { TokenCounter } from './tokens.js';
import { vocabularyFor } from './vocabulary.js';

type Obj = Readonly<Record<string, unknown>>;

const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Installs the countTokens handler. */
export const countTokensFeature: EmulatorFeature = {
  name: 'countTokens',
  install(core) {
    core.registry.register('models.countTokens', async (call) => {
      const model = call.params['model'] ?? '';
      requireModel(core, model, call.version, 'countTokens');
      const body = asObj(call.body);
      const counter = new TokenCounter((await vocabularyFor(model)) ?? {});
      const nested = body['generateContentRequest'];
      if (nested !== undefined) {
        checkContents(asObj(nested), 'CountTokensRequest.generate_content_request');
        counter.request(asObj(nested));
      } else {
        checkContents(body, 'CountTokensRequest');
        counter.request({ contents: body['contents'] });
      }
      const { total, details } = counter.result();
      // Zero-valued fields are omitted on the wire, as proto3 JSON does.
      return json(total > 0 ? { totalTokens: total, promptTokensDetails: details } : {});
    });
  },
};
