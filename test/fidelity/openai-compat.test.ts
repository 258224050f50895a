/**
 * Google's OpenAI compatibility layer (`/v1beta/openai/…`), spoken to with plain fetch as an OpenAI
 * client would: Bearer key, `chat.completion` objects, `chat.completion.chunk` SSE ending in `[DONE]`,
 * tool calls and their answers, errors as a list holding the google.rpc envelope; then the official
 * `openai` client (a devDependency) against the same routes.
 */
import { request } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { loadTranscripts } from '../transcripts/recorded.js';

const KEY = 'openai-compat-key';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [KEY] });
});
afterAll(async () => {
  await emu.close();
});

// Test-side reading of untyped JSON answers.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function chat(body: unknown, key = KEY): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${emu.url}/v1beta/openai/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the weather of a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('OpenAI-compatible chat completions', () => {
  it('answers a plain completion with a chat.completion object', async () => {
    const res = await chat({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = JSON.parse(res.text) as Json;
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gemini-2.5-flash',
      choices: [
        { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Echo: Hello there' } },
      ],
    });
    expect(typeof body['id']).toBe('string');
    expect(body['created']).toBe(Math.floor(emu.control.clock.now() / 1000));
    const usage = body['usage'] as Json;
    expect(usage['prompt_tokens']).toBeGreaterThan(0);
    expect(usage['completion_tokens']).toBeGreaterThan(0);
    expect(usage['total_tokens']).toBe(usage['prompt_tokens'] + usage['completion_tokens']);
  });

  it('answers the recorded request (pydantic-ai, tools without id) with the recorded shape', async () => {
    const recorded = loadTranscripts().find((t) => t.path === '/v1beta/openai/chat/completions');
    expect(recorded).toBeDefined();
    const all = await startEmulator({ apiKeys: [KEY], models: 'all' });
    try {
      const res = await fetch(`${all.url}${recorded!.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(recorded!.request_body),
      });
      expect(res.status).toBe(recorded!.status);
      const ours = (await res.json()) as Json;
      const theirs = recorded!.response_body as Json;
      const keys = (o: Json): string[] => Object.keys(o).sort();
      expect(keys(ours)).toEqual(keys(theirs));
      expect(keys(ours['usage'])).toEqual(keys(theirs['usage']));
      expect(ours['object']).toBe(theirs['object']);
      expect(ours['model']).toBe(theirs['model']);
      const [mine] = ours['choices'] as Json[];
      const [real] = theirs['choices'] as Json[];
      expect(mine!['finish_reason']).toBe(real!['finish_reason']);
      expect(mine!['message']['role']).toBe(real!['message']['role']);
      expect(mine!['message']['tool_calls']).toEqual(real!['message']['tool_calls']);
    } finally {
      await all.close();
    }
  });

  it('serves scripted replies, `models/…` names and multi-part user content', async () => {
    emu.control.script('gemini-2.5-flash', { text: 'Scripted answer', finishReason: 'MAX_TOKENS' });
    const res = await chat({
      model: 'models/gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Anything' }] }],
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as Json;
    expect(body['model']).toBe('models/gemini-2.5-flash');
    expect(body['choices'][0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'Scripted answer' },
    });
  });

  it('streams chat.completion.chunk events and ends with [DONE]', async () => {
    const res = await chat({
      model: 'gemini-2.5-flash',
      stream: true,
      messages: [{ role: 'user', content: 'Tell me about the sea and the sky' }],
    });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/event-stream/);
    const events = res.text
      .split('\n\n')
      .filter((e) => e.trim() !== '')
      .map((e) => e.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Json);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c['object']).toBe('chat.completion.chunk');
    expect(new Set(chunks.map((c) => c['id'])).size).toBe(1);
    expect(chunks[0]!['choices'][0]['delta']['role']).toBe('assistant');
    const text = chunks
      .map((c) => (c['choices'][0]['delta']['content'] as string | undefined) ?? '')
      .join('');
    expect(text).toBe('Echo: Tell me about the sea and the sky');
    const last = chunks.at(-1)!;
    expect(last['choices'][0]['finish_reason']).toBe('stop');
    expect(last['usage']['completion_tokens']).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => c['choices'][0]['finish_reason'] === null)).toBe(true);
  });

  it('runs a tool call round trip: tool_calls out, the tool message back in, an answer', async () => {
    const messages: Json[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await chat({
      model: 'gemini-2.5-flash',
      messages,
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    expect(first.status).toBe(200);
    const choice = (JSON.parse(first.text) as Json)['choices'][0] as Json;
    expect(choice['finish_reason']).toBe('tool_calls');
    const call = choice['message']['tool_calls'][0] as Json;
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(typeof (JSON.parse(call['function']['arguments'] as string) as Json)['city']).toBe('string');
    messages.push(choice['message'] as Json, {
      role: 'tool',
      tool_call_id: call['id'],
      content: JSON.stringify({ temperature: 21 }),
    });
    const second = await chat({ model: 'gemini-2.5-flash', messages, tools: [weatherTool] });
    expect(second.status).toBe(200);
    const answer = (JSON.parse(second.text) as Json)['choices'][0] as Json;
    expect(answer['finish_reason']).toBe('stop');
    expect(answer['message']['content']).toBe('Echo: get_weather returned {"temperature":21}');
    expect(emu.control.requests.at(-1)!.methodId).toBe('openai.chat.completions.create');
  });

  it('hands Gemini 3 thought signatures out in extra_content and needs them back, as the service does', async () => {
    const model = 'gemini-3-pro-preview';
    const messages: Json[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await chat({ model, messages, tools: [weatherTool] });
    const message = (JSON.parse(first.text) as Json)['choices'][0]['message'] as Json;
    const signature = message['extra_content']?.['google']?.['thought_signature'] as unknown;
    expect(typeof signature).toBe('string');
    const answer = { role: 'tool', tool_call_id: message['tool_calls'][0]['id'], content: '"sunny"' };
    const withSignature = await chat({
      model,
      messages: [...messages, message, answer],
      tools: [weatherTool],
    });
    expect(withSignature.status).toBe(200);
    expect((JSON.parse(withSignature.text) as Json)['choices'][0]['message']['content']).toBe(
      'Echo: get_weather returned {"result":"sunny"}',
    );
    const unsigned = { role: 'assistant', content: null, tool_calls: message['tool_calls'] };
    const without = await chat({ model, messages: [...messages, unsigned, answer], tools: [weatherTool] });
    expect(without.status).toBe(400);
    expect(Array.isArray(JSON.parse(without.text))).toBe(true);
  });

  it('streams a tool call as a tool_calls delta with its index', async () => {
    const res = await chat({
      model: 'gemini-2.5-flash',
      stream: true,
      messages: [{ role: 'user', content: 'What is the weather in Rome?' }],
      tools: [weatherTool],
    });
    const chunks = res.text
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)) as Json);
    const last = chunks.at(-1)!['choices'][0] as Json;
    expect(last['finish_reason']).toBe('tool_calls');
    expect(last['delta']['tool_calls'][0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather' },
    });
  });

  it("honours tool_choice: 'required' calls, 'none' never does", async () => {
    const messages = [{ role: 'user', content: 'Say hello' }];
    const required = await chat({
      model: 'gemini-2.5-flash',
      messages,
      tools: [weatherTool],
      tool_choice: 'required',
    });
    expect((JSON.parse(required.text) as Json)['choices'][0]['finish_reason']).toBe('tool_calls');
    const none = await chat({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect((JSON.parse(none.text) as Json)['choices'][0]['message']['content']).toBe(
      'Echo: Weather in Paris?',
    );
  });

  it('rejects a bad key (400 API_KEY_INVALID) and a missing one (403), as a list of error envelopes', async () => {
    const bad = await chat(
      { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] },
      'not-the-key',
    );
    expect(bad.status).toBe(400);
    const [envelope] = JSON.parse(bad.text) as Json[];
    expect(envelope!['error']).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(envelope!['error']['details'][0]['reason']).toBe('API_KEY_INVALID');
    expect(bad.text).not.toContain('not-the-key');
    const missing = await fetch(`${emu.url}/v1beta/openai/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(missing.status).toBe(403);
    expect(Array.isArray(await missing.json())).toBe(true);
  });

  it('answers an unknown model with the layer 404 (API version v1main)', async () => {
    const res = await chat({ model: 'gemini-pro', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual([
      {
        error: {
          code: 404,
          message:
            'models/gemini-pro is not found for API version v1main, or is not supported for generateContent. Call ModelService.ListModels to see the list of available models and their supported methods.',
          status: 'NOT_FOUND',
        },
      },
    ]);
  });

  it('rejects malformed requests with 400', async () => {
    const noMessages = await chat({ model: 'gemini-2.5-flash', messages: [] });
    expect(noMessages.status).toBe(400);
    const badRole = await chat({ model: 'gemini-2.5-flash', messages: [{ role: 'robot', content: 'x' }] });
    expect(badRole.status).toBe(400);
    expect((JSON.parse(badRole.text) as Json[])[0]!['error']['status']).toBe('INVALID_ARGUMENT');
  });

  it('lists models in the OpenAI shape', async () => {
    const res = await fetch(`${emu.url}/v1beta/openai/models`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body['object']).toBe('list');
    expect(body['data']).toContainEqual({
      id: 'models/gemini-2.5-flash',
      object: 'model',
      owned_by: 'google',
    });
  });

  it('logs calls with the Bearer key redacted, answers CORS like other API routes and refuses foreign Hosts', async () => {
    emu.control.clearRequests();
    await chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
    const logged = emu.control.requests[0]!;
    expect(logged.path).toBe('/v1beta/openai/chat/completions');
    expect(JSON.stringify(logged)).not.toContain(KEY);
    expect(logged.headers['authorization']).toBe('Bearer [REDACTED]');

    const preflight = await fetch(`${emu.url}/v1beta/openai/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBeTruthy();

    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: emu.port,
          method: 'GET',
          path: '/v1beta/openai/models',
          headers: { host: 'evil.example', authorization: `Bearer ${KEY}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('the official OpenAI client (openai npm package) against the emulator', () => {
  const client = (): OpenAI =>
    new OpenAI({ apiKey: KEY, baseURL: `${emu.url}/v1beta/openai/`, maxRetries: 0, timeout: 20_000 });

  it('creates a completion, runs a tool call round trip and streams', async () => {
    const openai = client();
    const plain = await openai.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi from the OpenAI client' }],
    });
    expect(plain.choices[0]?.message.content).toBe('Echo: Hi from the OpenAI client');

    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ];
    const tools = [weatherTool] as OpenAI.Chat.ChatCompletionTool[];
    const first = await openai.chat.completions.create({ model: 'gemini-2.5-flash', messages, tools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? call.function.name : undefined).toBe('get_weather');
    messages.push(first.choices[0]!.message, {
      role: 'tool',
      tool_call_id: call!.id,
      content: '{"sky":"clear"}',
    });
    const second = await openai.chat.completions.create({ model: 'gemini-2.5-flash', messages, tools });
    expect(second.choices[0]?.message.content).toBe('Echo: get_weather returned {"sky":"clear"}');

    const stream = await openai.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'one two three four' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: one two three four');
  });

  it('surfaces the layer errors as typed OpenAI errors', async () => {
    const openai = client();
    const unknown = openai.chat.completions.create({
      model: 'gemini-pro',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const bad = new OpenAI({ apiKey: 'wrong', baseURL: `${emu.url}/v1beta/openai/`, maxRetries: 0 });
    await expect(
      bad.chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toContain('models/gemini-2.5-flash');
  });
});
