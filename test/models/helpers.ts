/** Shared setup for SDK-against-emulator tests of generation, chats and tools. */
import { afterEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { Gemini } from '../../src/index.js';

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** The model most tests talk to. */
export const MODEL = 'gemini-2.5-flash';

/** Starts an emulator (closed after the test) and a client pointed at it (no retries, short timeout). */
export async function setup(
  options: { readonly timeout?: number } = {},
): Promise<{ emu: RunningEmulator; client: Gemini }> {
  const emu = await startEmulator({ port: 0 });
  running.push(emu);
  const timeout = options.timeout ?? 10_000;
  const client = new Gemini({ apiKey: 'test-key', baseUrl: emu.url, maxRetries: 0, timeout });
  return { emu, client };
}

/** Bodies of the generateContent/streamGenerateContent requests the emulator received, oldest first. */
export function generateBodies(
  emu: RunningEmulator,
): Array<{ contents: Array<Record<string, unknown>> } & Record<string, unknown>> {
  return emu.control.requests
    .filter((r) => /:(generateContent|streamGenerateContent)$/.test(r.path))
    .map((r) => r.body as { contents: Array<Record<string, unknown>> } & Record<string, unknown>);
}
