// Context caches against the emulator: CRUD, ttl/expireTime round trips, local validation, expiry on the
// emulator's fake clock, and use of a cache in generateContent (cachedContentTokenCount).
import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidArgumentError, PermissionDeniedError } from '../../src/core/errors.js';
import { callsTo, collect, KEY, MODEL, rejection, setup } from '../integration/helpers.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const frozen = { clock: { start: T0, frozen: true } };
const CONTEXT = 'a long shared context '.repeat(200);

describe('caches CRUD', () => {
  it('creates, gets, lists, updates and deletes', async () => {
    const { emu, client } = await setup({}, frozen);
    const cache = await client.caches.create({
      model: MODEL,
      contents: CONTEXT,
      ttl: '300s',
      displayName: 'ctx',
    });
    expect(cache.name).toMatch(/^cachedContents\/[a-z0-9]{40}$/);
    expect(cache.model).toBe(`models/${MODEL}`);
    expect(cache.displayName).toBe('ctx');
    expect(Date.parse(cache.expireTime!)).toBe(T0 + 300_000);
    expect(cache.usageMetadata?.totalTokenCount).toBe(800);
    expect(emu.control.requests.at(-1)?.body).toMatchObject({ model: `models/${MODEL}`, ttl: '300s' });

    expect(await client.caches.get(cache.name!)).toEqual(cache);
    expect((await client.caches.get(cache.name!.split('/')[1]!)).name).toBe(cache.name);

    const updated = await client.caches.update(cache, { ttl: 600 });
    expect(Date.parse(updated.expireTime!)).toBe(T0 + 600_000);
    expect(emu.control.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      query: { updateMask: 'ttl' },
      body: { ttl: '600s' },
    });

    const at = new Date(T0 + 3_600_000);
    const moved = await client.caches.update(cache.name!, { expireTime: at });
    expect(Date.parse(moved.expireTime!)).toBe(at.getTime());
    expect(emu.control.requests.at(-1)?.query).toMatchObject({ updateMask: 'expireTime' });

    await client.caches.delete({ name: cache.name });
    const err = await rejection(client.caches.get(cache.name!));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as Error).message).toMatch(/CachedContent not found/);
  });

  it('lists across pages', async () => {
    const { client } = await setup({}, frozen);
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await client.caches.create({ model: MODEL, contents: `doc ${i}` })).name!);
    const first = await client.caches.list({ pageSize: 2 });
    expect(first.cachedContents).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const names = (await collect(client.caches.list({ pageSize: 2 }))).map((c) => c.name);
    expect(names.sort()).toEqual([...made].sort());
  });

  it('defaults to one hour and keeps the system instruction and tools out of the answer', async () => {
    const { emu, client } = await setup({}, frozen);
    const cache = await client.caches.create({
      model: MODEL,
      systemInstruction: 'You are terse.',
      tools: [{ functionDeclarations: [{ name: 'lookup', description: 'look up' }] }],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    });
    expect(Date.parse(cache.expireTime!)).toBe(T0 + 3_600_000);
    expect(cache).not.toHaveProperty('systemInstruction');
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'You are terse.' }] },
    });
  });
});

