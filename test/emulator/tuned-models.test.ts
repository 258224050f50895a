// Tuned models against the emulator through the generated stubs and the client's transport: create as
// a long-running operation finished by the fake clock (client.operations), get/list/patch/delete,
// permissions, transferOwnership, generation on a tuned model, and google.rpc error bodies.
import { describe, expect, it } from 'vitest';
import * as tunedModels from '../../generated/methods/tunedModels.js';
import * as permissions from '../../generated/methods/tunedModels.permissions.js';
import type { TunedModel } from '../../generated/types/TunedModel.js';
import {
  ApiError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
} from '../../src/core/errors.js';
import { OperationError } from '../../src/operations/error.js';
import { collect, rejection, setup } from '../integration/helpers.js';
import { rpc } from './helpers.js';

const T0 = Date.parse('2026-04-01T00:00:00Z');
const frozen = { clock: { start: T0, frozen: true } };
/** A tunable base model: no catalog model lists createTunedModel (the service retired tuning). */
const TUNABLE = 'models/gemini-1.5-flash-001-tuning';

const examples = (n: number): { textInput: string; output: string }[] =>
  Array.from({ length: n }, (_, i) => ({ textInput: `${i}`, output: `${i + 1}` }));

const tunedModel = (n = 10, extra: Partial<TunedModel> = {}): TunedModel => ({
  baseModel: TUNABLE,
  displayName: 'Number generator',
  tuningTask: { trainingData: { examples: { examples: examples(n) } } },
  ...extra,
});

async function tunableSetup(): ReturnType<typeof setup> {
  const ctx = await setup({ maxRetries: 0 }, frozen);
  // These tests watch a run step by step: one step per emulated second (the default is ~1 s in all).
  ctx.emu.control.tunedModels.configure({ stepMs: 1000 });
  ctx.emu.control.models.add({
    name: TUNABLE,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createTunedModel'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
  });
  return ctx;
}

