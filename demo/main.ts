// `npm start`: a short tour against the real API when GEMINI_API_KEY is set, otherwise against an
// emulator started in-process: a streamed reply, a one-shot call, a chat, an automatic tool call,
// structured output, token counting and the model list.
import { Gemini, defineFunction } from '../src/index.js';
import { startEmulator } from '../emulator/index.js';

const real = Boolean(process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY']);
const emulator = real ? undefined : await startEmulator({ port: 0 });
const client = emulator ? new Gemini({ apiKey: 'demo-key', baseUrl: emulator.url }) : new Gemini();
console.log(
  real
    ? 'Using the real Gemini API (GEMINI_API_KEY is set).'
    : `Using the embedded emulator at ${emulator!.url} (set GEMINI_API_KEY for the real API).`,
);

// A function the model may call; the SDK runs it and sends the result back (automatic function calling).
const getWeather = defineFunction({
  name: 'get_weather',
  description: 'Current weather in a city.',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: 'City name', examples: ['Paris'] } },
    required: ['city'],
  },
  run: (args) => {
    const { city } = args as { city: string };
    console.log(`  (get_weather called for ${JSON.stringify(city)})`);
    return { city, temperatureC: 21, sky: 'clear' };
  },
});

try {
  const model = 'gemini-2.5-flash';

  process.stdout.write('\nStreaming: ');
  const stream = client.models.generateContentStream({
    model,
    contents: 'Write one sentence about the sea.',
  });
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    process.stdout.write(chunk.text);
  }
  const final = await stream.finalResponse();
  console.log(
    `\n(${chunks} chunks, ${final.usage?.totalTokenCount ?? '?'} tokens, finish ${final.finishReason ?? '?'})`,
  );

  const reply = await client.models.generateContent({
    model,
    contents: 'Say hello in French.',
    systemInstruction: 'Be brief.',
  });
  console.log(`\nOne-shot: ${reply.text}`);

  console.log('\nChat:');
  const chat = client.chats.create({ model, config: { systemInstruction: 'Answer in one short sentence.' } });
  for (const message of ['My name is Ada.', 'What is my name?']) {
    const answer = await chat.sendMessage(message);
    console.log(`  user: ${message}\n  model: ${answer.text.trim()}`);
  }
  console.log(`  (history: ${chat.getHistory().length} turns)`);

  console.log('\nTool call:');
  const withTool = await client.models.generateContent({
    model,
    contents: 'What is the weather in Paris right now? Use get_weather.',
    tools: [getWeather],
  });
  console.log(`  model: ${withTool.text.trim()}`);
  console.log(
    `  (${withTool.automaticFunctionCallingHistory.length / 2} function round trip(s) run by the SDK)`,
  );

  const structured = await client.models.generateContent({
    model,
    contents: 'Name one planet and its number of moons.',
    generationConfig: {
      responseJsonSchema: {
        type: 'object',
        properties: { planet: { type: 'string' }, moons: { type: 'integer' } },
        required: ['planet', 'moons'],
      },
    },
  });
  console.log(`\nStructured output: ${JSON.stringify(structured.parsed)}`);

  const count = await client.models.countTokens({ model, contents: 'How many tokens is this?' });
  console.log(`countTokens: ${count.totalTokens}`);

  let n = 0;
  for await (const m of client.models.list({ pageSize: 20 })) if (m.name) n++;
  console.log(`models.list: ${n} models across pages`);
} finally {
  await emulator?.close();
}
