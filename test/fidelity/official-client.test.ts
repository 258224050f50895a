/**
 * The official client as a test client: @google/genai 2.x (a devDependency), run unchanged against
 * the emulator over loopback HTTP and WebSocket. Each test is one of its main flows; what users write
 * against the official client must work against `gemini-ts/emulator` as it does against the service.
 * Only the base URL differs (`httpOptions.baseUrl`), as a user would point it at a local server.
 */
import { GoogleGenAI, Modality, type LiveServerMessage, type LiveMusicServerMessage } from '@google/genai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';

const KEY = 'official-client-key';
let emu: RunningEmulator;
let ai: GoogleGenAI;

beforeEach(async () => {
  emu = await startEmulator({ apiKeys: [KEY] });
  ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: emu.url } });
});
afterEach(async () => {
  await emu.close();
});

/** Resolves when `check` returns a value, polling `step` until `ms` passes. */
async function until<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects messages of a realtime session until `done` says so. */
function collector<M>(): {
  messages: M[];
  onmessage: (m: M) => void;
  wait: (done: (ms: M[]) => boolean) => Promise<M[]>;
} {
  const messages: M[] = [];
  let notify = (): void => {};
  return {
    messages,
    onmessage: (m) => {
      messages.push(m);
      notify();
    },
    wait: (done) =>
      new Promise<M[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out after ${messages.length} messages`)),
          10_000,
        );
        notify = () => {
          if (done(messages)) {
            clearTimeout(timer);
            resolve(messages);
          }
        };
        notify();
      }),
  };
}

describe('@google/genai against the emulator', () => {
  it('generates, streams, counts tokens, embeds and lists models', { timeout: 60_000 }, async () => {
    const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello there' });
    expect(r.text).toBe('Echo: Hello there');
    expect(r.usageMetadata?.promptTokenCount).toBeGreaterThan(0);

    let streamed = '';
    for await (const c of await ai.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'one two three four',
    }))
      streamed += c.text ?? '';
    expect(streamed).toBe('Echo: one two three four');

    const count = await ai.models.countTokens({ model: 'gemini-2.5-flash', contents: 'count these words' });
    expect(count.totalTokens).toBeGreaterThan(0);

    const e = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['a', 'b'],
      config: { outputDimensionality: 8 },
    });
    expect(e.embeddings?.map((x) => x.values?.length)).toEqual([8, 8]);

    const names: string[] = [];
    for await (const m of await ai.models.list({ config: { pageSize: 20 } })) names.push(m.name ?? '');
    expect(names).toContain('models/gemini-2.5-flash');
    expect(names).toContain('models/gemma-3-27b-it');
    expect(names.length).toBeGreaterThan(50);
  });

  it('uploads, gets and deletes a file', async () => {
    const file = await ai.files.upload({
      file: new Blob(['hello file'], { type: 'text/plain' }),
      config: { mimeType: 'text/plain', displayName: 'greeting' },
    });
    expect(file.name).toMatch(/^files\//);
    const got = await ai.files.get({ name: file.name! });
    expect(got.displayName).toBe('greeting');
    expect(got.sizeBytes).toBe('10');
    await ai.files.delete({ name: file.name! });
    await expect(ai.files.get({ name: file.name! })).rejects.toMatchObject({ status: 404 });
  });

  it('creates, reads, lists, updates and deletes a cache', async () => {
    const text = 'A long document. '.repeat(300);
    const cache = await ai.caches.create({
      model: 'gemini-2.5-flash',
      config: { contents: [{ role: 'user', parts: [{ text }] }], ttl: '300s', displayName: 'doc' },
    });
    expect(cache.name).toMatch(/^cachedContents\//);
    expect((await ai.caches.get({ name: cache.name! })).displayName).toBe('doc');
    const listed: string[] = [];
    for await (const c of await ai.caches.list()) listed.push(c.name ?? '');
    expect(listed).toContain(cache.name);
    const updated = await ai.caches.update({ name: cache.name!, config: { ttl: '600s' } });
    expect(Date.parse(updated.expireTime!)).toBeGreaterThan(Date.parse(cache.expireTime!));
    const r = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Summarize',
      config: { cachedContent: cache.name! },
    });
    expect(r.text).toContain('Summarize');
    await ai.caches.delete({ name: cache.name! });
    await expect(ai.caches.get({ name: cache.name! })).rejects.toMatchObject({ status: 403 });
  });

  it('creates, gets, lists and cancels inline batches', async () => {
    const batch = await ai.batches.create({
      model: 'gemini-2.5-flash',
      src: [
        { contents: [{ role: 'user', parts: [{ text: 'first' }] }] },
        { contents: [{ role: 'user', parts: [{ text: 'second' }] }] },
      ],
    });
    expect(batch.name).toMatch(/^batches\//);
    const done = await until(async () => {
      const b = await ai.batches.get({ name: batch.name! });
      return b.state === 'JOB_STATE_SUCCEEDED' ? b : undefined;
    });
    // Batch results are plain objects in the official client (no `.text` getter): read the parts.
    const texts = done.dest?.inlinedResponses?.map(
      (r) => r.response?.candidates?.[0]?.content?.parts?.[0]?.text,
    );
    expect(texts).toEqual(['Echo: first', 'Echo: second']);

    const other = await ai.batches.create({
      model: 'gemini-2.5-flash',
      src: [{ contents: [{ role: 'user', parts: [{ text: 'third' }] }] }],
      config: { displayName: 'to cancel' },
    });
    const listed: string[] = [];
    for await (const b of await ai.batches.list()) listed.push(b.name ?? '');
    expect(listed).toEqual(expect.arrayContaining([batch.name, other.name]));
    await ai.batches.cancel({ name: other.name! });
    expect((await ai.batches.get({ name: other.name! })).state).toBe('JOB_STATE_CANCELLED');
  });

  it('uploads to a file search store and grounds an answer on it', async () => {
    const store = await ai.fileSearchStores.create({ config: { displayName: 'docs' } });
    const upload = await ai.fileSearchStores.uploadToFileSearchStore({
      fileSearchStoreName: store.name!,
      file: new Blob(['The emulator answers like the service.'], { type: 'text/plain' }),
      config: { mimeType: 'text/plain', displayName: 'notes.txt' },
    });
    const op = await until(async () => {
      const o = await ai.operations.get({ operation: upload });
      return o.done ? o : undefined;
    });
    expect(op.error).toBeUndefined();
    const r = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'How does the emulator answer?',
      config: { tools: [{ fileSearch: { fileSearchStoreNames: [store.name!] } }] },
    });
    expect(r.candidates?.[0]?.groundingMetadata?.groundingChunks?.[0]?.retrievedContext).toBeDefined();
    await ai.fileSearchStores.delete({ name: store.name!, config: { force: true } });
  });

  it('generates a video and follows its operation', async () => {
    let op = await ai.models.generateVideos({ model: 'veo-3.0-generate-001', prompt: 'a cat on a sofa' });
    expect(op.name).toMatch(/^models\/veo-3\.0-generate-001\/operations\//);
    op = await until(async () => {
      const o = await ai.operations.getVideosOperation({ operation: op });
      return o.done ? o : undefined;
    });
    const video = op.response?.generatedVideos?.[0]?.video;
    expect(video?.uri).toMatch(/files\/[a-z0-9]+:download\?alt=media$/);
  });

  it('opens a Live session at its //ws/ path and talks', async () => {
    const got = collector<LiveServerMessage>();
    const session = await ai.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: [Modality.TEXT] },
      callbacks: { onmessage: got.onmessage },
    });
    session.sendClientContent({
      turns: [{ role: 'user', parts: [{ text: 'Hi Live' }] }],
      turnComplete: true,
    });
    const messages = await got.wait((ms) => ms.some((m) => m.serverContent?.turnComplete));
    session.close();
    expect(messages[0]?.setupComplete).toBeDefined();
    const text = messages.map((m) => m.text ?? '').join('');
    expect(text).toContain('Hi Live');
  });

  it('opens a Live Music session and receives audio chunks', async () => {
    const got = collector<LiveMusicServerMessage>();
    const session = await ai.live.music.connect({
      model: 'models/lyria-realtime-exp',
      callbacks: { onmessage: got.onmessage },
    });
    await session.setWeightedPrompts({ weightedPrompts: [{ text: 'calm piano', weight: 1 }] });
    await session.setMusicGenerationConfig({ musicGenerationConfig: { bpm: 90 } });
    session.play();
    const messages = await got.wait((ms) => ms.filter((m) => m.audioChunk !== undefined).length >= 3);
    session.close();
    const chunk = messages.find((m) => m.audioChunk)?.audioChunk;
    expect(chunk?.mimeType).toMatch(/^audio\/l16/i);
    expect(chunk?.data?.length).toBeGreaterThan(100);
  });

  it('creates an auth token and opens a constrained Live session with it', async () => {
    // Ephemeral tokens live on v1alpha, as Google's docs configure the official client for them.
    const alpha = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: emu.url, apiVersion: 'v1alpha' } });
    const token = await alpha.authTokens.create({ config: { uses: 1 } });
    expect(token.name).toMatch(/^auth_tokens\//);
    const tokenClient = new GoogleGenAI({
      apiKey: token.name!,
      httpOptions: { baseUrl: emu.url, apiVersion: 'v1alpha' },
    });
    const got = collector<LiveServerMessage>();
    const session = await tokenClient.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: [Modality.TEXT] },
      callbacks: { onmessage: got.onmessage },
    });
    session.sendClientContent({ turns: [{ role: 'user', parts: [{ text: 'With a token' }] }] });
    const messages = await got.wait((ms) => ms.some((m) => m.serverContent?.turnComplete));
    session.close();
    expect(messages.map((m) => m.text ?? '').join('')).toContain('With a token');
  });

  it('creates and streams interactions', async () => {
    const first = await ai.interactions.create({ model: 'gemini-2.5-flash', input: 'Hello interactions' });
    expect(first.id).toBeTruthy();
    expect(JSON.stringify(first)).toContain('Hello interactions');
    const stream = await ai.interactions.create({
      model: 'gemini-2.5-flash',
      input: 'And streamed',
      previous_interaction_id: first.id,
      stream: true,
    });
    const events: string[] = [];
    for await (const ev of stream) events.push(ev.event_type ?? '');
    // The recorded event names (vercel-ai__interactions-basic__stream).
    expect(events[0]).toBe('interaction.created');
    expect(events.at(-1)).toBe('interaction.completed');
  });
});