describe('tunedModels.create', () => {
  it('answers the model 404 for a base model that does not support tuning', async () => {
    const { client } = await setup({ maxRetries: 0 }, frozen);
    const err = await rejection(
      tunedModels.create(client.transport, {}, tunedModel(10, { baseModel: 'models/gemini-2.5-flash' })),
    );
    expect(err).toBeInstanceOf(NotFoundError);
    rpc(err, 404, 'NOT_FOUND');
    expect((err as Error).message).toBe(
      'models/gemini-2.5-flash is not found for API version v1beta, or is not supported for createTunedModel. Call ModelService.ListModels to see the list of available models and their supported methods.',
    );
  });

  it('tunes on the clock: operation metadata grows, then the model is ACTIVE', async () => {
    const { emu, client } = await tunableSetup();
    const t = client.transport;
    const op = await tunedModels.create(t, { tunedModelId: 'num-gen' }, tunedModel(10));
    expect(op.name).toMatch(/^tunedModels\/num-gen\/operations\/[a-z0-9]{12}$/);
    expect(op.done).toBeUndefined();
    // 5 epochs × 10 examples / batch 4 → 13 steps; nothing done yet, so zero fields are left out.
    expect(op.metadata).toEqual({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.CreateTunedModelMetadata',
      tunedModel: 'tunedModels/num-gen',
      totalSteps: 13,
    });
    const creating = await tunedModels.get(t, { name: 'tunedModels/num-gen' });
    expect(creating).toMatchObject({
      name: 'tunedModels/num-gen',
      baseModel: TUNABLE,
      displayName: 'Number generator',
      state: 'CREATING',
      temperature: 1,
      topP: 0.95,
      topK: 64,
      createTime: '2026-04-01T00:00:00.000000Z',
      tuningTask: { hyperparameters: { epochCount: 5, batchSize: 4, learningRate: 0.001 } },
    });
    expect(creating.tuningTask).not.toHaveProperty('trainingData');

    const gen = await rejection(
      tunedModels.generateContent(
        t,
        { model: 'tunedModels/num-gen' },
        { contents: [{ parts: [{ text: '1' }] }] },
      ),
    );
    expect(gen).toBeInstanceOf(BadRequestError);
    rpc(gen, 400, 'FAILED_PRECONDITION');

    emu.control.clock.advance(3500);
    const running = await client.operations.get<TunedModel, Record<string, unknown>>(op.name!);
    expect(running.done).toBe(false);
    expect(running.metadata).toMatchObject({ totalSteps: 13, completedSteps: 3, completedPercent: 23.08 });
    const snapshots = running.metadata?.['snapshots'] as Record<string, unknown>[];
    expect(snapshots.map((s) => s['step'])).toEqual([1, 2, 3]);
    expect(snapshots[0]).toMatchObject({
      epoch: 1,
      meanLoss: expect.any(Number),
      computeTime: '2026-04-01T00:00:01.000000Z',
    });

    let polls = 0;
    const result = await running.wait({
      initialDelay: 1,
      maxDelay: 1,
      timeout: 10_000,
      onProgress: () => {
        polls++;
        emu.control.clock.advance(4000);
      },
    });
    expect(polls).toBeGreaterThan(0);
    expect(running.metadata).toMatchObject({ completedSteps: 13, completedPercent: 100 });
    expect(result).toMatchObject({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.TunedModel',
      name: 'tunedModels/num-gen',
      state: 'ACTIVE',
      updateTime: '2026-04-01T00:00:13.000000Z',
      tuningTask: { completeTime: '2026-04-01T00:00:13.000000Z' },
    });
    expect((result.tuningTask?.snapshots ?? []).length).toBe(13);
    expect((await tunedModels.get(t, { name: 'tunedModels/num-gen' })).state).toBe('ACTIVE');

    const ops = await collect(client.operations.list('tunedModels/num-gen'));
    expect(ops.map((o) => [o.name, o.done])).toEqual([[op.name, true]]);
  });

  it('derives ids from the display name and tunes from another tuned model', async () => {
    const { emu, client } = await tunableSetup();
    emu.control.tunedModels.configure({ stepMs: 0 });
    const op = await tunedModels.create(
      client.transport,
      {},
      tunedModel(3, { displayName: 'Sentence Translator' }),
    );
    expect(op.done).toBe(true);
    const name = (op.response as { name: string }).name;
    expect(name).toMatch(/^tunedModels\/sentence-translator-[a-z0-9]{5}$/);
    const again = await tunedModels.create(
      client.transport,
      {},
      {
        tunedModelSource: { tunedModel: name },
        tuningTask: { trainingData: { examples: { examples: examples(2) } } },
      },
    );
    const child = again.response as TunedModel;
    expect(child.name).toMatch(/^tunedModels\/[a-z][a-z0-9]{10}$/);
    expect(child.tunedModelSource).toEqual({ tunedModel: name, baseModel: TUNABLE });
    expect(child).not.toHaveProperty('baseModel');
  });

  it('rejects duplicates (409) and invalid requests (400) with google.rpc bodies', async () => {
    const { client } = await tunableSetup();
    const t = client.transport;
    await tunedModels.create(t, { tunedModelId: 'dup' }, tunedModel());
    const dup = await rejection(tunedModels.create(t, { tunedModelId: 'dup' }, tunedModel()));
    expect(dup).toBeInstanceOf(ConflictError);
    rpc(dup, 409, 'ALREADY_EXISTS');

    const bad = async (params: tunedModels.CreateParams, body: unknown): Promise<ApiError> =>
      rpc(await rejection(tunedModels.create(t, params, body as TunedModel)), 400, 'INVALID_ARGUMENT');

    const unknown = await bad({}, { ...tunedModel(), colour: 'red' });
    expect(unknown.message).toContain('Unknown name "colour"');
    expect(unknown.detail('BadRequest')).toBeDefined();
    expect((await bad({}, { baseModel: TUNABLE })).message).toBe(
      '* TunedModel.tuning_task: tuning_task is not specified\n',
    );
    const noOutput = tunedModel(1);
    noOutput.tuningTask!.trainingData!.examples!.examples = [{ textInput: 'x' }];
    expect((await bad({}, noOutput)).message).toMatch(/output: output is not specified/);
    expect((await bad({}, tunedModel(0))).message).toMatch(/no examples/);
    expect((await bad({ tunedModelId: 'Not_Valid' }, tunedModel())).message).toMatch(
      /tuned_model_id must match/,
    );
    expect((await bad({}, tunedModel(2, { temperature: 1.5 }))).message).toMatch(/temperature/);
    const both = tunedModel(2);
    both.tuningTask!.hyperparameters = { learningRate: 0.1, learningRateMultiplier: 2 };
    expect((await bad({}, both)).message).toMatch(/Only one of learning_rate/);
    expect((await bad({}, { tuningTask: tunedModel().tuningTask })).message).toMatch(/base_model/);
  });

  it('a failed tuning run fails the operation and leaves the model FAILED', async () => {
    const { emu, client } = await tunableSetup();
    const op = await tunedModels.create(client.transport, { tunedModelId: 'flaky' }, tunedModel());
    emu.control.clock.advance(2000);
    emu.control.operations.fail(op.name!, { code: 13, message: 'Tuning failed: out of capacity.' });
    const err = await rejection(client.operations.wait(op.name!, { initialDelay: 1 }));
    expect(err).toBeInstanceOf(OperationError);
    expect(err).toMatchObject({ code: 'INTERNAL', operation: op.name });
    const model = await tunedModels.get(client.transport, { name: 'tunedModels/flaky' });
    expect(model.state).toBe('FAILED');
    expect(model.tuningTask?.snapshots).toHaveLength(2);
  });
});

