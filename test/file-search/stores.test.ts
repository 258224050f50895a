// File search stores against the emulator: CRUD, uploads and imports through operations, documents,
// operation errors and resumption, and grounding through generateContent's fileSearch tool.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidArgumentError, NotFoundError } from '../../src/core/errors.js';
import { fileSearchTool, retrievedContexts } from '../../src/file-search/index.js';
import { OperationError, resumeOperation } from '../../src/operations/index.js';
import { pieces, setup, tempFile } from '../upload/support.js';

const quick = { initialDelay: 5, maxDelay: 20 };
const PARIS = 'Paris is the capital of France. The Eiffel Tower is a famous landmark in Paris.\n';
const ROME = 'Rome is the capital of Italy. The Colosseum is an ancient amphitheatre.\n';

describe('fileSearchStores', () => {
  it('creates, gets, lists and deletes stores (force when not empty)', async () => {
    const { client } = await setup();
    const a = await client.fileSearchStores.create({ displayName: 'test-file-search-grounding-stream' });
    expect(a.name).toMatch(/^fileSearchStores\/testfilesearchgroundingstre-[a-z0-9]{12}$/);
    expect(a).toMatchObject({
      displayName: 'test-file-search-grounding-stream',
      embeddingModel: 'models/gemini-embedding-001',
    });
    const b = await client.fileSearchStores.create();
    expect(b.name).toMatch(/^fileSearchStores\/[a-z0-9]{12}$/);
    expect(await client.fileSearchStores.get(a.name ?? '')).toEqual(a);
    expect(await client.fileSearchStores.get(a)).toEqual(a);
    const names: string[] = [];
    for await (const s of client.fileSearchStores.list({ pageSize: 1 })) names.push(s.name ?? '');
    expect(names).toEqual([a.name, b.name]);

    const op = await client.fileSearchStores.uploadToFileSearchStore(a, Buffer.from(PARIS), {
      mimeType: 'text/plain',
    });
    await op.wait(quick);
    await expect(client.fileSearchStores.delete(a)).rejects.toBeInstanceOf(BadRequestError);
    await client.fileSearchStores.delete(a, { force: true });
    await client.fileSearchStores.delete(b);
    await expect(client.fileSearchStores.get(a)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.fileSearchStores.get('a/b')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('uploads into a store through the resumable engine; the operation creates the document', async () => {
    const { emu, client } = await setup({ clock: { frozen: true } });
    const store = await client.fileSearchStores.create({ displayName: 'docs' });
    const op = await client.fileSearchStores.uploadToFileSearchStore(
      store,
      tempFile(Buffer.from(PARIS), 'paris.txt'),
      {
        displayName: 'Paris facts',
        customMetadata: { source_url: 'https://example.com/paris', year: 2024, tags: ['city', 'france'] },
        chunkingConfig: { whiteSpaceConfig: { maxTokensPerChunk: 50, maxOverlapTokens: 5 } },
      },
    );
    expect(op.name).toMatch(new RegExp(`^${store.name}/upload/operations/[a-z0-9]+$`));
    expect(op.done).toBe(false);
    const start = emu.control.requests.find((r) => r.headers['x-goog-upload-command'] === 'start');
    expect(start?.path).toBe(`/upload/v1beta/${store.name}:uploadToFileSearchStore`);
    expect(start?.headers['x-goog-upload-header-content-type']).toBe('text/plain');

    const pending = await client.fileSearchStores.get(store);
    expect(pending.pendingDocumentsCount).toBe('1');
    const progress: boolean[] = [];
    const waiting = op.wait({ ...quick, onProgress: (o) => progress.push(o.done) });
    setTimeout(() => emu.control.clock.advance(1000), 40);
    const response = await waiting;
    expect(progress.at(-1)).toBe(true);
    expect(response).toMatchObject({
      parent: store.name,
      mimeType: 'text/plain',
      sizeBytes: String(PARIS.length),
    });
    expect(response.documentName).toMatch(new RegExp(`^${store.name}/documents/parisfacts-[a-z0-9]{12}$`));

    const doc = await client.fileSearchStores.documents.get(response.documentName ?? '');
    expect(doc).toMatchObject({
      displayName: 'Paris facts',
      state: 'STATE_ACTIVE',
      mimeType: 'text/plain',
      sizeBytes: String(PARIS.length),
    });
    expect(doc.customMetadata).toEqual([
      { key: 'source_url', stringValue: 'https://example.com/paris' },
      { key: 'year', numericValue: 2024 },
      { key: 'tags', stringListValue: { values: ['city', 'france'] } },
    ]);
    const after = await client.fileSearchStores.get(store);
    expect(after).toMatchObject({ activeDocumentsCount: '1', sizeBytes: String(PARIS.length) });
    expect(after.pendingDocumentsCount).toBeUndefined();

    const docs = [];
    for await (const d of client.fileSearchStores.documents.list(store)) docs.push(d.name);
    expect(docs).toEqual([doc.name]);
    await expect(client.fileSearchStores.documents.delete(doc)).rejects.toBeInstanceOf(BadRequestError);
    await client.fileSearchStores.documents.delete(doc, { force: true });
    await expect(client.fileSearchStores.documents.get(doc)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('recovers a store upload from a cut connection (same engine)', async () => {
    const { emu, client } = await setup();
    emu.control.fileSearch.configure({ indexingDelayMs: 0 });
    emu.control.files.configure({ chunkGranularity: 16 });
    emu.control.files.cutUploadAt(40);
    const store = await client.fileSearchStores.create();
    const op = await client.fileSearchStores.uploadToFileSearchStore(
      store,
      Readable.from(pieces(Buffer.from(PARIS), 7)),
      {
        mimeType: 'text/plain',
        chunkSize: 32,
        backoff: { baseDelay: 1 },
      },
    );
    expect(op.done).toBe(true);
    expect(op.response?.sizeBytes).toBe(String(PARIS.length));
  });

  it('imports a Files API file; operations resume by name; failures are typed', async () => {
    const { emu, client } = await setup();
    const store = await client.fileSearchStores.create({ displayName: 'imports' });
    const file = await client.files.upload(Buffer.from(ROME), {
      mimeType: 'text/plain',
      displayName: 'rome.txt',
    });
    const op = await client.fileSearchStores.importFile(store, file, {
      customMetadata: [{ key: 'lang', stringValue: 'en' }],
    });
    expect(op.name).toMatch(new RegExp(`^${store.name}/operations/`));
    const resumed = resumeOperation(client.transport, op.name);
    const res = (await resumed.wait(quick)) as { documentName?: string };
    expect(res.documentName).toMatch(/\/documents\/rometxt-/);
    expect((await client.fileSearchStores.operation(op.name).refresh()).done).toBe(true);

    const failing = await client.fileSearchStores.uploadToFileSearchStore(store, Buffer.from('x'), {
      mimeType: 'text/plain',
    });
    emu.control.operations.fail(failing.name, { code: 3, message: 'Unsupported document.' });
    const e = await failing.wait(quick).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OperationError);
    expect((e as OperationError).code).toBe('INVALID_ARGUMENT');
    const docs = await client.fileSearchStores.documents.list(store);
    expect(docs.documents?.map((d) => d.state).sort()).toEqual(['STATE_ACTIVE', 'STATE_FAILED']);
    expect((await client.fileSearchStores.get(store)).failedDocumentsCount).toBe('1');
    await expect(client.fileSearchStores.importFile(store, 'files/missing')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('fileSearch tool in generateContent', () => {
  it('grounds the answer on the store, with typed grounding metadata (unary and streaming)', async () => {
    const { emu, client } = await setup();
    emu.control.fileSearch.configure({ indexingDelayMs: 0 });
    const store = await client.fileSearchStores.create({ displayName: 'cities' });
    for (const [text, name, url] of [
      [PARIS, 'paris.txt', 'https://example.com/paris'],
      [ROME, 'rome.txt', 'https://example.com/rome'],
    ] as const) {
      const op = await client.fileSearchStores.uploadToFileSearchStore(store, Buffer.from(text), {
        mimeType: 'text/plain',
        displayName: name,
        customMetadata: { source_url: url },
      });
      await op.wait(quick);
    }
    const tools = [fileSearchTool(store, { topK: 3 })];
    expect(tools[0]).toEqual({ fileSearch: { fileSearchStoreNames: [store.name], topK: 3 } });
    const reply = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'What is the capital of France?',
      tools,
    });
    const contexts = retrievedContexts(reply);
    expect(contexts[0]).toEqual({
      title: 'paris.txt',
      text: PARIS,
      fileSearchStore: store.name,
      customMetadata: [{ key: 'source_url', stringValue: 'https://example.com/paris' }],
    });
    const support = reply.candidates?.[0]?.groundingMetadata?.groundingSupports?.[0];
    expect(support?.groundingChunkIndices?.[0]).toBe(0);
    expect(support?.segment?.endIndex).toBe(Buffer.byteLength(support?.segment?.text ?? ''));

    const filtered = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'What is the capital of France or Italy?',
      tools: [fileSearchTool(store, { metadataFilter: 'source_url = "https://example.com/rome"' })],
    });
    expect(retrievedContexts(filtered).map((c) => c.title)).toEqual(['rome.txt']);

    const stream = client.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'Tell me about the Eiffel Tower in Paris',
      tools,
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((c) => c.candidates?.[0]?.groundingMetadata === undefined)).toBe(true);
    expect(retrievedContexts(chunks.at(-1) ?? {})[0]?.title).toBe('paris.txt');

    const none = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello there' });
    expect(none.candidates?.[0]?.groundingMetadata).toBeUndefined();
  });
});
