/** countTokens: `{ totalTokens, promptTokensDetails }` by the deterministic rules in tokens.ts. */
import type { EmulatorFeature } from '../../core.js';
import { json } from '../../registry.js';
import { requireModel } from '../models/lookup.js';
import { checkContents } from './generate.js';
import { TokenCounter } from './tokens.js';

type Obj = Readonly<Record<string, unknown>>;

const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Installs the countTokens handler. */
export const countTokensFeature: EmulatorFeature = {
  name: 'countTokens',
  install(core) {
    core.registry.register('models.countTokens', (call) => {
      requireModel(core, call.params['model'] ?? '', call.version, 'countTokens');
      const body = asObj(call.body);
      const counter = new TokenCounter();
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
