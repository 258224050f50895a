/**
 * OpenAI Chat Completions request → Gemini GenerateContentRequest, the way Google's compatibility layer
 * reads it: system/developer messages → systemInstruction, user/assistant → user/model turns, assistant
 * `tool_calls` → functionCall parts, `tool` messages → functionResponse parts (named by the call they
 * answer), `tools`/`tool_choice` → functionDeclarations/functionCallingConfig, sampling fields →
 * generationConfig.
 */
import { invalidArgument } from '../../errors.js';
import { isObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;
type Part = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `data:image/png;base64,AAAA` → inlineData; anything else is not fetched by the emulator. */
function imagePart(url: string): Part {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!m) throw invalidArgument(`Only base64 data URLs are supported for image_url, got ${url.slice(0, 40)}`);
  return { inlineData: { mimeType: m[1], data: m[2] } };
}

/** A message `content` (a string or a list of typed parts) → Gemini parts. */
function contentParts(content: unknown): Part[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return list(content)
    .filter(isObj)
    .map((p) => {
      if (p['type'] === 'text') return { text: String(p['text'] ?? '') };
      if (p['type'] === 'image_url' && isObj(p['image_url'])) return imagePart(String(p['image_url']['url']));
      if (p['type'] === 'input_audio' && isObj(p['input_audio'])) {
        const audio = p['input_audio'];
        return { inlineData: { mimeType: `audio/${String(audio['format'])}`, data: String(audio['data']) } };
      }
      throw invalidArgument(`Unsupported content part type: ${String(p['type'])}`);
    });
}

function parseArguments(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument(`tool_calls.function.arguments is not valid JSON: ${text.slice(0, 80)}`);
  }
}

/** The signature the layer hands out in `extra_content.google.thought_signature`, if the client sent it back. */
function signatureOf(holder: Obj): string | undefined {
  const extra = isObj(holder['extra_content']) ? holder['extra_content'] : {};
  const google = isObj(extra['google']) ? extra['google'] : {};
  const sig = google['thought_signature'];
  return typeof sig === 'string' ? sig : undefined;
}

/** The contents and system instruction of an OpenAI `messages` list. */
function conversation(messages: unknown[]): { contents: Part[]; system: Part[] } {
  const contents: Part[] = [];
  const system: Part[] = [];
  const callNames = new Map<string, string>();
  const unanswered: string[] = []; // names of calls without an id, answered in order
  for (const m of messages) {
    if (!isObj(m)) throw invalidArgument('Each message must be an object.');
    const role = m['role'];
    if (role === 'system' || role === 'developer') {
      system.push(...contentParts(m['content']));
    } else if (role === 'user') {
      contents.push({ role: 'user', parts: contentParts(m['content']) });
    } else if (role === 'assistant') {
      const parts = contentParts(m['content']);
      const messageSig = signatureOf(m);
      list(m['tool_calls'])
        .filter(isObj)
        .forEach((call, i) => {
          const fn = isObj(call['function']) ? call['function'] : {};
          const name = String(fn['name'] ?? '');
          const id = typeof call['id'] === 'string' ? call['id'] : '';
          if (id !== '') callNames.set(id, name);
          else unanswered.push(name);
          const sig = signatureOf(call) ?? (i === 0 ? messageSig : undefined);
          parts.push({
            functionCall: { ...(id !== '' ? { id } : {}), name, args: parseArguments(fn['arguments']) },
            ...(sig !== undefined ? { thoughtSignature: sig } : {}),
          });
        });
      contents.push({ role: 'model', parts });
    } else if (role === 'tool') {
      const id = typeof m['tool_call_id'] === 'string' ? m['tool_call_id'] : '';
      const name = callNames.get(id) ?? (typeof m['name'] === 'string' ? m['name'] : unanswered.shift());
      if (name === undefined)
        throw invalidArgument(`No tool call matches tool_call_id ${JSON.stringify(id)}.`);
      const text = typeof m['content'] === 'string' ? m['content'] : JSON.stringify(m['content'] ?? '');
      let response: unknown;
      try {
        response = JSON.parse(text);
      } catch {
        response = text;
      }
      const part = {
        functionResponse: {
          ...(id !== '' ? { id } : {}),
          name,
          response: isObj(response) ? response : { result: response },
        },
      };
      // Answers to one assistant turn travel together in one user turn.
      const last = contents[contents.length - 1];
      const lastParts = isObj(last) ? list(last['parts']) : [];
      if (
        last?.['role'] === 'user' &&
        lastParts.every((p) => isObj(p) && p['functionResponse'] !== undefined)
      )
        lastParts.push(part);
      else contents.push({ role: 'user', parts: [part] });
    } else {
      throw invalidArgument(`Invalid message role: ${JSON.stringify(role)}`);
    }
  }
  return { contents, system };
}

