// `Operation<R, M>`: a google.longrunning.Operation you can refresh and await.

import type { Status } from '../../generated/types/Status.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { CallOptions } from '../core/transport.js';
import { OperationError } from './error.js';
import { poll, type PollOptions } from './poll.js';

/** The wire shape of a long-running operation (google.longrunning.Operation and its look-alikes). */
export interface OperationResource<R = Record<string, unknown>, M = Record<string, unknown>> {
  /** Server-assigned name, e.g. `fileSearchStores/s/upload/operations/o`. */
  name?: string;
  /** `true` once finished: then exactly one of `error` / `response` is set. */
  done?: boolean;
  /** The failure, when it failed. */
  error?: Status;
  /** The result, when it succeeded (often with an `@type`). */
  response?: R;
  /** Progress information, service-specific. */
  metadata?: M;
}

/** Fetches the latest state of an operation by name (usually a generated `*.operations.get` stub). */
export type OperationGetter<R, M> = (name: string, options?: CallOptions) => Promise<OperationResource<R, M>>;

/** Options of `Operation.wait`. */
export interface WaitOptions<R, M> extends PollOptions {
  /** Called after every poll with the refreshed operation (read `op.metadata` for progress). */
  onProgress?: ((op: Operation<R, M>) => void) | undefined;
}

/**
 * A long-running operation. `op.done`, `op.error` (an `OperationError`), `op.response` and
 * `op.metadata` describe the last state seen; `refresh()` fetches a new one and `wait()` polls
 * (capped exponential backoff) until done, resolving with the response or rejecting with the error.
 */
export class Operation<R = Record<string, unknown>, M = Record<string, unknown>> {
  #state: OperationResource<R, M>;
  readonly #get: OperationGetter<R, M>;

  /** Wraps an operation resource; `get` fetches its later states. */
  constructor(state: OperationResource<R, M>, get: OperationGetter<R, M>) {
    this.#state = state;
    this.#get = get;
  }

  /** The operation's name (empty if the server gave none). */
  get name(): string {
    return this.#state.name ?? '';
  }

  /** Whether the operation has finished. */
  get done(): boolean {
    return this.#state.done === true;
  }

  /** The failure of a finished operation, typed; `undefined` while running or after success. */
  get error(): OperationError | undefined {
    const e = this.#state.error;
    return e ? new OperationError(e, this.#state.name) : undefined;
  }

  /** The result of a successful operation. */
  get response(): R | undefined {
    return this.#state.response;
  }

  /** The latest progress metadata. */
  get metadata(): M | undefined {
    return this.#state.metadata;
  }

  /** The latest wire state, as received. */
  get resource(): OperationResource<R, M> {
    return this.#state;
  }

  /** Fetches the latest state once. */
  async refresh(options?: CallOptions): Promise<this> {
    if (!this.#state.name) throw new InvalidArgumentError('this operation has no name to refresh');
    this.#state = await this.#get(this.#state.name, options);
    return this;
  }

  /**
   * Polls until done; resolves with `response` or rejects with `OperationError`. `signal` aborts
   * (`AbortError`), `timeout` gives up (`TimeoutError`); the backoff starts at `initialDelay` (1 s) and
   * grows by `multiplier` (1.5) up to `maxDelay` (10 s).
   */
  async wait(options: WaitOptions<R, M> = {}): Promise<R> {
    const { onProgress, ...pollOptions } = options;
    if (!this.done && !this.#state.name) throw new InvalidArgumentError('this operation has no name to poll');
    const initial = this.#state;
    await poll<OperationResource<R, M>>(
      {
        initial,
        label: `operation ${this.name}`,
        fetch: (signal) => this.#get(this.name, { signal }),
        isDone: (s) => s.done === true,
        onPoll: (s) => {
          this.#state = s;
          if (s !== initial) onProgress?.(this);
        },
      },
      pollOptions,
    );
    const error = this.error;
    if (error) throw error;
    return this.#state.response as R;
  }

  /** The wire state (for logs and persistence). */
  toJSON(): OperationResource<R, M> {
    return this.#state;
  }
}
