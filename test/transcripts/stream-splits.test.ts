/**
 * Property: however the bytes of a recorded stream are split into TCP writes (inside a `data:` line,
 * between CR and LF, inside a multi-byte UTF-8 character), `generateContentStream` over a real loopback
 * socket yields exactly the recorded chunks. Covers SSE (both recorded framings) and the JSON-array
 * form of streamGenerateContent.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gemini } from '../../src/client.js';
import {
  loadTranscripts,
  plain,
  replayOf,
  startReplayServer,
  type ReplayServer,
  type Transcript,
} from './recorded.js';

const streams = loadTranscripts().filter(
  (t) => t.status === 200 && /:streamGenerateContent$/.test(t.path) && t.path.startsWith('/v1beta/models/'),
);
const sse = streams.filter((t) => t.response_sse_events);
const arrays = streams.filter((t) => Array.isArray(t.response_body));

let server: ReplayServer;
let client: Gemini;

beforeAll(async () => {
  server = await startReplayServer();
  client = new Gemini({ apiKey: 'test-key', baseUrl: server.url, maxRetries: 0, timeout: 5000 });
});
afterAll(async () => {
  await server?.close();
});

/** Splits `bytes` at the given offsets (clamped, sorted, deduplicated). */
function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

/** Replays `t` split at `cuts` and returns the chunks the SDK yielded, as plain JSON. */
async function replaySplit(t: Transcript, cuts: readonly number[]): Promise<unknown[]> {
  const replay = replayOf(t);
  const whole = Buffer.concat(replay.chunks);
  server.serve({ ...replay, chunks: splitAt(whole, cuts) });
  const out: unknown[] = [];
  for await (const chunk of client.models.generateContentStream({
    model: 'gemini-2.5-flash',
    contents: 'x',
  })) {
    out.push(plain(chunk));
  }
  return out;
}

describe.skipIf(sse.length === 0)('recorded streams under random TCP splits', () => {
  it('has SSE recordings with both framings and non-ASCII text', () => {
    expect(sse.length).toBeGreaterThanOrEqual(10);
    expect(new Set(sse.map((t) => t.sse_event_separator)).size).toBeGreaterThan(1);
    expect(sse.some((t) => /[^\x00-\x7f]/.test(JSON.stringify(t.response_sse_events)))).toBe(true);
  });

  it('SSE: yields exactly the recorded events for any split', { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sse),
        fc.array(fc.nat(), { minLength: 0, maxLength: 40 }),
        async (t, cuts) => {
          expect(await replaySplit(t, cuts)).toStrictEqual(t.response_sse_events);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('SSE: byte-by-byte delivery of a multi-byte stream', async () => {
    const t = sse.find((x) => /[^\x00-\x7f]/.test(JSON.stringify(x.response_sse_events)))!;
    const n = Buffer.concat(replayOf(t).chunks).length;
    const everyByte = Array.from({ length: Math.min(n, 3000) }, (_, i) => i);
    expect(await replaySplit(t, everyByte)).toStrictEqual(t.response_sse_events);
  });

  it.skipIf(arrays.length === 0)(
    'JSON array streams: yields every element for any split',
    { timeout: 30_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...arrays),
          fc.array(fc.nat(), { minLength: 0, maxLength: 40 }),
          async (t, cuts) => {
            expect(await replaySplit(t, cuts)).toStrictEqual(t.response_body);
          },
        ),
        { numRuns: 30 },
      );
    },
  );
});
