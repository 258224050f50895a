// Timers that honour any duration: Node and browsers fire a delay above 2^31−1 ms (~24.8 days) after
// ~1 ms, so long delays are chained; `Infinity` means no timer at all. Plus the one check of duration
// and count options, so nonsense (negative, NaN, strings) is refused before anything is sent.

import { InvalidArgumentError } from './errors.js';

/** Longest delay a platform timer takes as it is. */
const MAX_DELAY = 2 ** 31 - 1;

/** Calls `fn` after `ms` (chaining timers past 2^31−1 ms; `Infinity`: never); returns the cancel function. */
export function setLongTimeout(fn: () => void, ms: number): () => void {
  if (!(ms < Infinity)) return () => undefined;
  const at = Date.now() + ms;
  let timer: ReturnType<typeof setTimeout>;
  const step = (left: number): void => {
    timer = setTimeout(
      left > MAX_DELAY ? () => step(at - Date.now()) : fn,
      Math.min(MAX_DELAY, Math.max(0, left)),
    );
  };
  step(ms);
  return () => clearTimeout(timer);
}

/**
 * Refuses a duration (`timeout`, `deadline`, `connectTimeout`, …; ms, `Infinity` allowed) or, with `count`,
 * a retry count (a non-negative integer) that is not a number in range. `undefined` passes.
 */
export function checkOption(name: string, value: unknown, count?: boolean): void {
  if (
    value !== undefined &&
    (typeof value !== 'number' || !(value >= 0) || (count && !Number.isSafeInteger(value)))
  ) {
    throw new InvalidArgumentError(
      `${name} must be ${count ? 'a non-negative integer' : 'a number of ms ≥ 0 (Infinity: none)'}, got ${String(value)}`,
    );
  }
}
