// `Stream<T>`: an async iterable returned synchronously (no double await). The request starts on the first
// iteration; leaving the loop early (`break`, `return`, a thrown error) or `abort()` cancels it.

import { StreamError } from './errors.js';

/**
 * Starts the underlying request; receives the signal that `abort()`/`break` (and the caller's signal) fire,
 * and a callback to hand over the HTTP response once its headers have arrived.
 */
export type StreamSource<T> = (
  signal: AbortSignal,
  onResponse: (response: Response) => void,
) => AsyncIterable<T>;

/** An iterable of server-sent items: `for await (const chunk of stream)`. It can be iterated once. */
export class Stream<T> implements AsyncIterable<T> {
  readonly #controller = new AbortController();
  readonly #source: StreamSource<T>;
  readonly #parent: AbortSignal | undefined;
  #started = false;
  #response: Response | undefined;

  /** Wraps a source; `signal` (the caller's) also aborts the stream. */
  constructor(source: StreamSource<T>, signal?: AbortSignal) {
    this.#source = source;
    this.#parent = signal;
  }

  /** The HTTP response (status, headers) once the stream has started; its body is what is being iterated. */
  get response(): Response | undefined {
    return this.#response;
  }

  /** Aborts the request and ends iteration with an `AbortError` carrying `reason`. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  /** Iterates the items; starts the request on the first `next()`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    if (this.#started) throw new StreamError('a stream can be iterated only once');
    this.#started = true;
    const parent = this.#parent;
    const onAbort = (): void => this.#controller.abort(parent?.reason);
    if (parent?.aborted) onAbort();
    else parent?.addEventListener('abort', onAbort, { once: true });
    try {
      yield* this.#source(this.#controller.signal, (r) => (this.#response = r));
    } finally {
      parent?.removeEventListener('abort', onAbort);
      if (!this.#controller.signal.aborted) this.#controller.abort();
    }
  }
}
