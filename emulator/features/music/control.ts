/**
 * `control.music`: the emulated Lyria sessions' cadence, prompt filters, warnings and state. One
 * instance per emulator; `reset()` restores the defaults and closes nothing (open sessions keep going).
 */
import type { MusicCadence, MusicSession, MusicSessionInfo, PromptFilter } from './session.js';

/** Default cadence: 200 ms of audio every 10 ms (20× real time, like the real service's head start). */
export const DEFAULT_CADENCE: Readonly<MusicCadence> = Object.freeze({ chunkMs: 200, intervalMs: 10 });

/** Reason sent with a filtered prompt unless the rule gives one (production wording unrecorded). */
export const DEFAULT_FILTER_REASON = 'The prompt was filtered by the safety filters.';

/** `control.music`. */
export interface MusicControl {
  /** Changes the cadence (unset fields keep their value); applies to open sessions at their next chunk. */
  configure(settings: Partial<MusicCadence>): MusicCadence;
  /** Prompts whose text contains `match` (case-insensitive) or matches the RegExp are filtered from now on. */
  filterPrompt(match: string | RegExp, reason?: string): void;
  /** Removes every prompt filter. */
  clearFilters(): void;
  /** Sends `{ warning: text }` to every open session; returns how many got it. */
  warn(text: string): number;
  /** Closes every open session from the server side (default 1011 `Internal error encountered.`); returns how many. */
  closeAll(code?: number, reason?: string): number;
  /** A snapshot of every session since the last reset, oldest first. */
  readonly sessions: readonly MusicSessionInfo[];
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Live Music (BidiGenerateMusic) sessions. */
    readonly music: MusicControl;
  }
}

/** The area's state behind `control.music`. */
export class MusicState implements MusicControl {
  /** Sessions since the last reset (closed ones included, for inspection). */
  readonly all: MusicSession[] = [];
  #cadence: MusicCadence = { ...DEFAULT_CADENCE };
  #filters: PromptFilter[] = [];
  #nextId = 1;

  /** The next session id. */
  nextId(): number {
    return this.#nextId++;
  }

  /** The cadence in force. */
  cadence(): MusicCadence {
    return this.#cadence;
  }

  /** The prompt filters in force. */
  filters(): readonly PromptFilter[] {
    return this.#filters;
  }

  configure(settings: Partial<MusicCadence>): MusicCadence {
    const next = { ...this.#cadence, ...settings };
    if (!Number.isFinite(next.chunkMs) || next.chunkMs <= 0 || next.chunkMs > 10_000) {
      throw new RangeError(`music chunkMs must be in (0, 10000], got ${next.chunkMs}`);
    }
    if (!Number.isFinite(next.intervalMs) || next.intervalMs < 0) {
      throw new RangeError(`music intervalMs must be >= 0, got ${next.intervalMs}`);
    }
    this.#cadence = next;
    return { ...next };
  }

  filterPrompt(match: string | RegExp, reason = DEFAULT_FILTER_REASON): void {
    this.#filters.push({ match, reason });
  }

  clearFilters(): void {
    this.#filters = [];
  }

  warn(text: string): number {
    const open = this.all.filter((s) => !s.info().closed);
    for (const s of open) s.warn(text);
    return open.length;
  }

  closeAll(code = 1011, reason = 'Internal error encountered.'): number {
    const open = this.all.filter((s) => !s.info().closed);
    for (const s of open) s.close(code, reason);
    return open.length;
  }

  get sessions(): readonly MusicSessionInfo[] {
    return this.all.map((s) => s.info());
  }

  /** Back to defaults; sessions are forgotten (open ones keep running). */
  reset(): void {
    this.all.length = 0;
    this.#cadence = { ...DEFAULT_CADENCE };
    this.#filters = [];
    this.#nextId = 1;
  }
}
