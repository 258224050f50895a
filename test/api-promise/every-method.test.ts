// Walks every area of the client and calls each public method (with arguments that fail locally or hit
// the emulator harmlessly): what comes back must offer `.withResponse()`, unless it is in EXCEPTIONS.
import { describe, expect, it } from 'vitest';
import { setup } from '../integration/helpers.js';

/** Methods whose value is not one HTTP answer, and why. */
const EXCEPTIONS: Record<string, string> = {
  'models.generateContentStream': 'a GenerateContentStream (abortable; one request per function-calling leg)',
  'chats.create': 'returns a Chat object synchronously; its sendMessage is checked separately',
  'operations.resume': 'returns an Operation handle from a name, without any request',
  'live.connect': 'a WebSocket session: no HTTP response to give',
  'live.music.connect': 'a WebSocket session: no HTTP response to give',
  'bulk.generateContent': 'a BulkRun over many requests (a job with its own progress), not one call',
  'bulk.embedContent': 'a BulkRun over many requests, not one call',
  'bulk.countTokens': 'a BulkRun over many requests, not one call',
  'interactions.conversation': 'returns a Conversation object synchronously (no request)',
  'videos.resume': 'returns a VideoOperation handle from a name, without any request',
  'fileSearchStores.operation': 'returns an Operation handle from a name, without any request',
};

/** Arguments for methods that check theirs before they build a pager. */
const ARGS: Record<string, unknown[]> = { 'operations.list': ['batches'] };

const AREAS = [
  'models',
  'chats',
  'caches',
  'batches',
  'operations',
  'videos',
  'files',
  'generatedFiles',
  'fileSearchStores',
  'fileSearchStores.documents',
  'interactions',
  'live',
  'live.music',
  'authTokens',
  'bulk',
  'tunings',
];

function methodsOf(area: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(area); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, n);
      if (n !== 'constructor' && typeof d?.value === 'function') names.add(n);
    }
  }
  return [...names];
}

describe('every public area method returns a promise with withResponse()', () => {
  it('walks the client', async () => {
    const { client } = await setup({ maxRetries: 0 });
    const missing: string[] = [];
    let checked = 0;
    for (const path of AREAS) {
      const area = path
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], client) as Record<
        string,
        (...a: unknown[]) => unknown
      >;
      expect(area, path).toBeTypeOf('object');
      for (const name of methodsOf(area)) {
        const id = `${path}.${name}`;
        if (EXCEPTIONS[id]) continue;
        checked++;
        let value: unknown;
        try {
          // An aborted signal in every options position keeps calls that would send from waiting.
          value = area[name]!.call(area, ...(ARGS[id] ?? [undefined]), { signal: AbortSignal.abort() });
        } catch (e) {
          missing.push(`${id} threw synchronously: ${String(e)}`);
          continue;
        }
        const wr = (value as { withResponse?: unknown } | undefined)?.withResponse;
        if (typeof wr !== 'function') missing.push(`${id} has no withResponse()`);
        // Settle the call (most reject on the missing argument) so nothing is left pending.
        await Promise.resolve(value).catch(() => undefined);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('chat.sendMessage and the exceptions list names real methods', async () => {
    const { client } = await setup();
    const chat = client.chats.create({ model: 'gemini-2.5-flash' });
    const p = chat.sendMessage('hi');
    expect(typeof p.withResponse).toBe('function');
    const { data, response } = await p.withResponse();
    expect(data.text).toBeTypeOf('string');
    expect(response.status).toBe(200);
    for (const id of Object.keys(EXCEPTIONS)) {
      const parts = id.split('.');
      const name = parts.pop()!;
      const area = parts.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], client) as object;
      expect(methodsOf(area), id).toContain(name);
    }
  });
});