describe('tunedModels get / list / patch / delete', () => {
  it('lists with pagination and the documented filter; 404 after delete', async () => {
    const { emu, client } = await setup({ maxRetries: 0 }, frozen);
    const t = client.transport;
    for (let i = 0; i < 12; i++)
      emu.control.tunedModels.seed({
        id: `m${i}`,
        baseModel: 'gemini-2.5-flash',
        displayName: i < 3 ? `Poet ${i}` : `Model ${i}`,
      });
    const first = await tunedModels.list(t, {});
    expect(first.tunedModels).toHaveLength(10);
    expect(first.tunedModels?.[0]).toMatchObject({ name: 'tunedModels/m0', state: 'ACTIVE' });
    const second = await tunedModels.list(t, { pageToken: first.nextPageToken! });
    expect(second.tunedModels?.map((m) => m.name)).toEqual(['tunedModels/m10', 'tunedModels/m11']);
    expect(second.nextPageToken).toBeUndefined();
    const bad = await rejection(tunedModels.list(t, { pageToken: 'not-a-token' }));
    rpc(bad, 400, 'INVALID_ARGUMENT');

    const poets = await tunedModels.list(t, { filter: 'poet' });
    expect(poets.tunedModels?.map((m) => m.name)).toEqual([
      'tunedModels/m0',
      'tunedModels/m1',
      'tunedModels/m2',
    ]);
    expect((await tunedModels.list(t, { filter: 'readers:everyone' })).tunedModels).toBeUndefined();
    rpc(await rejection(tunedModels.list(t, { filter: 'colour:red' })), 400, 'INVALID_ARGUMENT');

    await tunedModels.delete(t, { name: 'tunedModels/m3' });
    const gone = await rejection(tunedModels.get(t, { name: 'tunedModels/m3' }));
    expect(gone).toBeInstanceOf(NotFoundError);
    rpc(gone, 404, 'NOT_FOUND');
    rpc(await rejection(tunedModels.delete(t, { name: 'tunedModels/m3' })), 404, 'NOT_FOUND');
    expect(emu.control.tunedModels.list()).toHaveLength(11);
    emu.control.reset();
    expect(emu.control.tunedModels.list()).toEqual([]);
  });

  it('patches with an update mask (or the fields sent) and refuses immutable fields', async () => {
    const { emu, client } = await setup({ maxRetries: 0 }, frozen);
    const t = client.transport;
    emu.control.tunedModels.seed({
      id: 'p',
      baseModel: 'gemini-2.5-flash',
      displayName: 'Old',
      description: 'keep',
    });
    emu.control.clock.advance(60_000);
    const renamed = await tunedModels.patch(
      t,
      { name: 'tunedModels/p', updateMask: 'displayName' },
      {
        displayName: 'New',
        description: 'ignored: not in the mask',
      },
    );
    expect(renamed).toMatchObject({
      displayName: 'New',
      description: 'keep',
      updateTime: '2026-04-01T00:01:00.000000Z',
    });
    expect(emu.control.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      query: { updateMask: 'displayName' },
    });
    const cleared = await tunedModels.patch(
      t,
      { name: 'tunedModels/p', updateMask: 'description,top_k' },
      { topK: 5 },
    );
    expect(cleared).not.toHaveProperty('description');
    expect(cleared.topK).toBe(5);
    const unmasked = await tunedModels.patch(t, { name: 'tunedModels/p' }, { temperature: 0.2 });
    expect(unmasked.temperature).toBeCloseTo(0.2);
    const immutable = rpc(
      await rejection(
        tunedModels.patch(t, { name: 'tunedModels/p', updateMask: 'baseModel' }, { baseModel: 'models/x' }),
      ),
      400,
      'INVALID_ARGUMENT',
    );
    expect(immutable.message).toMatch(/mask names baseModel/);
    rpc(
      await rejection(tunedModels.patch(t, { name: 'tunedModels/p' }, { topP: 2 })),
      400,
      'INVALID_ARGUMENT',
    );
    rpc(await rejection(tunedModels.patch(t, { name: 'tunedModels/nope' }, { topP: 1 })), 404, 'NOT_FOUND');
  });
});

