// Lyria RealTime to a WAV file: `npx tsx examples/music-to-wav.ts [out.wav] [seconds]`.
// Uses the real API when GEMINI_API_KEY is set, otherwise an emulator started in-process (its "music"
// is a test tone whose pitch follows bpm and scale).
import { Gemini, writeWav } from '../src/index.js';
import { startEmulator } from '../emulator/index.js';

const out = process.argv[2] ?? 'music.wav';
const seconds = Number(process.argv[3] ?? 5);

const real = Boolean(process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY']);
const emulator = real ? undefined : await startEmulator({ port: 0 });
const client = emulator ? new Gemini({ apiKey: 'demo-key', baseUrl: emulator.url }) : new Gemini();
console.log(real ? 'Using the real Gemini API.' : `Using the embedded emulator at ${emulator!.url}.`);

const session = await client.live.music.connect({ model: 'models/lyria-realtime-exp' });
try {
  session.on('filteredPrompt', (p) => console.warn(`prompt filtered: ${p.text} (${p.filteredReason})`));
  session.on('warning', (w) => console.warn(`warning: ${w}`));
  session.setWeightedPrompts([
    { text: 'minimal techno', weight: 1 },
    { text: 'warm piano chords', weight: 0.5 },
  ]);
  session.setMusicGenerationConfig({
    bpm: 120,
    scale: 'A_MAJOR_G_FLAT_MINOR',
    density: 0.6,
    brightness: 0.4,
  });
  session.play();
  // The music streams faster than real time; stop after `seconds` of audio.
  const wav = await writeWav(out, session.audio(), { maxDurationMs: seconds * 1000 });
  session.stop();
  console.log(
    `wrote ${out}: ${(wav.durationMs / 1000).toFixed(2)} s, ${wav.frames} frames, ${wav.dataBytes} bytes`,
  );
} finally {
  await session.close();
  await emulator?.close();
}
