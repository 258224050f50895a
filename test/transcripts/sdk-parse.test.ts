/**
 * The SDK parses every recorded real response without loss. Each transcript's response is replayed
 * from a loopback server and read through the matching SDK call; the parsed value must equal the
 * recorded JSON (unknown fields and part kinds such as toolCall/toolResponse and thoughtSignature
 * included), generation helpers must work (blocked prompts read as empty, the reason on `.blocked`), streams must
 * aggregate without dropping parts, and recorded errors must become the right typed ApiError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { Part } from '../../generated/types/Part.js';
import { Gemini } from '../../src/client.js';
import { ApiError, BadRequestError, NotFoundError, RateLimitError } from '../../src/core/index.js';
import { BlockedError } from '../../src/models/response.js';
import {
  loadTranscripts,
  plain,
  replayOf,
  startReplayServer,
  type ReplayServer,
  type Transcript,
} from './recorded.js';
import { requestBody, routeOf, type Route } from './routes.js';

const all = loadTranscripts();
const routed = all.flatMap((t) => {
  const r = routeOf(t);
  return r ? [{ t, ...r }] : [];
});
const ok = routed.filter((x) => x.t.status === 200);
const failures = routed.filter((x) => x.t.status >= 400);

let server: ReplayServer;
let client: Gemini;

beforeAll(async () => {
  server = await startReplayServer();
  client = new Gemini({ apiKey: 'test-key', baseUrl: server.url, maxRetries: 0, timeout: 5000 });
});
afterAll(async () => {
  await server?.close();
});

/** Runs the route's call and reads its answer: the value, or the stream's chunks and final response. */
async function run(route: Route, t: Transcript, m: RegExpExecArray) {
  const result = route.call(client, t, m);
  if (route.kind === 'stream') {
    const stream = result as AsyncIterable<GenerateContentResponse> & { finalResponse(): Promise<unknown> };
    const chunks: GenerateContentResponse[] = [];
    for await (const c of stream) chunks.push(c);
    return { chunks, final: await stream.finalResponse().catch((e: unknown) => e) };
  }
  return { value: await (result as Promise<unknown>) };
}

const partsOf = (r: GenerateContentResponse): Part[] => r.candidates?.[0]?.content?.parts ?? [];
const isPlainText = (p: Part): boolean => Object.keys(p).every((k) => k === 'text' || k === 'thought');

/** `.text` of a generation response: a string ('' with the reason on `.blocked` when the recording is a block). */
function expectTextWorks(r: unknown, file: string): void {
  const res = r as GenerateContentResponse & {
    text: string;
    functionCalls: unknown[];
    toolCalls: unknown[];
    blocked: unknown;
  };
  const blockedPrompt = !!res.promptFeedback?.blockReason && !res.candidates?.length;
  if (blockedPrompt) {
    expect(res.text, file).toBe('');
    expect(res.blocked, file).toBeInstanceOf(BlockedError);
    return;
  }
  const texts = partsOf(res).flatMap((p) => (!p.thought && typeof p.text === 'string' ? [p.text] : []));
  expect(res.text, file).toBe(texts.join(''));
  expect(res.functionCalls, file).toHaveLength(partsOf(res).filter((p) => p.functionCall).length);
  expect(res.toolCalls, file).toHaveLength(partsOf(res).filter((p) => 'toolCall' in p).length);
}

