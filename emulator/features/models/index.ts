/** The models area: `models.list` (paginated) and `models.get` over the instance's model store. */
import type { EmulatorFeature } from '../../core.js';
import { invalidArgument, modelNotFound } from '../../errors.js';
import { json } from '../../registry.js';
import { paginate } from './page-token.js';

/** Default and largest page sizes documented for `models.list`. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** Installs the models handlers. */
export const modelsFeature: EmulatorFeature = {
  name: 'models',
  install(core) {
    core.registry.register('models.list', (call) => {
      const requested = call.query['pageSize'];
      const size =
        typeof requested === 'number' && requested > 0
          ? Math.min(requested, MAX_PAGE_SIZE)
          : DEFAULT_PAGE_SIZE;
      const token = call.query['pageToken'];
      const result = paginate(core.models.list(), size, typeof token === 'string' ? token : undefined);
      // Wording not recorded; the status (400 INVALID_ARGUMENT) is the documented behaviour.
      if (!result) throw invalidArgument('Invalid page token.');
      const body: Record<string, unknown> = {};
      if (result.page.length > 0) body['models'] = result.page;
      if (result.nextPageToken !== undefined) body['nextPageToken'] = result.nextPageToken;
      return json(body);
    });

    core.registry.register('models.get', (call) => {
      const name = call.params['name'] ?? '';
      const model = core.models.get(name);
      if (!model) throw modelNotFound(name, call.version, 'get');
      return json(model);
    });
  },
};
