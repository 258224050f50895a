// Shared setup of the batch tests: a frozen emulator clock, and waits that move it instead of sleeping.
import type { RunningEmulator } from '../../emulator/index.js';
import type { Batch, BatchKind, BatchState, BatchWaitOptions } from '../../src/batches/index.js';

/** Emulator start time of every batch test. */
export const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Emulator options: a clock that only moves when a test moves it. */
export const frozen = { clock: { start: T0, frozen: true } };

/** `n` small generateContent requests (`q0`, `q1`, …). */
export const questions = (n: number): Array<{ contents: string }> =>
  Array.from({ length: n }, (_, i) => ({ contents: `q${i}` }));

/**
 * Waits for a batch, moving the emulator clock `stepMs` after every poll (polls every ms), and
 * returns the states seen in order (deduplicated).
 */
export async function driveToEnd<K extends BatchKind>(
  emu: RunningEmulator,
  batch: Batch<K>,
  stepMs = 1000,
  extra: BatchWaitOptions<K> = {},
): Promise<BatchState[]> {
  const seen: BatchState[] = [batch.state];
  await batch.wait({
    pollInterval: 1,
    timeout: 20_000,
    ...extra,
    onProgress: (b) => {
      if (seen.at(-1) !== b.state) seen.push(b.state);
      extra.onProgress?.(b);
      emu.control.clock.advance(stepMs);
    },
  });
  return seen;
}