describe.skipIf(all.length === 0)('recorded responses through the SDK', () => {
  it('has a meaningful sample', () => {
    expect(ok.length).toBeGreaterThan(100);
    expect(failures.length).toBeGreaterThanOrEqual(6);
    const kinds = new Set(ok.map((x) => x.route.name));
    for (const k of [
      'models.generateContent',
      'models.streamGenerateContent',
      'models.countTokens',
      'models.list',
    ]) {
      expect(kinds).toContain(k);
    }
  });

  it.each(ok.map((x) => [x.t.file, x] as const))(
    'parses %s without loss',
    async (file, { t, route, match }) => {
      server.serve(replayOf(t));
      const out = await run(route, t, match);
      expect(server.received, file).toHaveLength(1);
      expect(server.received[0]?.method).toBe(t.method);
      expect(server.received[0]?.url.split('?')[0]).toBe(t.path);
      if ((route.kind === 'generate' || route.kind === 'stream') && t.request_body) {
        // What the SDK sent is the recorded request, untouched (thoughtSignature, unknown fields…);
        // only a body `model` is dropped, as the model travels in the path.
        const { model: _model, ...sent } = requestBody(t);
        expect(server.received[0]?.body, `${file}: request body`).toStrictEqual(sent);
      }
      if (route.kind === 'raw') {
        const res = out.value as Response;
        expect(res.status).toBe(t.status);
        for (const [k, v] of Object.entries(t.response_headers)) expect(res.headers.get(k), k).toBe(v);
        return;
      }
      if (route.kind === 'stream') {
        const recorded = t.response_sse_events ?? (t.response_body as unknown[]);
        expect(out.chunks?.map(plain), file).toStrictEqual(recorded);
        expect(out.chunks, file).toEqual(recorded);
        for (const chunk of out.chunks ?? []) expectTextWorks(chunk, file);
        checkAggregate(out.chunks ?? [], out.final, file);
        return;
      }
      expect(plain(out.value), file).toStrictEqual(t.response_body);
      expect(out.value, file).toEqual(t.response_body);
      if (route.kind === 'generate') expectTextWorks(out.value, file);
    },
  );

  it.each(failures.map((x) => [x.t.file, x] as const))(
    'types the recorded error of %s',
    async (file, { t, route, match }) => {
      server.serve(replayOf(t));
      const err = await Promise.resolve()
        .then(() => run(route, t, match))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      const recorded = (
        t.response_body as {
          error: { code: number; message: string; status: string; details?: { '@type': string }[] };
        }
      ).error;
      const type = { 400: BadRequestError, 404: NotFoundError, 429: RateLimitError }[t.status];
      expect(type, `no expectation for ${t.status}`).toBeDefined();
      expect(err, file).toBeInstanceOf(type!);
      const e = err as ApiError;
      expect(e.status).toBe(t.status);
      expect(e.code).toBe(recorded.status);
      expect(e.message).toBe(recorded.message);
      expect(e.details.map((d) => d['@type'])).toEqual((recorded.details ?? []).map((d) => d['@type']));
      expect(e.body).toEqual(t.response_body);
      const retry = recorded.details?.find((d) => d['@type'].endsWith('RetryInfo')) as
        { retryDelay?: string } | undefined;
      if (retry?.retryDelay) {
        expect(e.retryDelay).toBe(Math.round(parseFloat(retry.retryDelay) * 1000));
        expect(e.detail('RetryInfo')?.retryDelay).toBe(retry.retryDelay);
      } else {
        expect(e.retryDelay).toBeUndefined();
      }
      expect(server.received).toHaveLength(1);
    },
  );

  it('an alt=sse error labelled text/event-stream (as the service sends it) is typed too', async () => {
    const t = failures.find((x) => x.route.kind === 'stream');
    expect(t).toBeDefined();
    server.serve(replayOf(t!.t, 'text/event-stream'));
    const err = await run(t!.route, t!.t, t!.match).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).message).toBe('Request contains an invalid argument.');
  });
});

