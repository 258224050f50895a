/**
 * The unscripted reply, derived deterministically from the request so SDK features can be exercised
 * without scripting:
 * - after function responses: `Echo: get_weather returned {...}` (so function-calling loops end);
 * - `toolConfig.functionCallingConfig.mode: ANY` → always a call (the allowed function that best matches
 *   the user's words, else the first); in AUTO mode, a call of the declared function whose name or
 *   description shares the most words with the user's text (`Weather in Paris?` → `get_weather`), none
 *   when no word matches; arguments fit its schema (see function-match.ts);
 * - `-tts` models → speech (`audio/L16;codec=pcm;rate=24000`); image models → text plus an inline PNG
 *   (media-output.ts);
 * - JSON mode (`responseMimeType: application/json`) → a JSON value of `responseJsonSchema`/`responseSchema`;
 *   `text/x.enum` → the schema's first enum value;
 * - `thinkingConfig.includeThoughts` → a thought-summary part first;
 * - tools `codeExecution` → executableCode + codeExecutionResult parts; `googleSearch`, `fileSearch` →
 *   groundingMetadata; `urlContext` → urlContextMetadata for the URLs in the text; with
 *   `toolConfig.includeServerSideToolInvocations`, toolCall/toolResponse parts too;
 * - otherwise `Echo: <text of the last user turn>`.
 * Gemini 3 models add a thoughtSignature, as the service does (see signatures.ts).
 */
