// The bounded queue between the socket and `for await`: listeners never wait, the iterator reads from
// here. What happens when it is full is a documented policy (docs/realtime.md), never unbounded growth.

/** What a full queue does once something iterates: stop reading the socket, drop the oldest, or fail. */
export type OverflowPolicy = 'pause' | 'drop-oldest' | 'error';

/** Receive-queue settings. */
export interface QueueOptions {
  /** Messages held for the iterator (default 256). */
  capacity?: number;
  /** Policy when full (default `'pause'`; where the socket cannot pause, `'error'`). */
  overflow?: OverflowPolicy;
}

/** What the queue asks of its owner. */
export interface QueueHooks<T> {
  /** Stop reading; returns false when the socket cannot pause. */
  pause(): boolean;
  /** Read again. */
  resume(): void;
  /** A message was dropped (policy `drop-oldest`, or nobody iterating yet). */
  dropped(item: T): void;
  /** The queue overflowed under policy `error` (or `pause` without pause support). */
  overflow(): void;
  /** Whether callbacks consume the messages (then, until something iterates, a full queue drops its oldest). */
  listening(): boolean;
}

type Waiter<T> = { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void };

/** A bounded FIFO with one async consumer. */
export class MessageQueue<T> {
  /** Maximum messages held. */
  readonly capacity: number;
  readonly #policy: OverflowPolicy;
  readonly #hooks: QueueHooks<T>;
  #items: T[] = [];
  #head = 0;
  #waiter: Waiter<T> | undefined;
  #ended = false;
  #error: unknown;
  #paused = false;
  #iterating = false;

  constructor(options: QueueOptions, hooks: QueueHooks<T>) {
    const capacity = options.capacity ?? 256;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#policy = options.overflow ?? 'pause';
    this.#hooks = hooks;
  }

  /** Messages waiting to be read. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Whether reading from the socket is paused by this queue. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Adds a message (hands it straight to a waiting reader if there is one). */
  push(item: T): void {
    if (this.#ended) return;
    const w = this.#waiter;
    if (w) {
      this.#waiter = undefined;
      w.resolve({ value: item, done: false });
      return;
    }
    this.#items.push(item);
    if (this.size < this.capacity) return;
    if (this.#policy === 'drop-oldest' || (!this.#iterating && this.#hooks.listening())) {
      if (this.size > this.capacity) this.#hooks.dropped(this.#shift());
      return;
    }
    if (this.#paused) return; // frames already read by the socket still land here, bounded by its buffer
    if (this.#policy === 'pause' && this.#hooks.pause()) this.#paused = true;
    else this.#hooks.overflow();
  }

  /** No more messages: after the queued ones, readers get `done` (or `error`, thrown). */
  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    const w = this.#waiter;
    this.#waiter = undefined;
    if (w && this.size === 0) this.#settle(w);
  }

  /** Discards every queued message (used when the session fails hard). */
  clear(): void {
    this.#items = [];
    this.#head = 0;
  }

  /** The next message; waits when the queue is empty. */
  next(): Promise<IteratorResult<T>> {
    this.#iterating = true;
    if (this.size > 0) {
      const value = this.#shift();
      if (this.#paused && this.size <= this.capacity / 2) {
        this.#paused = false;
        this.#hooks.resume();
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended) return new Promise((resolve, reject) => this.#settle({ resolve, reject }));
    if (this.#waiter)
      return Promise.reject(new Error('a session has one reader at a time: finish the other loop first'));
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  #settle(w: Waiter<T>): void {
    if (this.#error !== undefined) {
      const e = this.#error;
      this.#error = undefined; // thrown once; later reads are plain `done`
      w.reject(e);
    } else w.resolve({ value: undefined, done: true });
  }

  #shift(): T {
    const item = this.#items[this.#head] as T;
    this.#items[this.#head++] = undefined as T;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}
