// generateContent and embedding batches with inline requests against the emulator: the state machine,
// progress, results, per-request failures, cancel, fail/expire, update, list/get/delete, resume by name.
import { describe, expect, it } from 'vitest';
import { Batch } from '../../src/batches/index.js';
import {
  AbortError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  TimeoutError,
} from '../../src/core/errors.js';
import { OperationError } from '../../src/operations/error.js';
import { collect, MODEL, rejection, setup } from '../integration/helpers.js';
import { driveToEnd, frozen, questions } from './helpers.js';

describe('inline generateContent batches', () => {
  it('goes PENDING → RUNNING → SUCCEEDED and yields typed results with keys and metadata', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 1000, perRequestMs: 1000 });
    const batch = await client.batches.create({
      model: MODEL,
      displayName: 'nightly',
      requests: [
        { contents: 'first', key: 'a', metadata: { user: 7 } },
        { contents: [{ role: 'user', parts: [{ text: 'second' }] }], generationConfig: { temperature: 0 } },
        { request: { contents: [{ role: 'user', parts: [{ text: 'third' }] }] }, key: 'c' },
      ],
    });
    expect(batch).toBeInstanceOf(Batch);
    expect(batch.name).toMatch(/^batches\/[a-z0-9]{36}$/);
    expect(batch.state).toBe('PENDING');
    expect(batch.progress).toMatchObject({ requestCount: 3, pendingRequestCount: 3, fraction: 0 });
    const sent = emu.control.requests.at(-1)!;
    expect(sent.path).toBe(`/v1beta/models/${MODEL}:batchGenerateContent`);
    expect(sent.body).toMatchObject({
      batch: {
        model: `models/${MODEL}`,
        displayName: 'nightly',
        inputConfig: {
          requests: {
            requests: [
              {
                request: {
                  model: `models/${MODEL}`,
                  contents: [{ role: 'user', parts: [{ text: 'first' }] }],
                },
                metadata: { user: 7, key: 'a' },
              },
              { request: { generationConfig: { temperature: 0 } } },
              { metadata: { key: 'c' } },
            ],
          },
        },
      },
    });

    const fractions: number[] = [];
    const states = await driveToEnd(emu, batch, 1000, {
      onProgress: (b) => fractions.push(b.progress.fraction),
    });
    expect(states).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(batch.done).toBe(true);
    expect(batch.error).toBeUndefined();
    expect(batch.progress).toMatchObject({
      requestCount: 3,
      successfulRequestCount: 3,
      pendingRequestCount: 0,
      fraction: 1,
    });
    expect(batch.resource.endTime).toBeTruthy();

    const results = await collect(batch.results());
    expect(results.map((r) => [r.index, r.key, r.ok])).toEqual([
      [0, 'a', true],
      [1, undefined, true],
      [2, 'c', true],
    ]);
    expect(results[0]!.metadata).toEqual({ user: 7, key: 'a' });
    expect(results.map((r) => (r.ok ? r.response.text : ''))).toEqual([
      'Echo: first',
      'Echo: second',
      'Echo: third',
    ]);
  });

  it('runs 1,000 inline requests and reports progress from the stats', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 10 });
    const batch = await client.batches.create({
      model: MODEL,
      requests: questions(1000).map((q, i) => ({ ...q, key: `k${i}` })),
    });
    const pending: number[] = [];
    await driveToEnd(emu, batch, 2500, { onProgress: (b) => pending.push(b.progress.pendingRequestCount) });
    expect(pending.length).toBeGreaterThan(2);
    expect(pending).toEqual([...pending].sort((a, b) => b - a));
    expect(batch.state).toBe('SUCCEEDED');
    let n = 0;
    for await (const r of batch.results()) {
      expect(r.key).toBe(`k${n}`);
      expect(r.ok && r.response.text).toBe(`Echo: q${n}`);
      n++;
    }
    expect(n).toBe(1000);
  });

  it('carries per-request failures as typed errors and counts them', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    emu.control.script(MODEL, { text: 'fine' }, { error: { code: 429, message: 'Quota exceeded.' } });
    const batch = await client.batches.create({ model: MODEL, requests: questions(3) });
    await driveToEnd(emu, batch);
    expect(batch.progress).toMatchObject({ successfulRequestCount: 2, failedRequestCount: 1 });
    const [ok, failed, echo] = await collect(batch.results());
    expect(ok!.ok && ok!.response.text).toBe('fine');
    expect(failed!.ok).toBe(false);
    expect(failed!.error).toBeInstanceOf(OperationError);
    expect(failed!.error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', rpcCode: 8 });
    expect(failed!.error!.message).toContain('Quota exceeded.');
    expect(echo!.ok && echo!.response.text).toBe('Echo: q2');
  });

  it('honours cachedContent inside batch requests', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    const cache = await client.caches.create({ model: MODEL, contents: 'shared context '.repeat(50) });
    const batch = await client.batches.create({
      model: MODEL,
      requests: [{ contents: 'q', cachedContent: cache.name! }],
    });
    await driveToEnd(emu, batch);
    const [r] = await collect(batch.results());
    expect(r!.ok && r!.response.usageMetadata?.cachedContentTokenCount).toBe(
      cache.usageMetadata!.totalTokenCount,
    );
  });
});