describe('ttl and expireTime', () => {
  it('round-trips an RFC 3339 expireTime and a fractional ttl', async () => {
    const { client } = await setup({}, frozen);
    const when = '2026-01-01T02:00:00.5Z';
    const a = await client.caches.create({ model: MODEL, contents: 'x', expireTime: when });
    expect(Date.parse(a.expireTime!)).toBe(Date.parse(when));
    const b = await client.caches.create({ model: MODEL, contents: 'x', ttl: 1.5 });
    expect(Date.parse(b.expireTime!)).toBe(T0 + 1500);
  });

  it('rejects bad or conflicting expiry locally, before any request', async () => {
    const { emu, client } = await setup({}, frozen);
    const bad = [
      () => client.caches.create({ model: MODEL, contents: 'x', ttl: 60, expireTime: new Date(T0 + 1000) }),
      () => client.caches.create({ model: MODEL, contents: 'x', ttl: '5m' as '5s' }),
      () => client.caches.create({ model: MODEL, contents: 'x', ttl: -1 }),
      () => client.caches.create({ model: MODEL, contents: 'x', expireTime: 'tomorrow' }),
      () => client.caches.update('cachedContents/x', {}),
      () => client.caches.update('cachedContents/x', { ttl: 1, expireTime: new Date() }),
      () => client.caches.get(''),
    ];
    for (const p of bad) expect(await rejection(p())).toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
  });

  it('answers 400 for an expireTime in the past', async () => {
    const { client } = await setup({}, frozen);
    const err = await rejection(
      client.caches.create({ model: MODEL, contents: 'x', expireTime: new Date(T0 - 1) }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
  });
});

describe('expiry on the emulator clock', () => {
  it('expires a cache when its time comes, without sleeping', async () => {
    const { emu, client } = await setup({}, frozen);
    const cache = await client.caches.create({ model: MODEL, contents: CONTEXT, ttl: 60 });
    emu.control.clock.advance(59_999);
    expect((await client.caches.get(cache.name!)).name).toBe(cache.name);
    emu.control.clock.advance(1);
    expect(await rejection(client.caches.get(cache.name!))).toBeInstanceOf(PermissionDeniedError);
    expect(await collect(client.caches.list())).toEqual([]);
    const gen = await rejection(
      client.models.generateContent({ model: MODEL, contents: 'hi', cachedContent: cache.name! }),
    );
    expect(gen).toBeInstanceOf(PermissionDeniedError);
  });

  it('an update pushes the expiry back', async () => {
    const { emu, client } = await setup({}, frozen);
    const cache = await client.caches.create({ model: MODEL, contents: 'x', ttl: 60 });
    emu.control.clock.advance(50_000);
    await client.caches.update(cache, { ttl: 60 });
    emu.control.clock.advance(50_000);
    expect((await client.caches.get(cache)).name).toBe(cache.name);
  });
});

describe('using a cache', () => {
  it('reports cachedContentTokenCount in generateContent and streams', async () => {
    const { client } = await setup({}, frozen);
    const cache = await client.caches.create({ model: MODEL, contents: CONTEXT, ttl: 300 });
    const cached = cache.usageMetadata!.totalTokenCount!;
    const plain = await client.models.generateContent({ model: MODEL, contents: 'What is it about?' });
    const res = await client.models.generateContent({
      model: MODEL,
      contents: 'What is it about?',
      cachedContent: cache.name!,
    });
    expect(res.usageMetadata?.cachedContentTokenCount).toBe(cached);
    expect(res.usageMetadata?.promptTokenCount).toBe(plain.usageMetadata!.promptTokenCount! + cached);
    expect(res.usageMetadata?.totalTokenCount).toBe(plain.usageMetadata!.totalTokenCount! + cached);
    expect(res.usageMetadata?.cacheTokensDetails).toEqual([{ modality: 'TEXT', tokenCount: cached }]);

    const stream = client.models.generateContentStream({
      model: MODEL,
      contents: 'again',
      cachedContent: cache.name!,
    });
    const final = await stream.finalResponse();
    expect(final.usageMetadata?.cachedContentTokenCount).toBe(cached);
  });

  it('rejects a cache of another model and request fields the cache fixes', async () => {
    const { client } = await setup({}, frozen);
    const cache = await client.caches.create({ model: MODEL, contents: CONTEXT });
    const other = await rejection(
      client.models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi', cachedContent: cache.name! }),
    );
    expect(other).toBeInstanceOf(BadRequestError);
    expect((other as Error).message).toMatch(/has to be the same/);
    const sys = await rejection(
      client.models.generateContent({
        model: MODEL,
        contents: 'hi',
        systemInstruction: 'x',
        cachedContent: cache.name!,
      }),
    );
    expect((sys as Error).message).toMatch(/system_instruction, tools or tool_config/);
  });

  it('enforces a minimum size when configured', async () => {
    const { emu, client } = await setup({}, frozen);
    emu.control.caches.configure({ minTokens: 1024 });
    const err = await rejection(client.caches.create({ model: MODEL, contents: CONTEXT }));
    expect((err as Error).message).toMatch(/too small\. total_token_count=800, min_total_token_count=1024/);
    expect(emu.control.caches.list()).toEqual([]);
  });

  it('accepts the recorded PATCH without an update mask', async () => {
    const { emu, client } = await setup({}, frozen);
    const cache = await client.caches.create({ model: MODEL, contents: 'x', ttl: 300 });
    const res = await fetch(`${emu.url}/v1beta/${cache.name}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({ ttl: '600s' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'name',
      'model',
      'createTime',
      'updateTime',
      'expireTime',
      'displayName',
      'usageMetadata',
    ]);
    expect(Date.parse(body['expireTime'] as string)).toBe(T0 + 600_000);
    expect(callsTo(emu, 'cachedContents.patch')).toBe(1);
  });
});
