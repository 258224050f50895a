/** The emulator's controllable clock: every timestamp and expiry in emulator state reads it. */

/** How the clock starts. */
export interface ClockOptions {
  /** Initial time (default: the real current time). */
  readonly start?: number | Date;
  /** When true the clock only moves through `advance`/`set` (default: it follows real time). */
  readonly frozen?: boolean;
}

/** A clock tests can move forward to expire caches, files, tokens, … without waiting. */
export interface EmulatorClock {
  /** Current emulated time in epoch milliseconds. */
  now(): number;
  /** Current emulated time as an RFC 3339 UTC timestamp with nanosecond digits, as the API prints. */
  isoNow(): string;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps the clock to an absolute time. */
  set(time: number | Date): void;
  /** Calls `listener` after every `advance`/`set` (areas use it to run expiry); returns an unsubscribe. */
  onChange(listener: (now: number) => void): () => void;
}

/** Formats epoch milliseconds the way the API prints timestamps (`2025-01-01T00:00:00.123000000Z`). */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}000000Z`;
}

/** Creates a clock; real time plus an offset unless `frozen`. */
export function createClock(options: ClockOptions = {}): EmulatorClock {
  const real = (): number => Date.now();
  const startAt = options.start === undefined ? real() : +options.start;
  const frozen = options.frozen ?? false;
  // Emulated time = base + (real elapsed since anchor, unless frozen).
  let base = startAt;
  let anchor = real();
  const listeners = new Set<(now: number) => void>();

  const now = (): number => (frozen ? base : base + (real() - anchor));
  const notify = (): void => {
    const t = now();
    for (const l of listeners) l(t);
  };

  return {
    now,
    isoNow: () => formatTimestamp(now()),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`clock.advance needs a non-negative number, got ${ms}`);
      base = now() + ms;
      anchor = real();
      notify();
    },
    set(time) {
      base = +time;
      anchor = real();
      notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