describe('ending early', () => {
  it('cancels mid-run: CANCELLED, partial stats, results refuse with the typed error', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 1000 });
    const batch = await client.batches.create({ model: MODEL, requests: questions(10) });
    emu.control.clock.advance(4500);
    await batch.refresh();
    expect(batch.state).toBe('RUNNING');
    expect(batch.progress.successfulRequestCount).toBe(4);
    await batch.cancel();
    const states = await driveToEnd(emu, batch);
    expect(states.at(-1)).toBe('CANCELLED');
    expect(batch.progress).toMatchObject({ successfulRequestCount: 4, pendingRequestCount: 6 });
    expect(batch.error).toMatchObject({ code: 'CANCELLED', rpcCode: 1 });
    expect(await rejection(collect(batch.results()))).toBeInstanceOf(OperationError);
    const again = await rejection(client.batches.cancel(batch.name));
    expect(again).toBeInstanceOf(BadRequestError);
    expect((again as BadRequestError).code).toBe('FAILED_PRECONDITION');
  });

  it('surfaces a batch failed on demand and an expired batch', async () => {
    const { emu, client } = await setup({}, frozen);
    const failed = await client.batches.create({ model: MODEL, requests: questions(2) });
    await emu.control.batches.fail(failed.name, { code: 13, message: 'Backend exploded.' });
    await failed.wait({ pollInterval: 1 });
    expect(failed.state).toBe('FAILED');
    expect(failed.error).toBeInstanceOf(OperationError);
    expect(failed.error).toMatchObject({ code: 'INTERNAL', operation: failed.name });
    expect(failed.error!.message).toContain('Backend exploded.');
    const viaOperation = await rejection(failed.asOperation().wait({ initialDelay: 1 }));
    expect(viaOperation).toBeInstanceOf(OperationError);

    emu.control.batches.configure({ perRequestMs: 60 * 60 * 1000 });
    const slow = await client.batches.create({ model: MODEL, requests: questions(100) });
    emu.control.clock.advance(48 * 60 * 60 * 1000);
    await slow.wait({ pollInterval: 1 });
    expect(slow.state).toBe('EXPIRED');
    expect(slow.error?.code).toBe('DEADLINE_EXCEEDED');
  });
});

describe('waiting', () => {
  it('stops with AbortError when its signal aborts, and with TimeoutError on timeout', async () => {
    const { client } = await setup({}, frozen);
    const batch = await client.batches.create({ model: MODEL, requests: questions(1) });
    const ac = new AbortController();
    const t0 = Date.now();
    const waiting = batch.wait({ pollInterval: 5, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user gave up')), 30);
    expect(await rejection(waiting)).toBeInstanceOf(AbortError);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await rejection(batch.wait({ pollInterval: 5, timeout: 40 }))).toBeInstanceOf(TimeoutError);
  });

  it('resumes from just the name', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    const { name } = await client.batches.create({ model: MODEL, requests: questions(2) });
    const done = await client.batches.wait(name.split('/')[1]!, { pollInterval: 1 });
    expect(done.state).toBe('SUCCEEDED');
    expect((await collect(done.results())).length).toBe(2);
    const aborted = await rejection(
      collect((await client.batches.get(name)).results({ signal: AbortSignal.abort() })),
    );
    expect(aborted).toBeInstanceOf(AbortError);
  });

  it('refuses results before the batch is done', async () => {
    const { client } = await setup({}, frozen);
    const batch = await client.batches.create({ model: MODEL, requests: questions(1) });
    const err = await rejection(collect(batch.results()));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(/PENDING: wait\(\)/);
  });
});