describe('tunedModels permissions and ownership', () => {
  it('creates, reads, lists, updates and deletes grants', async () => {
    const { emu, client } = await setup({ maxRetries: 0 }, frozen);
    const t = client.transport;
    // Seeds refuse a role that does not exist (it would pass every permission check).
    for (const callerRole of ['ADMIN', 'constructor'])
      expect(() =>
        emu.control.tunedModels.seed({
          id: 'bad',
          baseModel: 'gemini-2.5-flash',
          callerRole: callerRole as 'OWNER',
        }),
      ).toThrow(/callerRole must be READER, WRITER or OWNER/);
    emu.control.tunedModels.seed({ id: 'shared', baseModel: 'gemini-2.5-flash' });
    const parent = 'tunedModels/shared';
    const writer = await permissions.create(
      t,
      { parent },
      { granteeType: 'USER', emailAddress: 'ana@example.com', role: 'WRITER' },
    );
    expect(writer).toEqual({
      name: expect.stringMatching(/^tunedModels\/shared\/permissions\/[a-z0-9]{12}$/),
      granteeType: 'USER',
      emailAddress: 'ana@example.com',
      role: 'WRITER',
    });
    await permissions.create(
      t,
      { parent },
      { granteeType: 'GROUP', emailAddress: 'team@example.com', role: 'READER' },
    );
    const everyone = await permissions.create(t, { parent }, { granteeType: 'EVERYONE', role: 'READER' });
    expect(everyone).not.toHaveProperty('emailAddress');
    expect(await permissions.get(t, { name: writer.name! })).toEqual(writer);

    const page = await permissions.list(t, { parent, pageSize: 2 });
    expect(page.permissions).toHaveLength(2);
    const rest = await permissions.list(t, { parent, pageSize: 2, pageToken: page.nextPageToken! });
    expect(rest.permissions?.map((p) => p.granteeType)).toEqual(['EVERYONE']);
    expect((await tunedModels.list(t, { filter: 'readers:everyone' })).tunedModels?.[0]?.name).toBe(parent);

    const patched = await permissions.patch(
      t,
      { name: writer.name!, updateMask: 'role' },
      { role: 'READER' },
    );
    expect(patched.role).toBe('READER');

    const bad = async (p: Promise<unknown>, re: RegExp): Promise<void> => {
      expect(rpc(await rejection(p), 400, 'INVALID_ARGUMENT').message).toMatch(re);
    };
    await bad(
      permissions.patch(t, { name: writer.name! }, { role: 'WRITER' }),
      /update_mask is not specified/,
    );
    await bad(
      permissions.patch(t, { name: writer.name!, updateMask: 'emailAddress' }, { role: 'WRITER' }),
      /Only role/,
    );
    await bad(
      permissions.patch(t, { name: everyone.name!, updateMask: 'role' }, { role: 'WRITER' }),
      /EVERYONE/,
    );
    await bad(permissions.create(t, { parent }, { granteeType: 'USER', role: 'READER' }), /email_address/);
    await bad(
      permissions.create(t, { parent }, { granteeType: 'EVERYONE', emailAddress: 'a@b.co', role: 'READER' }),
      /must not be set/,
    );
    await bad(permissions.create(t, { parent }, { emailAddress: 'bob@example.com', role: 'OWNER' }), /OWNER/);
    await bad(
      permissions.create(t, { parent }, { emailAddress: 'not-an-email', role: 'READER' }),
      /valid email/,
    );
    await bad(
      permissions.create(t, { parent }, { emailAddress: 'bob@example.com' }),
      /role is not specified/,
    );
    const dup = await rejection(
      permissions.create(t, { parent }, { emailAddress: 'ANA@example.com', role: 'READER' }),
    );
    expect(dup).toBeInstanceOf(ConflictError);

    await permissions.delete(t, { name: writer.name! });
    rpc(await rejection(permissions.get(t, { name: writer.name! })), 404, 'NOT_FOUND');
    rpc(await rejection(permissions.list(t, { parent: 'tunedModels/missing' })), 404, 'NOT_FOUND');
  });

  it('transfers ownership: the new owner is listed and the caller becomes a writer', async () => {
    const { emu, client } = await setup({ maxRetries: 0 }, frozen);
    const t = client.transport;
    emu.control.tunedModels.seed({ id: 'mine', baseModel: 'gemini-2.5-flash' });
    const name = 'tunedModels/mine';
    rpc(
      await rejection(tunedModels.transferOwnership(t, { name }, { emailAddress: 'nope' })),
      400,
      'INVALID_ARGUMENT',
    );
    const missing = rpc(
      await rejection(tunedModels.transferOwnership(t, { name }, {})),
      400,
      'INVALID_ARGUMENT',
    );
    expect(missing.message).toBe(
      '* TransferOwnershipRequest.email_address: email_address is not specified\n',
    );
    expect((await tunedModels.list(t, { filter: 'owner:me' })).tunedModels).toHaveLength(1);

    expect(await tunedModels.transferOwnership(t, { name }, { emailAddress: 'boss@example.com' })).toEqual(
      {},
    );
    const grants = await permissions.list(t, { parent: name });
    expect(grants.permissions).toEqual([
      expect.objectContaining({ granteeType: 'USER', emailAddress: 'boss@example.com', role: 'OWNER' }),
    ]);
    expect((await tunedModels.list(t, { filter: 'owner:me' })).tunedModels).toBeUndefined();
    expect((await tunedModels.list(t, { filter: 'writers:me' })).tunedModels).toHaveLength(1);
    const denied = await rejection(tunedModels.delete(t, { name }));
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    rpc(denied, 403, 'PERMISSION_DENIED');
    rpc(
      await rejection(tunedModels.transferOwnership(t, { name }, { emailAddress: 'x@example.com' })),
      403,
      'PERMISSION_DENIED',
    );
    const owner = grants.permissions![0]!.name!;
    rpc(await rejection(permissions.delete(t, { name: owner })), 400, 'INVALID_ARGUMENT');
    // A writer still edits and shares.
    expect(
      (await tunedModels.patch(t, { name, updateMask: 'description' }, { description: 'still mine to edit' }))
        .description,
    ).toBe('still mine to edit');
  });
});

