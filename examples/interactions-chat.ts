// A stateful chat over the Interactions API: streamed answers, a function the model can call, and a
// background agent run. Runs against the real API when GEMINI_API_KEY is set, otherwise against an
// emulator started in-process (which scripts the function call and fast-forwards the agent's clock).
//
//   npx tsx examples/interactions-chat.ts
import { Gemini, defineFunction } from '../src/index.js';
import { startEmulator } from '../emulator/index.js';

const real = Boolean(process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY']);
const emulator = real ? undefined : await startEmulator({ port: 0 });
const client = emulator ? new Gemini({ apiKey: 'example-key', baseUrl: emulator.url }) : new Gemini();
console.log(
  real ? 'Real Gemini API.' : `Embedded emulator at ${emulator!.url} (set GEMINI_API_KEY for the real API).`,
);

const getWeather = defineFunction({
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  run: (args) => ({ city: (args as { city: string }).city, temp_c: 21, sky: 'clear' }),
});

try {
  // Everything on the wire is snake_case, and so are the parameters: generation_config, system_instruction…
  const chat = client.interactions.conversation({
    model: 'gemini-2.5-flash',
    system_instruction: 'You are a concise assistant.',
    generation_config: { thinking_level: 'low', max_output_tokens: 400 },
    tools: [getWeather],
  });

  // 1. A streamed turn: print text deltas as they arrive.
  process.stdout.write('\n> Name three large cities in Spain.\n');
  const stream = chat.stream('Name three large cities in Spain.');
  for await (const event of stream) {
    if (event.event_type === 'step.delta' && event.delta?.type === 'text')
      process.stdout.write(event.delta.text ?? '');
  }
  const first = await stream.finalInteraction();
  console.log(`\n(${first.id}: ${first.status}, ${first.usage?.total_tokens ?? '?'} tokens)`);

  // 2. The server keeps the history: this turn only sends the new input plus previous_interaction_id.
  //    The model may call get_weather; the conversation runs it and sends the result back.
  emulator?.control.script('gemini-2.5-flash', {
    functionCalls: [{ name: 'get_weather', args: { city: 'Madrid' } }],
  });
  const second = await chat.send('What is the weather like in the first one?');
  console.log(`\n> What is the weather like in the first one?\n${second.text}`);

  // 3. A background agent run: returns at once, then wait() polls with the shared poller.
  const run = await client.interactions.create({
    agent: 'deep-research-pro-preview-12-2025',
    input: 'Summarize this week in AI in three bullet points.',
    background: true,
  });
  console.log(`\nBackground run ${run.id}: ${run.status}`);
  if (emulator) setTimeout(() => emulator.control.clock.advance(10_000), 50); // the emulated agent finishes
  const done = await run.wait({
    initialDelay: real ? 5_000 : 20,
    timeout: real ? 30 * 60_000 : 10_000,
    onProgress: (i) => console.log(`  … ${i.status}`),
  });
  console.log(done.text);
} finally {
  await emulator?.close();
}