import type { JsonObject, ScriptedFunctionCall, ScriptedReply } from '../../control/replies.js';
import { instanceOf } from './json-instance.js';
import { lastUserText } from './reply.js';
import { signature } from './signatures.js';
import { bestMatch } from './function-match.js';
import { draws, imagePart, speaks, speechPart } from './media-output.js';
import { isObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The last turn of the conversation and its texts / function responses. */
function lastTurn(request: Obj): { texts: string[]; responses: Obj[] } {
  const contents = list(request['contents']);
  const last = contents[contents.length - 1];
  const parts = isObj(last) ? list(last['parts']).filter(isObj) : [];
  return {
    texts: parts.flatMap((p) => (typeof p['text'] === 'string' ? [p['text']] : [])),
    responses: parts.flatMap((p) => (isObj(p['functionResponse']) ? [p['functionResponse']] : [])),
  };
}

function declarations(request: Obj): Obj[] {
  return list(request['tools'])
    .filter(isObj)
    .flatMap((t) => list(t['functionDeclarations']).filter(isObj));
}

function hasTool(request: Obj, name: string): boolean {
  return list(request['tools']).some((t) => isObj(t) && t[name] !== undefined);
}

/** The function call the emulated model makes, if any. */
function plannedCall(request: Obj, text: string, now: string): ScriptedFunctionCall | undefined {
  const toolConfig = isObj(request['toolConfig']) ? request['toolConfig'] : {};
  const fc = isObj(toolConfig['functionCallingConfig']) ? toolConfig['functionCallingConfig'] : {};
  const mode = String(fc['mode'] ?? 'AUTO').toUpperCase();
  if (mode === 'NONE') return undefined;
  const allowed = list(fc['allowedFunctionNames']).map(String);
  const decls = declarations(request).filter(
    (d) => allowed.length === 0 || allowed.includes(String(d['name'])),
  );
  const always = mode === 'ANY' || mode === 'VALIDATED';
  const chosen = bestMatch(decls, text) ?? (always ? decls[0] : undefined);
  if (!chosen) return undefined;
  const schema = chosen['parametersJsonSchema'] ?? chosen['parameters'];
  const args = schema === undefined ? {} : instanceOf(schema, now);
  return { name: String(chosen['name']), args: isObj(args) ? args : {} };
}

/** The structured-output text, or `undefined` outside JSON/enum mode. */
function structuredText(request: Obj, now: string): string | undefined {
  const config = isObj(request['generationConfig']) ? request['generationConfig'] : {};
  const mime = config['responseMimeType'];
  const schema = config['responseJsonSchema'] ?? config['responseSchema'];
  if (mime === 'application/json')
    return JSON.stringify(schema === undefined ? { text: 'text' } : instanceOf(schema, now));
  if (mime === 'text/x.enum' && isObj(schema)) return String(list(schema['enum'])[0] ?? '');
  return undefined;
}

const urlsIn = (text: string): string[] => text.match(/https?:\/\/[^\s)>\]"']+/g) ?? [];

/** Builds the deterministic reply for a request to `model` (a `models/…` name). */
export function autoReply(request: Obj, model: string, now: string): ScriptedReply {
  const reply: Mutable<ScriptedReply> = {};
  const text = lastUserText(request) ?? '(no text)';
  const config = isObj(request['generationConfig']) ? request['generationConfig'] : {};
  const thinking = isObj(config['thinkingConfig']) && config['thinkingConfig']['includeThoughts'] === true;
  if (thinking) reply.thought = `Thinking about: ${text}`;
  const last = lastTurn(request);
  if (speaks(model)) {
    // Speech models read the text aloud; nothing else is in the answer.
    delete reply.thought;
    reply.parts = [speechPart(request, text)];
    return reply;
  }
  const call = last.responses.length === 0 ? plannedCall(request, text, now) : undefined;
  if (call) {
    reply.functionCalls = [call];
  } else if (last.responses.length > 0 && last.texts.length === 0) {
    reply.text = `Echo: ${last.responses.map((r) => `${String(r['name'])} returned ${JSON.stringify(r['response'] ?? {})}`).join('; ')}`;
  } else {
    reply.text = structuredText(request, now) ?? `Echo: ${text}`;
    addServerTools(reply, request, text);
    if (draws(request, model)) reply.parts = [...(reply.parts ?? []), imagePart(request, text)];
  }
  if (/^models\/gemini-3/.test(model)) reply.thoughtSignature = signature(model, reply);
  return reply;
}

/** Built-in tool results: code execution parts, grounding and URL-context metadata. */
function addServerTools(reply: Mutable<ScriptedReply>, request: Obj, text: string): void {
  const before: JsonObject[] = [];
  const after: JsonObject[] = [];
  const fields: Record<string, unknown> = {};
  const toolConfig = isObj(request['toolConfig']) ? request['toolConfig'] : {};
  const invocations = toolConfig['includeServerSideToolInvocations'] === true;
  const invoke = (toolType: string, args: JsonObject, response: JsonObject): void => {
    if (!invocations) return;
    const id = `${toolType
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .slice(0, 6)}${before.length}`;
    before.push({ toolCall: { id, toolType, args } }, { toolResponse: { id, toolType, response } });
  };
  if (hasTool(request, 'codeExecution')) {
    after.push(
      { executableCode: { language: 'PYTHON', code: `print(${JSON.stringify(text)})\n` } },
      { codeExecutionResult: { outcome: 'OUTCOME_OK', output: `${text}\n` } },
    );
  }
  const answer = reply.text ?? '';
  const support = { segment: { endIndex: [...answer].length, text: answer }, groundingChunkIndices: [0] };
  if (hasTool(request, 'googleSearch') || hasTool(request, 'googleSearchRetrieval')) {
    invoke('GOOGLE_SEARCH_WEB', { queries: [text] }, {});
    fields['groundingMetadata'] = {
      searchEntryPoint: {
        renderedContent: `<div class="emulator-search">${text.replace(/</g, '&lt;')}</div>`,
      },
      groundingChunks: [
        { web: { uri: `https://example.com/search?q=${encodeURIComponent(text)}`, title: 'example.com' } },
      ],
      groundingSupports: [support],
      webSearchQueries: [text],
    };
  }
  const fileSearch = list(request['tools']).find((t) => isObj(t) && isObj(t['fileSearch']));
  if (isObj(fileSearch) && isObj(fileSearch['fileSearch'])) {
    const store = String(
      list(fileSearch['fileSearch']['fileSearchStoreNames'])[0] ?? 'fileSearchStores/emulator',
    );
    invoke('FILE_SEARCH', {}, {});
    fields['groundingMetadata'] = {
      groundingChunks: [
        { retrievedContext: { fileSearchStore: store, text: `Emulated passage about: ${text}` } },
      ],
      groundingSupports: [support],
    };
  }
  if (hasTool(request, 'urlContext')) {
    const urls = urlsIn(text);
    invoke('URL_CONTEXT', { urls }, {});
    fields['urlContextMetadata'] = {
      urlMetadata: urls.map((retrievedUrl) => ({
        retrievedUrl,
        urlRetrievalStatus: 'URL_RETRIEVAL_STATUS_SUCCESS',
      })),
    };
  }
  if (before.length > 0) {
    // Server-side invocations come before the answer, so the answer becomes a part after them.
    reply.parts = [...before, { text: answer }, ...after];
    delete reply.text;
  } else if (after.length > 0) reply.parts = after;
  if (Object.keys(fields).length > 0) reply.candidateFields = fields;
}
