/**
 * The tunedModels area: create (a long-running operation on the shared store, finished by the
 * clock), get, list (paginated, with the documented filter), patch (update mask), delete,
 * transferOwnership, permissions (shared with corpora: permissions-store.ts) and generation on an
 * ACTIVE tuned model (generate.ts). `tunedModels.operations.get/list` are the operations area's.
 * No traffic is recorded for this family: shapes follow the discovery schemas and field descriptions.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument } from '../../errors.js';
import { json, type ApiCall } from '../../registry.js';
import { toCamel } from '../../validation/proto-names.js';
import { listPage } from '../models/page-token.js';
import { operationView } from '../operations/index.js';
import { operationsStore } from '../operations-store.js';
import { entityNotFound, installPermissions, requireRole, transferOwnership } from '../permissions-store.js';
import { installTunedModelsControl, type TunedModelSettings } from './control.js';
import { checkSampling, parseCreate } from './create.js';
import { installTunedGeneration } from './generate.js';
import { TunedModelStore, type StoredTunedModel } from './store.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** Fields an update may change (the rest are immutable or output only). */
const MUTABLE = new Set([
  'displayName',
  'description',
  'temperature',
  'topP',
  'topK',
  'readerProjectNumbers',
]);

/** The update mask's fields (camelCase), or the fields the body sets when there is no mask (as the caches area does). */
function maskPaths(mask: unknown, body: Obj): string[] {
  if (typeof mask === 'string' && mask.trim() !== '') return mask.split(',').map((p) => toCamel(p.trim()));
  return Object.keys(body).filter((k) => body[k] !== undefined);
}

/** The documented filter: free text over display name and description, plus owner/writers/readers operators. */
function filterModels(models: StoredTunedModel[], filter: unknown): StoredTunedModel[] {
  if (typeof filter !== 'string' || filter.trim() === '') return models;
  const tests: ((m: StoredTunedModel) => boolean)[] = [];
  for (const term of filter.trim().split(/\s+/)) {
    const op = /^([a-z]+):(.+)$/i.exec(term);
    if (!op) {
      const word = term.replace(/^"|"$/g, '').toLowerCase();
      tests.push((m) => `${m.displayName ?? ''} ${m.description ?? ''}`.toLowerCase().includes(word));
      continue;
    }
    const key = `${op[1]?.toLowerCase()}:${op[2]?.toLowerCase()}`;
    const role = (m: StoredTunedModel): string => m.permissions.callerRole;
    if (key === 'owner:me') tests.push((m) => role(m) === 'OWNER');
    else if (key === 'writers:me') tests.push((m) => role(m) !== 'READER');
    else if (key === 'readers:me') tests.push(() => true);
    else if (key === 'readers:everyone') tests.push((m) => m.permissions.sharedWithEveryone());
    else
      throw invalidArgument(
        `Invalid filter term ${JSON.stringify(term)}: use text, owner:me, writers:me, readers:me or readers:everyone.`,
      );
  }
  return models.filter((m) => tests.every((t) => t(m)));
}

/** Installs the tunedModels handlers. */
export const tunedModelsFeature: EmulatorFeature = {
  name: 'tunedModels',
  install(core: EmulatorCore) {
    const ops = operationsStore(core);
    const store = new TunedModelStore(core, ops);
    // 75 ms a step: a typical small run (13 steps) is done in about a second; tests move the clock for more.
    const settings: TunedModelSettings = { stepMs: 75 };
    installTunedModelsControl(core, store, ops, settings);
    const r = core.registry;

    const find = (name: string): StoredTunedModel => {
      const m = store.get(name);
      if (!m) throw entityNotFound();
      return m;
    };
    const named = (call: ApiCall): StoredTunedModel => find(call.params['name'] ?? '');

    r.register('tunedModels.create', (call) => {
      const input = parseCreate(
        core,
        store,
        asObj(call.body),
        call.query['tunedModelId'],
        call.version,
        settings.stepMs,
      );
      return json(operationView(store.add(input).operation));
    });

    r.register('tunedModels.get', (call) => json(store.view(named(call))));

    r.register('tunedModels.list', (call) => {
      const models = filterModels(store.list(), call.query['filter']);
      const options = { key: 'tunedModels', defaultSize: 10, maxSize: 1000 };
      return json(listPage(call.query, models, { ...options, view: (m) => store.view(m) }));
    });

    r.register('tunedModels.patch', (call) => {
      const m = named(call);
      requireRole(m, 'WRITER', 'update');
      const body = asObj(call.body);
      const paths = maskPaths(call.query['updateMask'], body);
      if (paths.length === 0)
        throw invalidArgument('Nothing to update: set update_mask or send the fields to change.');
      const immutable = paths.filter((p) => !MUTABLE.has(p));
      if (immutable.length > 0) {
        throw invalidArgument(
          `Only display_name, description, temperature, top_p, top_k and reader_project_numbers can be updated; the update mask names ${immutable.join(', ')}.`,
        );
      }
      checkSampling(body);
      // A field in the mask but not in the body is cleared (standard update-mask semantics).
      const value = (k: string): unknown => body[k];
      for (const p of paths) {
        if (p === 'displayName') m.displayName = value(p) as string | undefined;
        else if (p === 'description') m.description = value(p) as string | undefined;
        else if (p === 'temperature') m.temperature = value(p) as number | undefined;
        else if (p === 'topP') m.topP = value(p) as number | undefined;
        else if (p === 'topK') m.topK = value(p) as number | undefined;
        else m.readerProjectNumbers = value(p) as string[] | undefined;
      }
      m.updatedAt = core.clock.now();
      return json(store.view(m));
    });

    r.register('tunedModels.delete', (call) => {
      const m = named(call);
      requireRole(m, 'OWNER', 'delete');
      store.delete(m.name);
      return json({});
    });

    r.register('tunedModels.transferOwnership', (call) => {
      transferOwnership(core, named(call), asObj(call.body)['emailAddress']);
      return json({});
    });

    installPermissions(core, 'tunedModels', find);
    installTunedGeneration(core, store);
  },
};
