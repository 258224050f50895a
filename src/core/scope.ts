// The abort scope of one request attempt: an AbortController linked to the caller's signal and to a timer,
// with listeners removed on dispose so long-lived signals do not accumulate them.

import { TimeoutError } from './errors.js';
import { setLongTimeout } from './timer.js';

/** One attempt's abort scope: aborts when the parent signal aborts or the armed timer fires. */
export class AttemptScope {
  /** Aborts the attempt's fetch and body. */
  readonly controller = new AbortController();
  /** Set when the timer (not the parent) aborted the attempt. */
  timedOut: TimeoutError | undefined;
  readonly #parent: AbortSignal | undefined;
  readonly #onAbort = (): void => this.controller.abort(this.#parent?.reason);
  #cancel: (() => void) | undefined;

  constructor(parent: AbortSignal | undefined) {
    this.#parent = parent;
    if (parent?.aborted) this.#onAbort();
    else parent?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** The signal to hand to `fetch`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** (Re)starts the timer: after `ms` the attempt aborts with a `TimeoutError` carrying `message`. */
  arm(ms: number, message: string): void {
    this.#cancel?.();
    this.#cancel = setLongTimeout(() => {
      this.timedOut = new TimeoutError(message);
      this.controller.abort(this.timedOut);
    }, ms);
  }

  /** Stops the timer and unlinks the parent signal; with `abort`, also aborts the attempt. */
  dispose(abort = false): void {
    this.#cancel?.();
    this.#parent?.removeEventListener('abort', this.#onAbort);
    if (abort && !this.controller.signal.aborted) this.controller.abort();
  }
}
