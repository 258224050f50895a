// `client.operations` per resource family against the emulator: get / resume / wait / list where the API
// has them, cancel and delete for batches, local refusals for the rest, failures as typed google.rpc errors.
import { describe, expect, it } from 'vitest';
import type { EmulatorFeature } from '../../emulator/index.js';
import { operationsStore } from '../../emulator/features/operations-store.js';
import { InvalidArgumentError, NotFoundError } from '../../src/core/errors.js';
import { Operation } from '../../src/operations/operation.js';
import { OperationError } from '../../src/operations/error.js';
import { collect, KEY, MODEL, rejection, setup } from '../integration/helpers.js';

const T0 = Date.parse('2026-05-01T00:00:00Z');
const VEO = 'veo-3.1-generate-preview';

/** Seeds operations of families the emulator has no creating method for (tuned models, generated files, corpora). */
const seed: EmulatorFeature = {
  name: 'seed-operations',
  install(core) {
    const ops = operationsStore(core);
    for (let i = 0; i < 3; i++) {
      ops.create({
        name: `tunedModels/my-model/operations/op${i}`,
        metadata: {
          '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.CreateTunedModelMetadata',
          completedPercent: 0,
        },
        doneAt: T0 + (i + 1) * 1000,
        outcome: () => ({ response: { name: 'tunedModels/my-model', state: 'ACTIVE' } }),
      });
    }
    ops.create({
      name: 'generatedFiles/g1/operations/o1',
      doneAt: T0,
      outcome: () => ({ response: { ok: true } }),
    });
    ops.create({
      name: 'corpora/c1/operations/o1',
      doneAt: T0,
      outcome: () => ({
        error: {
          code: 9,
          message: 'The corpus is being deleted.',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'CORPUS_DELETING',
              domain: 'googleapis.com',
            },
          ],
        },
      }),
    });
  },
};

const options = { clock: { start: T0, frozen: true }, features: [seed] };

describe('client.operations', () => {
  it('gets and waits on operations of every family by name', async () => {
    const { emu, client } = await setup({}, options);
    const tuned = await client.operations.get('tunedModels/my-model/operations/op0');
    expect(tuned).toBeInstanceOf(Operation);
    expect(tuned.done).toBe(false);
    expect(tuned.metadata).toMatchObject({ completedPercent: 0 });
    emu.control.clock.advance(1000);
    await tuned.refresh();
    expect(tuned.done).toBe(true);
    expect(tuned.response).toEqual({ name: 'tunedModels/my-model', state: 'ACTIVE' });

    expect((await client.operations.get('generatedFiles/g1/operations/o1')).response).toEqual({ ok: true });

    const video = await client.videos.generate({ model: VEO, prompt: 'p' });
    emu.control.clock.advance(60_000);
    const resumed = client.operations.resume(video.name);
    await resumed.wait({ initialDelay: 1 });
    expect(resumed.done).toBe(true);

    const { name } = await client.batches.create({ model: MODEL, requests: [{ contents: 'x' }] });
    const batchOp = await client.operations.get(name);
    expect(batchOp.metadata?.['state']).toMatch(/^BATCH_STATE_/);
  });

  it('surfaces a failed operation as a typed google.rpc error with its details', async () => {
    const { client } = await setup({}, options);
    const op = await client.operations.get('corpora/c1/operations/o1');
    expect(op.done).toBe(true);
    expect(op.error).toBeInstanceOf(OperationError);
    expect(op.error).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rpcCode: 9,
      operation: 'corpora/c1/operations/o1',
    });
    expect(op.error!.details[0]).toMatchObject({ kind: 'ErrorInfo', reason: 'CORPUS_DELETING' });
    const err = await rejection(client.operations.wait('corpora/c1/operations/o1'));
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toContain('The corpus is being deleted.');
  });

  it('lists the operations of batches, models and tuned models across pages', async () => {
    const { client } = await setup({}, options);
    const started: string[] = [];
    for (let i = 0; i < 3; i++)
      started.push((await client.videos.generate({ model: VEO, prompt: `p${i}` })).name);
    const first = await client.operations.list(`models/${VEO}`, { pageSize: 2 });
    expect(first.operations).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const all = await collect(client.operations.list(`models/${VEO}`, { pageSize: 2 }));
    expect(all.map((o) => o.name).sort()).toEqual([...started].sort());
    expect(all.every((o) => o instanceof Operation)).toBe(true);

    const tuned = await collect(client.operations.list('tunedModels/my-model', { pageSize: 1 }));
    expect(tuned.map((o) => o.name).sort()).toEqual(
      [0, 1, 2].map((i) => `tunedModels/my-model/operations/op${i}`),
    );

    const b = await client.batches.create({ model: MODEL, requests: [{ contents: 'x' }] });
    const batches = await collect(client.operations.list('batches'));
    expect(batches.map((o) => o.name)).toEqual([b.name]);
  });

  it('cancels and deletes batch operations; refuses other families locally', async () => {
    const { emu, client } = await setup({}, options);
    const b = await client.batches.create({ model: MODEL, requests: [{ contents: 'x' }] });
    await client.operations.cancel(b.name);
    expect((await client.batches.get(b.name)).state).toBe('CANCELLED');
    await client.operations.delete(b.name);
    expect(await rejection(client.operations.get(b.name))).toBeInstanceOf(NotFoundError);

    emu.control.clearRequests();
    for (const call of [
      () => client.operations.cancel('tunedModels/my-model/operations/op0'),
      () => client.operations.delete(`models/${VEO}/operations/abc`),
      () => client.operations.get('files/abc'),
      () => client.operations.get(''),
    ]) {
      expect(await rejection(call())).toBeInstanceOf(InvalidArgumentError);
    }
    expect(() => client.operations.list('files')).toThrow(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
    expect(await rejection(client.operations.get(`models/${VEO}/operations/nope`))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('prints running operations without `done`, as recorded', async () => {
    const { emu } = await setup({}, options);
    const res = await fetch(`${emu.url}/v1beta/tunedModels/my-model/operations/op1`, {
      headers: { 'x-goog-api-key': KEY },
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['name', 'metadata']);
  });
});
