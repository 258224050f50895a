// The one poller: call `fetch` until `isDone`, sleeping with capped exponential backoff between calls.
// Long-running operations (`Operation.wait`) and resource states (`files.waitUntilActive`) both use it.

import { AbortError, TimeoutError } from '../core/errors.js';
import { checkOption, setLongTimeout } from '../core/timer.js';

/** Backoff and limits of a poll loop. */
export interface PollOptions {
  /** Cancels the loop (and the poll request in flight) with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overall limit in ms; past it the loop ends with `TimeoutError` (default: no limit). */
  timeout?: number | undefined;
  /** Delay before the second poll in ms (default 1000). */
  initialDelay?: number | undefined;
  /** Largest delay between polls in ms (default 10000). */
  maxDelay?: number | undefined;
  /** Growth factor of the delay (default 1.5). */
  multiplier?: number | undefined;
}

/** A poll loop's job: how to fetch the state, when it is final, and who hears each state. */
export interface PollSpec<T> {
  /** Fetches the current state; `signal` fires on abort or timeout. */
  fetch(signal: AbortSignal): Promise<T>;
  /** Whether the state is final. */
  isDone(value: T): boolean;
  /** Called with every fetched state (including the final one). */
  onPoll?: ((value: T, attempt: number) => void) | undefined;
  /** A state already in hand: checked first, so no request is made when it is final. */
  initial?: T | undefined;
  /** Names what is awaited in the timeout message, e.g. `operation batches/123`. */
  label?: string | undefined;
}

/** Delay before poll number `attempt` (1-based after the first): `initialDelay * multiplier^(attempt-1)`, capped. */
export function pollDelay(attempt: number, options: PollOptions = {}): number {
  const initial = options.initialDelay ?? 1000;
  const cap = options.maxDelay ?? 10_000;
  const factor = options.multiplier ?? 1.5;
  return Math.min(cap, initial * factor ** Math.max(0, attempt - 1));
}

/**
 * Polls until `spec.isDone(state)` and resolves with the final state. Between polls it waits
 * `pollDelay(n)`. Rejects with `AbortError` when `signal` aborts and `TimeoutError` after `timeout` ms
 * (both cut the request in flight); errors thrown by `fetch` end the loop as they are.
 */
export async function poll<T>(spec: PollSpec<T>, options: PollOptions = {}): Promise<T> {
  const { signal, timeout } = options;
  for (const k of ['timeout', 'initialDelay', 'maxDelay', 'multiplier'] as const) checkOption(k, options[k]);
  if (signal?.aborted) throw new AbortError(signal.reason);
  const label = spec.label ?? 'poll';
  const scope = new AbortController();
  const timedOut = new TimeoutError(`${label}: not done after ${timeout} ms`);
  const onAbort = (): void => scope.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const clearTimer = setLongTimeout(() => scope.abort(timedOut), timeout ?? Infinity);
  const fail = (e: unknown): never => {
    if (scope.signal.aborted) {
      if (scope.signal.reason === timedOut) throw timedOut;
      throw new AbortError(signal?.reason);
    }
    throw e;
  };
  try {
    let attempt = 0;
    let value = spec.initial;
    if (value !== undefined) {
      spec.onPoll?.(value, attempt);
      if (spec.isDone(value)) return value;
      attempt++;
      await wait(pollDelay(attempt, options), scope.signal).catch(fail);
    }
    for (;;) {
      value = await spec.fetch(scope.signal).catch(fail);
      spec.onPoll?.(value, attempt);
      if (spec.isDone(value)) return value;
      attempt++;
      await wait(pollDelay(attempt, options), scope.signal).catch(fail);
    }
  } finally {
    clearTimer();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Sleeps `ms`; rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      cancel();
      reject(signal.reason);
    };
    const cancel = setLongTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
