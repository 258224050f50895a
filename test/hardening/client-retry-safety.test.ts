// Issue 14 item 5: retry safety is a property of each method, decided by one table (`isSafeToResend`),
// and a create whose answer is lost after the server acted is never sent twice. Each method family is
// driven against the emulator with `cutNext` (the server acts, sends the headers and a few bytes, then
// drops the connection): exactly one request reaches the server and exactly one resource exists.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import * as corpora from '../../generated/methods/corpora.js';
import * as tunedModels from '../../generated/methods/tunedModels.js';
import { manifest } from '../../generated/manifest.js';
import {
  ConnectionError,
  HttpTransport,
  ServerError,
  TimeoutError,
  UnknownOutcomeError,
} from '../../src/core/index.js';
import { isRetryable, isSafeToResend } from '../../src/core/retry.js';
import type { Gemini } from '../../src/client.js';
import type { RunningEmulator } from '../../emulator/index.js';
import { callsTo, collect, memoryLogger, MODEL, rejection, setup } from '../integration/helpers.js';

/** Every POST of the manifest that creates or changes something: never re-sent after it may have arrived. */
const UNSAFE = [
  'authTokens.create',
  'cachedContents.create',
  'corpora.create',
  'corpora.permissions.create',
  'fileSearchStores.create',
  'fileSearchStores.importFile',
  'files.register',
  'interactions.create',
  'media.upload',
  'media.uploadToFileSearchStore',
  'models.asyncBatchEmbedContent',
  'models.batchGenerateContent',
  'models.predictLongRunning',
  'tunedModels.asyncBatchEmbedContent',
  'tunedModels.batchGenerateContent',
  'tunedModels.create',
  'tunedModels.permissions.create',
  'tunedModels.transferOwnership',
];

describe('the retry-safety table', () => {
  it('classifies every manifest method: reads, deletes, updates and pure computations are safe; the creates are not', () => {
    const unsafe = manifest.filter((m) => !isSafeToResend(m.httpMethod, m.id)).map((m) => m.id);
    expect(unsafe.sort()).toEqual(UNSAFE);
    for (const m of manifest) {
      if (m.httpMethod !== 'POST') expect(isSafeToResend(m.httpMethod, m.id), m.id).toBe(true);
    }
    for (const id of [
      'models.generateContent',
      'models.streamGenerateContent',
      'models.countTokens',
      'models.embedContent',
      'models.batchEmbedContents',
      'dynamic.generateContent',
      'tunedModels.generateContent',
      'models.predict',
      'batches.cancel',
    ]) {
      expect(isSafeToResend('POST', id), id).toBe(true);
    }
    expect(isSafeToResend('POST'), 'a hand-built POST counts as a create').toBe(false);
  });

  it('one rule for every caller: an answer before acting (429/503) is retried either way; a lost answer only when safe', () => {
    const refused = new ConnectionError('connection error: fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    const reset = new ConnectionError('connection error: terminated', {
      cause: new TypeError('terminated', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
    });
    const timeout = new TimeoutError('request timed out after 5 ms');
    for (const safe of [true, false]) {
      expect(isRetryable(refused, safe)).toBe(true);
      expect(isRetryable(reset, safe)).toBe(safe);
      expect(isRetryable(timeout, safe)).toBe(safe);
    }
  });
});

interface Family {
  /** The client call that creates one resource. */
  create(client: Gemini, emu: RunningEmulator): Promise<unknown>;
  /** How many of those resources exist now. */
  count(client: Gemini, emu: RunningEmulator): Promise<number>;
}

const TUNABLE = 'models/gemini-1.5-flash-001-tuning';
const VEO = 'veo-3.1-lite-generate-preview';

/** One create per method family, each with a way to count what exists afterwards. */
const FAMILIES: Record<string, Family> = {
  'models.batchGenerateContent': {
    create: (c) => c.batches.create({ model: MODEL, requests: [{ contents: 'a' }] }),
    count: async (_c, emu) => (await emu.control.batches.list()).length,
  },
  'models.asyncBatchEmbedContent': {
    create: (c) =>
      c.batches.createEmbeddings({ model: 'gemini-embedding-001', requests: [{ content: 'a' }] }),
    count: async (_c, emu) => (await emu.control.batches.list()).length,
  },
  'cachedContents.create': {
    create: (c) => c.caches.create({ model: MODEL, contents: 'a long document' }),
    count: async (c) => (await collect(c.caches.list())).length,
  },
  'fileSearchStores.create': {
    create: (c) => c.fileSearchStores.create({ displayName: 'store' }),
    count: async (c) => (await collect(c.fileSearchStores.list())).length,
  },
  'models.predictLongRunning': {
    create: (c) => c.videos.generate({ model: VEO, prompt: 'a paid video job' }),
    count: async (c) => (await collect(c.operations.list(`models/${VEO}`))).length,
  },
  'tunedModels.create': {
    create: (c, emu) => {
      emu.control.models.add({
        name: TUNABLE,
        supportedGenerationMethods: ['generateContent', 'createTunedModel'],
      });
      const examples = Array.from({ length: 10 }, (_, i) => ({ textInput: `${i}`, output: `${i + 1}` }));
      return tunedModels.create(
        c.transport,
        {},
        { baseModel: TUNABLE, tuningTask: { trainingData: { examples: { examples } } } },
      );
    },
    count: async (c) => (await tunedModels.list(c.transport, {})).tunedModels?.length ?? 0,
  },
  'corpora.create': {
    create: (c) => corpora.create(c.transport, {}, { displayName: 'corpus' }),
    count: async (c) => (await corpora.list(c.transport, {})).corpora?.length ?? 0,
  },
  'authTokens.create': {
    create: (c) => c.authTokens.create({ uses: 1 }),
    count: async (_c, emu) => callsTo(emu, 'authTokens.create'),
  },
  'interactions.create': {
    create: (c) => c.interactions.create({ model: MODEL, input: 'hello' }),
    count: async (_c, emu) => callsTo(emu, 'interactions.create'),
  },
};

