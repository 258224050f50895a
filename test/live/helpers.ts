// Shared setup of the Live tests: one emulator per test, a client with a key that must never leak.
import { afterEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { Gemini, type LiveServerMessage, type LiveSession } from '../../src/index.js';

/** The fake key of these tests; it must never show up in errors. */
export const KEY = 'AIzaLiveSecretKey0123456789';
/** A Live model the emulator serves. */
export const MODEL = 'gemini-live-2.5-flash-preview';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** Starts an emulator (closed after the test) and a client pointed at it. */
export async function setup(
  options: Parameters<typeof startEmulator>[0] = {},
): Promise<{ emu: RunningEmulator; client: Gemini }> {
  const emu = await startEmulator({ port: 0, ...options });
  running.push(emu);
  return { emu, client: new Gemini({ apiKey: KEY, baseUrl: emu.url }) };
}

/** Reads messages until (and including) the next turnComplete. */
export async function untilTurnComplete(session: LiveSession): Promise<LiveServerMessage[]> {
  const out: LiveServerMessage[] = [];
  for await (const m of session) {
    out.push(m);
    if (m.serverContent?.turnComplete) break;
  }
  return out;
}

/** The concatenated model text of messages, restarting at each `interrupted`. */
export function turnText(messages: readonly LiveServerMessage[]): string {
  let text = '';
  for (const m of messages) {
    if (m.serverContent?.interrupted) text = '';
    for (const p of m.serverContent?.modelTurn?.parts ?? []) if (!p.thought) text += p.text ?? '';
  }
  return text;
}

/** The user texts of an emulator session's history, in order. */
export function userTexts(history: readonly Record<string, unknown>[]): string[] {
  return history
    .filter((c) => c['role'] === 'user')
    .flatMap((c) =>
      (c['parts'] as Record<string, unknown>[]).flatMap((p) =>
        typeof p['text'] === 'string' ? [p['text']] : [],
      ),
    );
}

/** Resolves when `predicate` holds (polled), rejects after `ms`. */
export async function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
