// `npm start`: a short tour against the real API when GEMINI_API_KEY is set, otherwise against an
// emulator started in-process.
import { Gemini } from '../src/index.js';
import { startEmulator } from '../emulator/index.js';

const real = Boolean(process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY']);
const emulator = real ? undefined : await startEmulator({ port: 0 });
const client = emulator ? new Gemini({ apiKey: 'demo-key', baseUrl: emulator.url }) : new Gemini();
console.log(real ? 'Using the real Gemini API (GEMINI_API_KEY is set).' : `Using the embedded emulator at ${emulator!.url} (set GEMINI_API_KEY for the real API).`);

try {
  const model = 'gemini-2.5-flash';
  process.stdout.write('\nStreaming: ');
  const stream = client.models.generateContentStream({ model, contents: 'Write one sentence about the sea.' });
  for await (const chunk of stream) process.stdout.write(chunk.text);
  const final = await stream.finalResponse();
  console.log(`\n(${final.usage?.totalTokenCount ?? '?'} tokens, finish ${final.finishReason ?? '?'})`);

  const reply = await client.models.generateContent({ model, contents: 'Say hello in French.', systemInstruction: 'Be brief.' });
  console.log(`\nOne-shot: ${reply.text}`);

  const count = await client.models.countTokens({ model, contents: 'How many tokens is this?' });
  console.log(`countTokens: ${count.totalTokens}`);

  let n = 0;
  for await (const m of client.models.list({ pageSize: 20 })) if (m.name) n++;
  console.log(`models.list: ${n} models across pages`);
} finally {
  await emulator?.close();
}