describe.skipIf(all.length === 0)('recorded blocks and failures (firebase test data)', () => {
  const byName = (part: string) => {
    const x = routed.find((r) => r.t.file.includes(part));
    if (!x) throw new Error(`no transcript ${part}`);
    return x;
  };

  it('a streamed prompt block reads as empty text, with the reason and ratings on .blocked', async () => {
    const { t, route, match } = byName('streaming-failure-prompt-blocked-safety');
    server.serve(replayOf(t));
    const { chunks, final } = await run(route, t, match);
    expect(chunks).toHaveLength(1);
    const chunk = chunks![0] as unknown as { text: string; blocked: BlockedError | undefined };
    expect(chunk.text).toBe('');
    expect(chunk.blocked).toBeInstanceOf(BlockedError);
    expect(chunk.blocked).toMatchObject({ reason: 'SAFETY', promptBlocked: true });
    expect(chunk.blocked!.safetyRatings).toHaveLength(4);
    expect((final as { text: string }).text).toBe('');
    expect((final as { blocked: unknown }).blocked).toBeInstanceOf(BlockedError);
  });

  it('a response without candidates or blockReason reads as empty text (firebase SDKs throw here)', async () => {
    const { t, route, match } = byName('unary-failure-only-prompt-feedback');
    server.serve(replayOf(t));
    const r = (await run(route, t, match)).value as { text: string; candidate: unknown };
    expect(r.candidate).toBeUndefined();
    expect(r.text).toBe('');
  });

  it('a candidate that finished with OTHER and no content has empty text and keeps its finishMessage', async () => {
    const { t, route, match } = byName('unary-failure-with-message-no-content');
    server.serve(replayOf(t));
    const r = (await run(route, t, match)).value as GenerateContentResponse & {
      text: string;
      finishReason: string;
    };
    expect(r.text).toBe('');
    expect(r.finishReason).toBe('OTHER');
    expect(r.candidates?.[0]?.finishMessage).toBe('Model failed to generate content due to internal error.');
  });

  it('server-side tool parts (toolCall / toolResponse) survive and surface through .toolCalls', async () => {
    const x = ok.find(
      (r) => r.route.kind === 'generate' && JSON.stringify(r.t.response_body).includes('"toolResponse"'),
    );
    expect(x).toBeDefined();
    server.serve(replayOf(x!.t));
    const r = (await run(x!.route, x!.t, x!.match)).value as GenerateContentResponse & {
      toolCalls: unknown[];
    };
    const parts = r.candidates?.[0]?.content?.parts ?? [];
    expect(parts.some((p) => 'toolResponse' in p)).toBe(true);
    expect(r.toolCalls.length).toBeGreaterThan(0);
    expect(r.toolCalls).toEqual(parts.flatMap((p) => ('toolCall' in p ? [p.toolCall] : [])));
  });
});

/** The final response keeps every non-text part of every chunk, in order, and the joined text. */
function checkAggregate(chunks: GenerateContentResponse[], final: unknown, file: string): void {
  const blocked =
    chunks.some((c) => c.promptFeedback?.blockReason) && !chunks.some((c) => c.candidates?.length);
  const f = final as GenerateContentResponse & { text: string; thoughts: string };
  if (blocked) {
    expect(final, file).not.toBeInstanceOf(Error);
    expect(f.text, file).toBe('');
    expect((final as { blocked: unknown }).blocked, file).toBeInstanceOf(BlockedError);
    return;
  }
  expect(final, file).not.toBeInstanceOf(Error);
  const parts = chunks.flatMap(partsOf);
  const text = parts.flatMap((p) => (!p.thought && typeof p.text === 'string' ? [p.text] : [])).join('');
  expect(f.text, file).toBe(text);
  const thoughts = parts.flatMap((p) => (p.thought && typeof p.text === 'string' ? [p.text] : [])).join('');
  expect(f.thoughts, file).toBe(thoughts);
  const special = (ps: Part[]) =>
    ps.filter((p) => !isPlainText(p)).map((p) => plain({ ...p, text: undefined }));
  expect(special(partsOf(f)), file).toEqual(special(parts));
  const lastUsage = [...chunks].reverse().find((c) => c.usageMetadata)?.usageMetadata;
  expect(f.usageMetadata, file).toEqual(lastUsage);
}