describe('generation on a tuned model', () => {
  it('answers like the base model: unary, stream, scripts, batches', async () => {
    const { emu, client } = await setup({ maxRetries: 0 }, frozen);
    const t = client.transport;
    emu.control.tunedModels.seed({ id: 'echo', baseModel: 'gemini-2.5-flash' });
    const model = 'tunedModels/echo';
    const req = { contents: [{ role: 'user', parts: [{ text: 'hello tuned world' }] }] };
    const res = await tunedModels.generateContent(t, { model }, req);
    expect(res.candidates?.[0]?.content?.parts?.[0]?.text).toBe('Echo: hello tuned world');
    expect(res.usageMetadata?.promptTokenCount).toBe(3);

    const chunks = await collect(tunedModels.streamGenerateContent(t, { model }, req));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.candidates?.[0]?.content?.parts?.[0]?.text ?? '').join('')).toBe(
      'Echo: hello tuned world',
    );

    emu.control.script(model, { text: 'from the tuned script' });
    emu.control.script('gemini-2.5-flash', { text: 'from the base script' });
    expect(
      (await tunedModels.generateContent(t, { model }, req)).candidates?.[0]?.content?.parts?.[0]?.text,
    ).toBe('from the tuned script');
    expect(
      (await tunedModels.generateContent(t, { model }, req)).candidates?.[0]?.content?.parts?.[0]?.text,
    ).toBe('from the base script');

    const batch = await tunedModels.batchGenerateContent(
      t,
      { model },
      {
        batch: {
          displayName: 'tuned batch',
          inputConfig: { requests: { requests: [{ request: { ...req, model } }] } },
        },
      },
    );
    expect(batch.name).toMatch(/^batches\//);
    expect(batch.metadata).toMatchObject({ model: 'models/gemini-2.5-flash' });
    await emu.control.batches.finish(batch.name!);
    const done = (await emu.control.batches.get(batch.name!)) as { done?: boolean; response?: unknown };
    expect(done.done).toBe(true);
    expect(JSON.stringify(done.response)).toContain('Echo: hello tuned world');
  });

  it('refuses unknown, unfinished and retired-base tuned models', async () => {
    const { emu, client } = await setup({ maxRetries: 0 }, frozen);
    const t = client.transport;
    const req = { contents: [{ parts: [{ text: 'x' }] }] };
    const unknown = rpc(
      await rejection(tunedModels.generateContent(t, { model: 'tunedModels/nope' }, req)),
      404,
      'NOT_FOUND',
    );
    expect(unknown.message).toMatch(/^tunedModels\/nope is not found for API version v1beta/);

    emu.control.tunedModels.seed({ id: 'broken', baseModel: 'gemini-2.5-flash', state: 'FAILED' });
    rpc(
      await rejection(tunedModels.generateContent(t, { model: 'tunedModels/broken' }, req)),
      400,
      'FAILED_PRECONDITION',
    );

    // The service's answer for a tuned model whose base model was retired (issue reports, June 2025).
    emu.control.tunedModels.seed({ id: 'old', baseModel: TUNABLE });
    const retired = rpc(
      await rejection(tunedModels.generateContent(t, { model: 'tunedModels/old' }, req)),
      404,
      'NOT_FOUND',
    );
    expect(retired.message).toMatch(
      /^models\/gemini-1\.5-flash-001-tuning is not found .* for generateContent\./,
    );
    const text = rpc(
      await rejection(
        tunedModels.generateText(t, { model: 'tunedModels/broken' }, { prompt: { text: 'x' } }),
      ),
      400,
      'FAILED_PRECONDITION',
    );
    expect(text.message).toMatch(/FAILED/);
    emu.control.tunedModels.seed({ id: 'ok', baseModel: 'gemini-2.5-flash' });
    rpc(
      await rejection(tunedModels.generateText(t, { model: 'tunedModels/ok' }, { prompt: { text: 'x' } })),
      404,
      'NOT_FOUND',
    );
  });
});
