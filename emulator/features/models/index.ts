/** The models area: `models.list` (paginated) and `models.get` over the instance's model store. */
import type { EmulatorFeature } from '../../core.js';
import { modelNotFound } from '../../errors.js';
import { json } from '../../registry.js';
import { listPage } from './page-token.js';

/** Default and largest page sizes documented for `models.list`. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** Installs the models handlers. */
export const modelsFeature: EmulatorFeature = {
  name: 'models',
  install(core) {
    core.registry.register('models.list', (call) => {
      const options = {
        key: 'models',
        defaultSize: DEFAULT_PAGE_SIZE,
        maxSize: MAX_PAGE_SIZE,
        view: (m: unknown) => m,
      };
      return json(listPage(call.query, core.models.list(), options));
    });

    core.registry.register('models.get', (call) => {
      const name = call.params['name'] ?? '';
      const model = core.models.get(name);
      if (!model) throw modelNotFound(name, call.version, 'get');
      return json(model);
    });
  },
};
