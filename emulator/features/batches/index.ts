/**
 * The batches area: `models.batchGenerateContent` and `models.asyncBatchEmbedContent` (inline
 * requests or a JSONL input file), then `batches.get / list / cancel / delete /
 * updateGenerateContentBatch / updateEmbedContentBatch`. Batches answer as google.longrunning
 * Operations whose metadata is the batch, in the recorded shapes.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { json, type ApiCall } from '../../registry.js';
import { requireModel } from '../models/lookup.js';
import { listPage } from '../models/page-token.js';
import { installBatchesControl, type BatchSettings } from './control.js';
import { parseJsonl, type BatchItem, type BatchKind } from './process.js';
import { BatchStore, type StoredBatch } from './store.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** The generic Google wording for a missing resource. */
function batchNotFound(): RpcError {
  return new RpcError(404, 'Requested entity was not found.');
}

function failedPrecondition(message: string): RpcError {
  return new RpcError(400, message, { status: 'FAILED_PRECONDITION' });
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED']);

/** The requests of a create call: inline ones, or the lines of the input file. */
function readItems(
  core: EmulatorCore,
  input: Obj,
  root: string,
): { items: BatchItem[]; inputFile: string | undefined } {
  const fileName =
    typeof input['fileName'] === 'string' && input['fileName'] !== '' ? input['fileName'] : undefined;
  const inline = asObj(input['requests'])['requests'];
  const hasInline = Array.isArray(inline) && inline.length > 0;
  if (fileName !== undefined && hasInline) {
    throw invalidArgument(`* ${root}.input_config: only one of file_name and requests may be set.\n`);
  }
  if (fileName !== undefined) {
    const bytes = core.control.files.bytes(fileName);
    if (!bytes) throw invalidArgument(`Input file ${fileName} was not found or has no content.`);
    return { items: parseJsonl(bytes), inputFile: fileName };
  }
  if (!hasInline) throw invalidArgument(`* ${root}.input_config: requests or file_name must be set.\n`);
  return {
    items: (inline as unknown[]).map((r) => {
      const o = asObj(r);
      return { request: asObj(o['request']), metadata: o['metadata'] };
    }),
    inputFile: undefined,
  };
}

/** Installs the batch handlers. */
export const batchesFeature: EmulatorFeature = {
  name: 'batches',
  install(core: EmulatorCore) {
    const store = new BatchStore(core);
    const settings: BatchSettings = { pendingMs: 500, perRequestMs: 5 };
    installBatchesControl(core, store, settings);

    const create = (kind: BatchKind, capability: string, root: string) => (call: ApiCall) => {
      const model = call.params['model'] ?? '';
      requireModel(core, model, call.version, capability);
      const batch = asObj(asObj(call.body)['batch']);
      if (typeof batch['model'] === 'string' && batch['model'] !== model) {
        throw invalidArgument(
          `* ${root}.batch.model: the batch model (${batch['model']}) does not match the model in the URL (${model}).\n`,
        );
      }
      const { items, inputFile } = readItems(core, asObj(batch['inputConfig']), `${root}.batch`);
      if (items.length === 0) throw invalidArgument(`The batch has no requests.`);
      const priority = batch['priority'];
      const b = store.add({
        kind,
        model,
        displayName: typeof batch['displayName'] === 'string' ? batch['displayName'] : '',
        priority: typeof priority === 'string' || typeof priority === 'number' ? String(priority) : undefined,
        inputFile,
        items,
        pendingMs: settings.pendingMs,
        perRequestMs: settings.perRequestMs,
      });
      return json(store.operation(b));
    };
    core.registry.register(
      'models.batchGenerateContent',
      create('generate', 'batchGenerateContent', 'BatchGenerateContentRequest'),
    );
    core.registry.register(
      'models.asyncBatchEmbedContent',
      create('embed', 'asyncBatchEmbedContent', 'AsyncBatchEmbedContentRequest'),
    );

    const find = async (call: ApiCall): Promise<StoredBatch> => {
      const b = await store.get(call.params['name'] ?? '');
      if (!b) throw batchNotFound();
      return b;
    };

    core.registry.register('batches.get', async (call) => json(store.operation(await find(call))));

    core.registry.register('batches.list', async (call) => {
      const options = { key: 'operations', defaultSize: 10, maxSize: 100 };
      return json(listPage(call.query, await store.list(), { ...options, view: (b) => store.operation(b) }));
    });

    core.registry.register('batches.cancel', async (call) => {
      const b = await find(call);
      const state = store.state(b);
      if (TERMINAL.has(state))
        throw failedPrecondition(`Batch ${b.name} is already BATCH_STATE_${state} and cannot be cancelled.`);
      await store.stop(b, 'CANCELLED', { code: 1, message: 'The batch was cancelled.' });
      return json({});
    });

    core.registry.register('batches.delete', async (call) => {
      if (!store.delete((await find(call)).name)) throw batchNotFound();
      return json({});
    });

    const update = (kind: BatchKind) => async (call: ApiCall) => {
      const b = await find(call);
      if (b.kind !== kind) {
        const other = kind === 'generate' ? 'updateEmbedContentBatch' : 'updateGenerateContentBatch';
        throw invalidArgument(
          `${b.name} is not a ${kind === 'generate' ? 'GenerateContent' : 'EmbedContent'} batch; use ${other}.`,
        );
      }
      const state = store.state(b);
      if (TERMINAL.has(state))
        throw failedPrecondition(`Batch ${b.name} is already BATCH_STATE_${state} and cannot be updated.`);
      const body = asObj(call.body);
      const mask = call.query['updateMask'];
      const paths =
        typeof mask === 'string' && mask !== '' ? mask.split(',').map((p) => p.trim()) : Object.keys(body);
      for (const p of paths) {
        if (p === 'displayName' || p === 'display_name') {
          if (typeof body['displayName'] === 'string') b.displayName = body['displayName'];
        } else if (p === 'priority') {
          b.priority = body['priority'] === undefined ? undefined : String(body['priority']);
        } else {
          throw invalidArgument(`Only display_name and priority can be updated; the update mask names ${p}.`);
        }
      }
      b.updatedAt = core.clock.now();
      return json(store.resource(b, false));
    };
    core.registry.register('batches.updateGenerateContentBatch', update('generate'));
    core.registry.register('batches.updateEmbedContentBatch', update('embed'));
  },
};
