// `ApiPromise<T>`: a promise of the parsed response that can also give the raw `Response`.

import { GeminiError } from './errors.js';

/** The parsed body of a call together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** The parsed JSON body. */
  data: T;
  /** The HTTP response (its body already read). */
  response: Response;
}

/** Resolves to the parsed body; `.withResponse()` also gives the `Response` (headers, status). */
export class ApiPromise<T> implements Promise<T> {
  readonly #inner: Promise<{ data: T; response: Response | undefined }>;
  #data: Promise<T> | undefined;

  /** Wraps a pending call (`response` is absent when the result needed no HTTP call, e.g. a cached answer). */
  constructor(inner: Promise<{ data: T; response: Response | undefined }>) {
    this.#inner = inner;
  }

  /** The parsed body and the raw `Response` of the (last) HTTP call that produced it. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#inner.then((r) =>
      r.response
        ? (r as WithResponse<T>)
        : Promise.reject(new GeminiError('this result needed no HTTP call')),
    );
  }

  #get(): Promise<T> {
    return (this.#data ??= this.#inner.then((r) => r.data));
  }

  /** Promise `then` on the parsed body. */
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#get().then(onfulfilled, onrejected);
  }

  /** Promise `catch` on the parsed body. */
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#get().catch(onrejected);
  }

  /** Promise `finally`. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#get().finally(onfinally);
  }

  /** `[object ApiPromise]`. */
  get [Symbol.toStringTag](): string {
    return 'ApiPromise';
  }
}
