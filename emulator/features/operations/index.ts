/**
 * Operation families on the shared store (operations-store.ts): `models/*\/operations`,
 * `tunedModels/*\/operations`, `generatedFiles/*\/operations` and `corpora/*\/operations` (get, and
 * list where the API has it), plus predictLongRunning (videos.ts). A running operation is printed
 * without `done`, as recorded.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { RpcError } from '../../errors.js';
import { json, type ApiCall } from '../../registry.js';
import { listPage } from '../models/page-token.js';
import { operationsStore, type OperationJson } from '../operations-store.js';
import { installVideos } from './videos.js';

/** The wire form as recorded: `name`, `metadata`, then `done` only once true (proto3 JSON leaves false out), then the outcome. */
export function operationView(op: OperationJson): Record<string, unknown> {
  const { name, metadata, done, response, error } = op;
  return {
    name,
    ...(metadata !== undefined ? { metadata } : {}),
    ...(done ? { done } : {}),
    ...(response !== undefined ? { response } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function notFound(name: string): RpcError {
  return new RpcError(404, `Operation ${name} not found.`);
}

/** Installs the operation handlers and predictLongRunning. */
export const operationsFeature: EmulatorFeature = {
  name: 'operations',
  install(core: EmulatorCore) {
    const ops = operationsStore(core);
    const get = (call: ApiCall): ReturnType<typeof json> => {
      const name = call.params['name'] ?? '';
      const op = ops.get(name);
      if (!op) throw notFound(name);
      return json(operationView(op));
    };
    const list = (call: ApiCall): ReturnType<typeof json> => {
      const prefix = `${call.params['name'] ?? ''}/operations/`;
      const all = ops
        .list()
        .filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes('/'))
        .reverse()
        .map((n) => ({ name: n }));
      const options = { key: 'operations', defaultSize: 10, maxSize: 100 };
      return json(listPage(call.query, all, { ...options, view: (o) => operationView(ops.get(o.name)!) }));
    };
    for (const family of ['models', 'tunedModels', 'generatedFiles', 'corpora']) {
      core.registry.register(`${family}.operations.get`, get);
    }
    core.registry.register('models.operations.list', list);
    core.registry.register('tunedModels.operations.list', list);
    installVideos(core);
  },
};
