// A Live API text conversation: `npx tsx examples/live-text.ts`. Uses the real API when GEMINI_API_KEY is
// set, otherwise an emulator started in-process. Shows the iterator, the text() stream, events, a
// function the SDK runs for you, session resumption (the emulator sends a goAway mid-session) and close.
import { Gemini, defineFunction } from '../src/index.js';
import { startEmulator } from '../emulator/index.js';

const real = Boolean(process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY']);
const emulator = real ? undefined : await startEmulator({ port: 0 });
const client = emulator ? new Gemini({ apiKey: 'example-key', baseUrl: emulator.url }) : new Gemini();
console.log(
  real ? 'Real Gemini API.' : `Embedded emulator at ${emulator!.url} (set GEMINI_API_KEY for the real API).`,
);

const getTime = defineFunction({
  name: 'get_time',
  description: 'The current time, as HH:MM',
  run: () => ({ time: new Date().toISOString().slice(11, 16) }),
});

const session = await client.live.connect({
  model: 'gemini-live-2.5-flash-preview',
  config: {
    responseModalities: ['TEXT'],
    systemInstruction: 'You are a terse assistant.',
    tools: [getTime],
    sessionResumption: {}, // survive goAway and network drops
  },
});
session.on('toolResponse', (r) => console.log(`  [ran ${r.map((x) => x.name).join(', ')} for the model]`));
session.on('resumed', (e) =>
  console.log(`  [session resumed after ${e.cause}; ${e.replayed} message(s) replayed]`),
);

try {
  // 1. Raw messages: everything the server sends, typed.
  session.sendClientContent({ turns: 'Hello! Who are you?' });
  for await (const message of session) {
    const parts = message.serverContent?.modelTurn?.parts ?? [];
    for (const p of parts) if (p.text) process.stdout.write(p.text);
    if (message.usageMetadata) console.log(`\n  [${message.usageMetadata.totalTokenCount} tokens]`);
    if (message.serverContent?.turnComplete) break; // leaving the loop keeps the session open
  }

  // 2. A turn where the model calls get_time: the SDK runs it and answers the toolCall.
  if (emulator) emulator.control.live.goAway({ timeLeft: '5s' }); // the session moves to a new connection
  session.sendClientContent({ turns: 'What does get_time say?' });
  for await (const text of session.text()) process.stdout.write(text);
  console.log();
} finally {
  const { code, reason } = await session.close();
  console.log(`closed with ${code}${reason ? ` (${reason})` : ''}`);
  await emulator?.close();
}
