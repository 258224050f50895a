// The three clients compared, behind one small interface: gemini-ts (the built package), the official
// @google/genai, and plain fetch (the floor: one request, JSON.parse, a hand-written SSE split).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Names of the compared clients. */
export type ClientName = 'gemini-ts' | '@google/genai' | 'fetch';

/** What the benchmark does with a client. */
export interface BenchClient {
  readonly name: ClientName;
  /** One generateContent call; resolves with the text. */
  unary(model: string, prompt: string): Promise<string>;
  /** One streamGenerateContent call; `onChunk` gets each chunk's text. */
  stream(model: string, prompt: string, onChunk: (text: string) => void): Promise<void>;
  /** Starts a stream, waits for its first chunk and keeps it open; `close()` ends it. */
  hold(model: string, prompt: string): Promise<{ close(): Promise<void> }>;
}

const KEY = 'bench-key';

type Chunk = { candidates?: Array<{ content?: { parts?: Array<{ text?: string }> } }> };
const textOf = (c: Chunk): string =>
  c.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';

async function* sse(res: Response): AsyncGenerator<Chunk> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      for (let i = buf.indexOf('\r\n\r\n'); i >= 0; i = buf.indexOf('\r\n\r\n')) {
        const event = buf.slice(0, i);
        buf = buf.slice(i + 4);
        if (event.startsWith('data: ')) yield JSON.parse(event.slice(6)) as Chunk;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function fetchClient(url: string): BenchClient {
  const post = (model: string, verb: string, prompt: string): Promise<Response> =>
    fetch(`${url}/v1beta/models/${model}:${verb}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }),
    });
  return {
    name: 'fetch',
    async unary(model, prompt) {
      const res = await post(model, 'generateContent', prompt);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return textOf((await res.json()) as Chunk);
    },
    async stream(model, prompt, onChunk) {
      const res = await post(model, 'streamGenerateContent?alt=sse', prompt);
      for await (const c of sse(res)) onChunk(textOf(c));
    },
    async hold(model, prompt) {
      const it = sse(await post(model, 'streamGenerateContent?alt=sse', prompt));
      await it.next();
      return { close: async () => void (await it.return(undefined)) };
    },
  };
}

async function geminiTsClient(url: string, root: string): Promise<BenchClient> {
  const mod = (await import(
    pathToFileURL(join(root, 'dist/index.js')).href
  )) as typeof import('../src/index.js');
  const client = new mod.Gemini({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
  return {
    name: 'gemini-ts',
    async unary(model, prompt) {
      return (await client.models.generateContent({ model, contents: prompt })).text;
    },
    async stream(model, prompt, onChunk) {
      for await (const c of client.models.generateContentStream({ model, contents: prompt })) onChunk(c.text);
    },
    async hold(model, prompt) {
      const it = client.models.generateContentStream({ model, contents: prompt })[Symbol.asyncIterator]();
      await it.next();
      return { close: async () => void (await it.return(undefined)) };
    },
  };
}

async function genaiClient(url: string): Promise<BenchClient> {
  const { GoogleGenAI } = await import('@google/genai');
  const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: url } });
  return {
    name: '@google/genai',
    async unary(model, prompt) {
      return (await ai.models.generateContent({ model, contents: prompt })).text ?? '';
    },
    async stream(model, prompt, onChunk) {
      for await (const c of await ai.models.generateContentStream({ model, contents: prompt }))
        onChunk(c.text ?? '');
    },
    async hold(model, prompt) {
      const it = (await ai.models.generateContentStream({ model, contents: prompt }))[Symbol.asyncIterator]();
      await it.next();
      return { close: async () => void (await it.return(undefined)) };
    },
  };
}

/** Creates a client by name against the emulator at `url` (`root`: the directory holding the built `dist/`). */
export function makeClient(name: ClientName, url: string, root: string): Promise<BenchClient> {
  if (name === 'fetch') return Promise.resolve(fetchClient(url));
  if (name === 'gemini-ts') return geminiTsClient(url, root);
  return genaiClient(url);
}

/** Every compared client, in table order. */
export const CLIENTS: readonly ClientName[] = ['gemini-ts', '@google/genai', 'fetch'];
