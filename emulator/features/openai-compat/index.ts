/**
 * Google's OpenAI compatibility layer: `POST /v1beta/openai/chat/completions` and
 * `GET /v1beta/openai/models`. Outside the discovery document, so routed explicitly (extra-routes.ts).
 *
 * A chat completion is converted to a GenerateContentRequest (request.ts), answered by the emulator's
 * own generateContent / streamGenerateContent handlers (scripted replies, deterministic replies,
 * function calling, model checks: all the same), and converted back (response.ts). The key comes as
 * `Authorization: Bearer <key>` (or `x-goog-api-key`); errors are the google.rpc envelope wrapped in a
 * list, and model errors name API version `v1main`, as the layer answers (public reports of real traffic).
 */
import type { EmulatorFeature } from '../../core.js';
import type { ExtraCall } from '../../extra-routes.js';
import type { IncomingHttpHeaders } from 'node:http';
import { checkApiKey } from '../../auth.js';
import { invalidArgument, RpcError, unimplemented } from '../../errors.js';
import { parseJsonBody } from '../../http/body.js';
import { isObj } from '../../json.js';
import type { HandlerResult, SseFrame } from '../../registry.js';
import { manifest } from '../../spec-source.js';
import { validateBody } from '../../validation/body.js';
import { modelName, toGenerateContent } from './request.js';
import { completion, completionChunk, type CompletionHead } from './response.js';

type Obj = Readonly<Record<string, unknown>>;

/** The API version the layer's model errors name. */
const LAYER_VERSION = 'v1main';

/** The headers with a Bearer key moved to `x-goog-api-key`, where the key check reads it. */
function withBearerKey(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const bearer = /^Bearer\s+(\S*)\s*$/i.exec(headers.authorization ?? '')?.[1];
  return bearer === undefined ? headers : { ...headers, 'x-goog-api-key': bearer };
}

/** Runs `serve`, answering an RpcError as the layer does: the error envelope inside a list. */
async function layerErrors(serve: () => Promise<HandlerResult>): Promise<HandlerResult> {
  try {
    return await serve();
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    return { kind: 'json', status: e.code, body: [e.toBody()], headers: e.headers };
  }
}

function checkKey(call: ExtraCall): IncomingHttpHeaders {
  const headers = withBearerKey(call.request.headers);
  const error = checkApiKey(headers, call.search, call.core.apiKeys);
  if (error) throw error;
  return headers;
}

/** The chat completion stream: one chunk per Gemini chunk, then `[DONE]` (not after an error). */
async function* frames(
  chunks: Iterable<unknown> | AsyncIterable<unknown>,
  head: CompletionHead,
): AsyncGenerator<SseFrame> {
  let first = true;
  for await (const chunk of chunks) {
    if (!isObj(chunk)) continue;
    if (chunk['error'] !== undefined) {
      yield { data: chunk };
      return;
    }
    yield { data: completionChunk(chunk, { ...head, id: String(chunk['responseId'] ?? head.id) }, first) };
    first = false;
  }
  yield { data: '[DONE]' };
}

async function chatCompletions(call: ExtraCall): Promise<HandlerResult> {
  const { core } = call;
  const headers = checkKey(call);
  const parsed = parseJsonBody(call.rawBody);
  if (!parsed.ok) throw parsed.error;
  if (!isObj(parsed.value)) throw invalidArgument('The request body must be a JSON object.');
  const body: Obj = parsed.value;
  const model = modelName(body['model']);
  const stream = body['stream'] === true;
  const methodId = stream ? 'models.streamGenerateContent' : 'models.generateContent';
  const entry = manifest.find((e) => e.id === methodId);
  const handler = core.registry.get(methodId, 'rest');
  if (!entry || !handler) throw unimplemented(methodId);
  const checked = validateBody(entry.request ?? '', toGenerateContent(body), {
    pathBound: new Set(['model']),
  });
  if (!checked.ok) throw checked.error;
  const result = await handler({
    entry,
    routeKind: 'rest',
    version: LAYER_VERSION,
    params: { model },
    query: {},
    search: new URLSearchParams(),
    headers,
    body: checked.value,
    rawBody: Buffer.alloc(0),
    request: call.request,
    signal: call.signal,
    core,
  });
  const head: CompletionHead = {
    id: core.newId(22),
    created: Math.floor(core.clock.now() / 1000),
    model: String(body['model']),
  };
  if (result.kind === 'stream') return { kind: 'stream', chunks: frames(result.chunks, head), frames: true };
  if (result.kind !== 'json' || !isObj(result.body)) return result;
  const id = String(result.body['responseId'] ?? head.id);
  return { kind: 'json', body: completion(result.body, { ...head, id }) };
}

/** The model list in OpenAI's shape. */
function listModels(call: ExtraCall): HandlerResult {
  checkKey(call);
  const data = call.core.models.list().map((m) => ({ id: m.name, object: 'model', owned_by: 'google' }));
  return { kind: 'json', body: { object: 'list', data } };
}

/** Installs the OpenAI-compatible routes. */
export const openaiCompatFeature: EmulatorFeature = {
  name: 'openai-compat',
  install(core) {
    core.extraRoutes.add('POST', '/v1beta/openai/chat/completions', {
      id: 'openai.chat.completions.create',
      handle: (call) => layerErrors(() => chatCompletions(call)),
    });
    core.extraRoutes.add('GET', '/v1beta/openai/models', {
      id: 'openai.models.list',
      handle: (call) => layerErrors(async () => listModels(call)),
    });
  },
};