/** `tool_choice` → functionCallingConfig. */
function callingConfig(choice: unknown): Part | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'required') return { mode: 'ANY' };
  if (isObj(choice) && isObj(choice['function']))
    return { mode: 'ANY', allowedFunctionNames: [String(choice['function']['name'])] };
  throw invalidArgument(`Invalid tool_choice: ${JSON.stringify(choice)}`);
}

/** `response_format` → responseMimeType / responseJsonSchema. */
function responseFormat(format: unknown): Part {
  if (!isObj(format) || format['type'] === 'text') return {};
  if (format['type'] === 'json_object') return { responseMimeType: 'application/json' };
  if (format['type'] === 'json_schema' && isObj(format['json_schema'])) {
    const schema = format['json_schema']['schema'];
    return {
      responseMimeType: 'application/json',
      ...(schema !== undefined ? { responseJsonSchema: schema } : {}),
    };
  }
  throw invalidArgument(`Invalid response_format type: ${JSON.stringify(format['type'])}`);
}

/** Sampling and output fields → generationConfig. */
function generationConfig(body: Obj): Part {
  const config: Part = {};
  const num = (from: string, to: string): void => {
    if (typeof body[from] === 'number') config[to] = body[from];
  };
  num('temperature', 'temperature');
  num('top_p', 'topP');
  num('n', 'candidateCount');
  num('seed', 'seed');
  num('presence_penalty', 'presencePenalty');
  num('frequency_penalty', 'frequencyPenalty');
  num('max_tokens', 'maxOutputTokens');
  num('max_completion_tokens', 'maxOutputTokens');
  const stop = body['stop'];
  if (typeof stop === 'string') config['stopSequences'] = [stop];
  else if (Array.isArray(stop)) config['stopSequences'] = stop.map(String);
  return { ...config, ...responseFormat(body['response_format']) };
}

/** The model id a client names (`gemini-2.5-flash` or `models/gemini-2.5-flash`) as `models/…`. */
export function modelName(model: unknown): string {
  if (typeof model !== 'string' || model === '') throw invalidArgument('model is required.');
  return model.startsWith('models/') ? model : `models/${model}`;
}

/** The GenerateContentRequest a chat completion request stands for. */
export function toGenerateContent(body: Obj): Part {
  if (!Array.isArray(body['messages']) || body['messages'].length === 0)
    throw invalidArgument('messages must be a non-empty list.');
  const { contents, system } = conversation(body['messages']);
  const declarations = list(body['tools'])
    .filter(isObj)
    .map((t) => {
      if (t['type'] !== 'function' || !isObj(t['function']))
        throw invalidArgument(`Unsupported tool type: ${JSON.stringify(t['type'])}`);
      const fn = t['function'];
      return {
        name: String(fn['name'] ?? ''),
        ...(typeof fn['description'] === 'string' ? { description: fn['description'] } : {}),
        ...(fn['parameters'] !== undefined ? { parametersJsonSchema: fn['parameters'] } : {}),
      };
    });
  const calling = callingConfig(body['tool_choice']);
  const config = generationConfig(body);
  return {
    contents,
    ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
    ...(declarations.length > 0 ? { tools: [{ functionDeclarations: declarations }] } : {}),
    ...(calling ? { toolConfig: { functionCallingConfig: calling } } : {}),
    ...(Object.keys(config).length > 0 ? { generationConfig: config } : {}),
  };
}
