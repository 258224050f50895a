// The migration tests are written as @google/genai's README writes its examples; only the import and
// the constructor differ (`new GoogleGenAI({ apiKey })` → `new GoogleGenAI({ apiKey, baseUrl })`, with
// `Gemini as GoogleGenAI` imported from gemini-ts), so they show the switch is a find-and-replace.
import { afterEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** An emulator for the test (closed after it); point the client's `baseUrl` at `emu.url`. */
export async function emulator(): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0 });
  running.push(emu);
  return emu;
}

/** The key the tests use. */
export const GEMINI_API_KEY = 'test-key';
