// The budgets of a bulk run: concurrency that adapts to 429s (halved on a storm, +1 per round of
// successes), requests per minute, tokens per minute, and one back-off window every worker shares.
// Only the runner's dispatcher calls `wait`, so there is no queue of waiters to be fair to.

/** A sliding one-minute window of amounts (requests or tokens). */
class MinuteWindow {
  private times: number[] = [];
  private amounts: number[] = [];
  private head = 0;
  /** Absolute sequence number of `times[0]` (handles survive compaction). */
  private base = 0;
  private sum = 0;

  constructor(readonly limit: number) {}

  private expire(now: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= now - 60_000) {
      this.sum -= this.amounts[this.head]!;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.amounts = this.amounts.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }

  /** ms to wait before `amount` fits (0: now). An amount larger than the limit fits an empty window. */
  waitFor(amount: number, now: number): number {
    this.expire(now);
    if (this.sum + amount <= this.limit || this.head === this.times.length) return 0;
    let need = this.sum + amount - this.limit;
    for (let i = this.head; i < this.times.length; i++) {
      need -= this.amounts[i]!;
      if (need <= 0) return Math.max(1, this.times[i]! + 60_000 - now);
    }
    return Math.max(1, this.times[this.times.length - 1]! + 60_000 - now);
  }

  /** Records `amount` at `now`; returns a handle to correct it later. */
  add(amount: number, now: number): number {
    this.times.push(now);
    this.amounts.push(amount);
    this.sum += amount;
    return this.base + this.times.length - 1;
  }

  /** Replaces a recorded amount (e.g. a token estimate by the real usage), if it is still in the window. */
  correct(handle: number, amount: number): void {
    const i = handle - this.base;
    if (i < this.head || i >= this.amounts.length) return;
    this.sum += amount - this.amounts[i]!;
    this.amounts[i] = amount;
  }
}

/** Budgets of a run. */
export interface LimiterOptions {
  concurrency: number;
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
  now?: () => number;
}

/** The shared state every request of a run goes through. */
export class Limiter {
  /** Concurrency allowed now (1..max). */
  limit: number;
  /** Requests in flight. */
  active = 0;
  /** No request starts before this time (the shared 429 window). */
  pausedUntil = 0;
  private readonly max: number;
  private readonly rpm: MinuteWindow | undefined;
  private readonly tpm: MinuteWindow | undefined;
  private streak = 0;
  private storms = 0;
  private lastCut = -Infinity;
  private readonly now: () => number;

  constructor(o: LimiterOptions) {
    this.max = o.concurrency;
    this.limit = o.concurrency;
    this.rpm = o.requestsPerMinute ? new MinuteWindow(o.requestsPerMinute) : undefined;
    this.tpm = o.tokensPerMinute ? new MinuteWindow(o.tokensPerMinute) : undefined;
    this.now = o.now ?? Date.now;
  }

  /** ms until a request of `tokens` may start: 0 means take it now with `take`. */
  wait(tokens: number): number {
    const now = this.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.active >= this.limit) return Infinity; // until a release
    return Math.max(this.rpm?.waitFor(1, now) ?? 0, this.tpm?.waitFor(tokens, now) ?? 0);
  }

  /** Starts a request; returns a handle for `usage`. */
  take(tokens: number): number {
    const now = this.now();
    this.active++;
    this.rpm?.add(1, now);
    return this.tpm ? this.tpm.add(tokens, now) : -1;
  }

  /** Replaces the token estimate of a request by what it really used. */
  usage(handle: number, tokens: number): void {
    if (handle >= 0) this.tpm?.correct(handle, tokens);
  }

  /** A request ended well: after a round of successes at the current level, allow one more. */
  succeeded(): void {
    this.active--;
    this.storms = 0;
    if (this.limit < this.max && ++this.streak >= this.limit) {
      this.limit++;
      this.streak = 0;
    }
  }

  /** A request ended otherwise (error, or retry later for a reason other than 429). */
  released(): void {
    this.active--;
  }

  /**
   * A 429: everyone waits `delay` ms (the server's RetryInfo) or a growing back-off, and concurrency is
   * halved once per window (the answers of requests already in flight do not halve it again).
   */
  rateLimited(delay: number | undefined): number {
    this.active--;
    this.streak = 0;
    const now = this.now();
    const backoff = delay ?? Math.min(60_000, 1000 * 2 ** Math.min(6, this.storms));
    if (now >= this.lastCut + Math.max(backoff, 50)) {
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.lastCut = now;
      this.storms++;
    }
    // A little jitter so the workers do not all hit the server in the same millisecond.
    this.pausedUntil = Math.max(
      this.pausedUntil,
      now + backoff + Math.floor(Math.random() * Math.min(250, backoff / 4 + 1)),
    );
    return this.pausedUntil - now;
  }
}