describe('a create whose answer is lost after the server acted is not sent again', () => {
  for (const [methodId, family] of Object.entries(FAMILIES)) {
    it(`${methodId}: UnknownOutcomeError, one request, one resource`, async () => {
      const { emu, client } = await setup({ maxRetries: 3 });
      emu.control.faults.cutNext(5, { methodId });
      const error = await rejection(family.create(client, emu));
      expect(error).toBeInstanceOf(UnknownOutcomeError);
      expect(error).toBeInstanceOf(ConnectionError); // existing `instanceof ConnectionError` checks still match
      expect((error as Error).message).toContain(methodId);
      expect((error as Error).message).toMatch(/may have reached the server.*check whether it exists/s);
      expect((error as Error).cause).toBeInstanceOf(ConnectionError);
      expect(callsTo(emu, methodId)).toBe(1);
      expect(await family.count(client, emu)).toBe(1);
    });
  }

  it('a create refused before acting (503, 429) is retried and made once', async () => {
    const { emu, client } = await setup({ maxRetries: 3 });
    emu.control.faults.failNext(1, { methodId: 'models.batchGenerateContent', code: 503 });
    emu.control.faults.failNext(1, { methodId: 'models.batchGenerateContent', code: 429 });
    await client.batches.create({ model: MODEL, requests: [{ contents: 'a' }] });
    expect(callsTo(emu, 'models.batchGenerateContent')).toBe(3);
    expect(await emu.control.batches.list()).toHaveLength(1);
  });

  it('a create answered 500 is not retried (the server may have acted)', async () => {
    const { emu, client } = await setup({ maxRetries: 3 });
    emu.control.faults.failNext(1, { methodId: 'cachedContents.create', code: 500 });
    expect(await rejection(client.caches.create({ model: MODEL, contents: 'doc' }))).toBeInstanceOf(
      ServerError,
    );
    expect(callsTo(emu, 'cachedContents.create')).toBe(1);
  });

  it('a create that times out is not sent again: UnknownOutcomeError caused by the TimeoutError', async () => {
    const { emu, client } = await setup({ maxRetries: 3, timeout: 100 });
    emu.control.faults.delayNext(600, { methodId: 'fileSearchStores.create' });
    const error = await rejection(client.fileSearchStores.create({ displayName: 'slow' }));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as Error).cause).toBeInstanceOf(TimeoutError);
    expect(callsTo(emu, 'fileSearchStores.create')).toBe(1);
  });

  it('idempotent: true lets the caller allow re-sending a create', async () => {
    const { emu, client } = await setup({ maxRetries: 3 });
    emu.control.faults.cutNext(5, { methodId: 'fileSearchStores.create' });
    await client.fileSearchStores.create({ displayName: 'twice' }, { idempotent: true });
    expect(callsTo(emu, 'fileSearchStores.create')).toBe(2);
    expect(await collect(client.fileSearchStores.list())).toHaveLength(2);
  });

  it('a create whose connection is refused (never sent) is retried', async () => {
    const closed = http.createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', () => ok()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const logger = memoryLogger();
    const t = new HttpTransport({
      apiKey: 'k',
      baseUrl: `http://127.0.0.1:${port}`,
      apiVersion: 'v1beta',
      maxRetries: 2,
      backoff: { baseDelay: 1, maxDelay: 2 },
      logger,
    });
    const error = await rejection(corpora.create(t, {}, { displayName: 'x' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(UnknownOutcomeError);
    expect(logger.lines.filter((l) => l.message === 'retry')).toHaveLength(2);
  });
});

describe('safe methods are re-sent after a lost answer', () => {
  it('generateContent, countTokens, embedContent and a GET recover from a cut answer', async () => {
    const { emu, client } = await setup({ maxRetries: 2 });
    const calls: [string, () => Promise<unknown>][] = [
      ['models.generateContent', () => client.models.generateContent({ model: MODEL, contents: 'hi' })],
      ['models.countTokens', () => client.models.countTokens({ model: MODEL, contents: 'hi' })],
      [
        'models.embedContent',
        () => client.models.embedContent({ model: 'gemini-embedding-001', content: 'hi' }),
      ],
      ['models.get', () => client.models.get(MODEL)],
    ];
    for (const [methodId, call] of calls) {
      emu.control.faults.cutNext(5, { methodId });
      await expect(call(), methodId).resolves.toBeDefined();
      expect(callsTo(emu, methodId), methodId).toBe(2);
    }
  });
});
