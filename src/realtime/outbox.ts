// Client messages of a resumable session: numbered, kept until the server reports them consumed, and
// replayed in order on the next connection. Wire indices are per connection; index 0 is the setup.

/** One client message. */
interface Entry {
  /** Session-wide sequence number. */
  readonly seq: number;
  /** The JSON text frame. */
  readonly text: string;
  /** Connection generation it was last sent on (0: not sent yet). */
  conn: number;
  /** Its index on that connection (-1: not sent yet). */
  wire: number;
}

/** Limits of the replay buffer. */
export interface OutboxLimits {
  /** Messages kept for replay (default 2048). */
  maxMessages?: number;
  /** Bytes kept for replay (default 16 MiB). */
  maxBytes?: number;
}

/** Numbering and replay buffer of client messages. */
export class Outbox {
  readonly #keep: boolean;
  readonly #maxMessages: number;
  readonly #maxBytes: number;
  #entries: Entry[] = [];
  #bytes = 0;
  #seq = 0;
  #conn = 0;
  #wire = 0;
  /** Messages dropped from the replay buffer because it was full (they cannot be replayed). */
  dropped = 0;

  /** `keep`: hold messages for replay (resumption on). */
  constructor(keep: boolean, limits: OutboxLimits = {}) {
    this.#keep = keep;
    this.#maxMessages = limits.maxMessages ?? 2048;
    this.#maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
  }

  /** Messages waiting for a connection or for the server to consume them. */
  get pending(): number {
    return this.#entries.length;
  }

  /** Messages sent on the current connection that the server has not reported consumed yet. */
  get unacked(): number {
    return this.#entries.filter((e) => e.conn === this.#conn && e.wire >= 0).length;
  }

  /** A new connection starts; its setup message takes wire index 0. */
  beginConnection(): void {
    this.#conn++;
    this.#wire = 1;
  }

  /** Numbers a message; returns a token to pass to `sent` once it is on the wire. */
  add(text: string): Entry {
    const entry: Entry = { seq: ++this.#seq, text, conn: 0, wire: -1 };
    if (!this.#keep) return entry;
    this.#entries.push(entry);
    this.#bytes += text.length;
    while (this.#entries.length > this.#maxMessages || this.#bytes > this.#maxBytes) {
      const old = this.#entries.shift()!;
      this.#bytes -= old.text.length;
      this.dropped++;
    }
    return entry;
  }

  /** Records that `entry` went out on the current connection. */
  sent(entry: Entry): void {
    entry.conn = this.#conn;
    entry.wire = this.#wire++;
  }

  /** The server consumed every message up to wire index `index` of the current connection. */
  ack(index: number): void {
    this.#drop((e) => e.conn === this.#conn && e.wire >= 0 && e.wire <= index);
  }

  /** No index reported: everything sent on the current connection so far counts as consumed. */
  ackSent(): void {
    this.#drop((e) => e.conn === this.#conn && e.wire >= 0);
  }

  /** The messages to (re)send on a new connection, oldest first, and how many of them were sent before. */
  replay(): { entries: Entry[]; resent: number } {
    const entries = [...this.#entries];
    return { entries, resent: entries.filter((e) => e.wire >= 0).length };
  }

  #drop(consumed: (e: Entry) => boolean): void {
    const keep: Entry[] = [];
    for (const e of this.#entries) {
      if (consumed(e)) this.#bytes -= e.text.length;
      else keep.push(e);
    }
    this.#entries = keep;
  }
}
