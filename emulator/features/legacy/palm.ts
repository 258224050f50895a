/**
 * The PaLM-era methods on `models/*`: generateText, generateMessage, embedText, batchEmbedText,
 * countTextTokens and countMessageTokens. The request is validated by the pipeline (schema registry)
 * first; a model whose `supportedGenerationMethods` lacks the method then gets the service's 404.
 * No catalog model lists a PaLM method except the Gemini embedding models, which list
 * `countTextTokens` (recorded models list) and so answer it; everything else answers the 404.
 * A model that supports one (e.g. added with `control.models.add`) gets a deterministic answer:
 * `Echo: …` text, hash-seeded 768-value embeddings, and the emulator's token counts.
 */
import type { EmulatorCore } from '../../core.js';
import { invalidArgument, modelNotFound } from '../../errors.js';
import { json, type ApiCall } from '../../registry.js';
import { checkRequestModel, MAX_EMBED_BATCH, unitVector } from '../generation/embed.js';
import { scriptedError } from '../generation/reply.js';
import { countTextTokens } from '../generation/tokens.js';
import { asObj, asList } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Embedding size of the PaLM embedding models (embedding-gecko-001). */
const PALM_DIMENSIONS = 768;

/** Most texts (or requests) one batchEmbedText call takes (the `texts` field description): batchEmbedContents' limit. */
const MAX_BATCH = MAX_EMBED_BATCH;

/** The PaLM safety categories, as the text models rated every candidate. */
const PALM_CATEGORIES = [
  'HARM_CATEGORY_DEROGATORY',
  'HARM_CATEGORY_TOXICITY',
  'HARM_CATEGORY_VIOLENCE',
  'HARM_CATEGORY_SEXUAL',
  'HARM_CATEGORY_MEDICAL',
  'HARM_CATEGORY_DANGEROUS',
];
const safetyRatings = (): Obj[] =>
  PALM_CATEGORIES.map((category) => ({ category, probability: 'NEGLIGIBLE' }));

/**
 * The model of the call if it supports `method` (or one of `also`, e.g. batchEmbedText through
 * `embedText`); otherwise the real 404 naming the method.
 */
function requireLegacy(
  core: EmulatorCore,
  call: ApiCall,
  method: string,
  also: readonly string[] = [],
): string {
  const name = call.params['model'] ?? '';
  const methods = core.models.get(name)?.supportedGenerationMethods ?? [];
  if (![method, ...also].some((m) => methods.includes(m))) throw modelNotFound(name, call.version, method);
  return name;
}

/** A scripted reply's text (or its error, thrown), else `fallback`. */
function replyText(core: EmulatorCore, model: string, fallback: string): string {
  const reply = core.replies.take(model);
  if (reply?.error) throw scriptedError(reply.error);
  return reply?.text ?? fallback;
}

/** How many candidates a request asks for (1–8, default 1), with a 400 outside the range. */
function candidateCount(body: Obj, root: string): number {
  const n = body['candidateCount'] ?? 1;
  if (typeof n !== 'number' || n < 1 || n > 8)
    throw invalidArgument(`* ${root}.candidate_count: candidate_count must be between 1 and 8.\n`);
  return n;
}

function embedding(model: string, value: string): { value: number[] } {
  return { value: unitVector(JSON.stringify([model, value]), PALM_DIMENSIONS) };
}

/** Tokens of a MessagePrompt: context, examples and messages. */
function messagePromptTokens(prompt: Obj): number {
  const examples = asList(prompt['examples']).flatMap((e) => [asObj(e['input']), asObj(e['output'])]);
  const messages = [...examples, ...asList(prompt['messages'])];
  return messages.reduce(
    (n, m) => n + countTextTokens(text(m['content'])),
    countTextTokens(text(prompt['context'])),
  );
}

/** Zero-valued fields are omitted on the wire, as proto3 JSON does. */
const tokenCount = (n: number): Obj => (n > 0 ? { tokenCount: n } : {});

/** Installs the PaLM method handlers. */
export function installPalm(core: EmulatorCore): void {
  core.registry.register('models.generateText', (call) => {
    const model = requireLegacy(core, call, 'generateText');
    const body = asObj(call.body);
    const count = candidateCount(body, 'GenerateTextRequest');
    const output = replyText(core, model, `Echo: ${text(asObj(body['prompt'])['text'])}`);
    return json({
      candidates: Array.from({ length: count }, () => ({ output, safetyRatings: safetyRatings() })),
    });
  });

  core.registry.register('models.generateMessage', (call) => {
    const model = requireLegacy(core, call, 'generateMessage');
    const body = asObj(call.body);
    const count = candidateCount(body, 'GenerateMessageRequest');
    const messages = asList(asObj(body['prompt'])['messages']);
    const last = messages.at(-1);
    if (last && text(last['content']) === '')
      throw invalidArgument(
        '* GenerateMessageRequest.prompt.messages: the last message must have content.\n',
      );
    const content = replyText(core, model, `Echo: ${text(last?.['content'])}`);
    // The answer is authored by the other party: "1" after a "0" turn (PaLM's default authors).
    const author = last?.['author'] === '1' ? '0' : '1';
    return json({
      candidates: Array.from({ length: count }, () => ({ author, content })),
      messages,
    });
  });

  core.registry.register('models.embedText', (call) => {
    const model = requireLegacy(core, call, 'embedText');
    const body = asObj(call.body);
    checkRequestModel(body['model'], model, 'EmbedTextRequest.model');
    return json({ embedding: embedding(model, text(body['text'])) });
  });

  core.registry.register('models.batchEmbedText', (call) => {
    const model = requireLegacy(core, call, 'batchEmbedText', ['embedText']);
    const body = asObj(call.body);
    const texts = Array.isArray(body['texts']) ? body['texts'].map(text) : [];
    const requests = asList(body['requests']);
    if (texts.length === 0 && requests.length === 0)
      throw invalidArgument('* BatchEmbedTextRequest.texts: texts or requests must be specified.\n');
    // "Only one of `texts` or `requests` can be set" and the 100-text limit are documented; neither
    // answer is recorded. The limit follows batchEmbedContents' answer as public error reports quote
    // it ("* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch").
    if (texts.length > 0 && requests.length > 0)
      throw invalidArgument('* BatchEmbedTextRequest.texts: only one of texts and requests may be set.\n');
    if (texts.length > MAX_BATCH)
      throw invalidArgument(
        `* BatchEmbedTextRequest.texts: at most ${MAX_BATCH} texts can be in one batch\n`,
      );
    if (requests.length > MAX_BATCH)
      throw invalidArgument(
        `* BatchEmbedTextRequest.requests: at most ${MAX_BATCH} requests can be in one batch\n`,
      );
    requests.forEach((r, i) =>
      checkRequestModel(r['model'], model, `BatchEmbedTextRequest.requests[${i}].model`),
    );
    const all = [...texts, ...requests.map((r) => text(r['text']))];
    return json({ embeddings: all.map((t) => embedding(model, t)) });
  });

  core.registry.register('models.countTextTokens', (call) => {
    requireLegacy(core, call, 'countTextTokens');
    return json(tokenCount(countTextTokens(text(asObj(asObj(call.body)['prompt'])['text']))));
  });

  core.registry.register('models.countMessageTokens', (call) => {
    requireLegacy(core, call, 'countMessageTokens');
    return json(tokenCount(messagePromptTokens(asObj(asObj(call.body)['prompt']))));
  });
}