describe('get, list, update, delete', () => {
  it('lists across pages, gets, updates and deletes', async () => {
    const { emu, client } = await setup({}, frozen);
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push(
        (await client.batches.create({ model: MODEL, requests: questions(1), displayName: `b${i}` })).name,
      );
    const page = await client.batches.list({ pageSize: 2 });
    expect(page.batches).toHaveLength(2);
    expect(page.batches![0]).toBeInstanceOf(Batch);
    const all = await collect(client.batches.list({ pageSize: 2 }));
    expect(all.map((b) => b.name).sort()).toEqual([...made].sort());

    const got = await client.batches.get(made[0]!);
    expect(got.kind).toBe('generate');
    const updated = await got.update({ displayName: 'renamed', priority: 5 });
    expect(updated).toMatchObject({ displayName: 'renamed', priority: '5' });
    expect(emu.control.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/v1beta/${made[0]}:updateGenerateContentBatch`,
      query: { updateMask: 'displayName,priority' },
    });
    expect((await client.batches.update(made[1]!, { priority: -1 })).priority).toBe('-1');

    await client.batches.delete(made[0]!);
    expect(await rejection(client.batches.get(made[0]!))).toBeInstanceOf(NotFoundError);
    await emu.control.batches.finish(made[1]!);
    expect(await rejection(client.batches.update(made[1]!, { displayName: 'late' }))).toBeInstanceOf(
      BadRequestError,
    );
  });

  it('rejects bad input locally, before any request', async () => {
    const { emu, client } = await setup({}, frozen);
    const bad = [
      () => client.batches.create({ model: MODEL }),
      () => client.batches.create({ model: MODEL, requests: [], file: 'files/abc' }),
      () => client.batches.create({ model: MODEL, requests: [] }),
      () =>
        client.batches.create({ model: MODEL, requests: [{ contents: 'x', key: 1 as unknown as string }] }),
      () => client.batches.create({ model: MODEL, requests: questions(1), priority: 1.5 }),
      () => client.batches.create({ model: MODEL, file: 'not a file!' }),
      () => client.batches.create({ model: '', requests: questions(1) }),
      () =>
        client.batches.createEmbeddings({
          model: 'gemini-embedding-001',
          requests: [{} as { content: string }],
        }),
      () => client.batches.update('batches/x', {}, { kind: 'generate' }),
      () => client.batches.get(''),
    ];
    for (const call of bad) expect(await rejection(call())).toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
  });
});

describe('embedding batches', () => {
  it('embeds inline requests like embedContent does', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.batches.configure({ pendingMs: 1000, perRequestMs: 0 });
    const model = 'gemini-embedding-001';
    const batch = await client.batches.createEmbeddings({
      model,
      requests: [
        { content: 'hello', key: 'h', outputDimensionality: 8 },
        { content: 'world', taskType: 'RETRIEVAL_DOCUMENT', title: 'w', outputDimensionality: 8 },
        { content: 'too big', outputDimensionality: 999_999 },
      ],
    });
    expect(batch.kind).toBe('embed');
    expect(emu.control.requests.at(-1)?.path).toBe(`/v1beta/models/${model}:asyncBatchEmbedContent`);
    expect((await batch.update({ displayName: 'vectors' })).displayName).toBe('vectors');
    expect(emu.control.requests.at(-1)?.path).toBe(`/v1beta/${batch.name}:updateEmbedContentBatch`);
    await driveToEnd(emu, batch);
    expect((await client.batches.get(batch.name)).kind).toBe('embed');
    const [h, w, big] = await collect(batch.results());
    const single = await client.models.embedContent({ model, content: 'hello', outputDimensionality: 8 });
    expect(h!.key).toBe('h');
    expect(h!.ok && h!.response.embedding?.values).toEqual(single.embedding?.values);
    expect(w!.ok && w!.response.embedding?.values).toHaveLength(8);
    expect(big!.ok).toBe(false);
    expect(big!.error?.code).toBe('INVALID_ARGUMENT');
    const renamed = await client.batches.update(batch.name, { displayName: 'x' }).catch((e: unknown) => e);
    expect(renamed).toBeInstanceOf(BadRequestError); // finished already
  });
});
