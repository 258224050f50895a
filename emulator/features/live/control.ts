/**
 * `control.live`: inspect Live sessions and steer them from tests — goAway, network drops (now or in the
 * middle of the next turn), a rejected next connection, and turn pacing.
 */
import type { Obj } from './sessions.js';

/** A session as tests see it. */
export interface LiveSessionInfo {
  /** Emulator id. */
  readonly id: string;
  /** `models/…`. */
  readonly model: string;
  /** Whether a connection is open. */
  readonly open: boolean;
  /** Connections opened (1 + resumptions). */
  readonly connections: number;
  /** Client messages received over all connections (setups included). */
  readonly clientMessages: number;
  /** The conversation (a copy). */
  readonly history: readonly Obj[];
  /** The effective setup (after token locks). */
  readonly setup: Obj;
}

/** Which sessions a control call targets (default: every open one). */
export interface LiveTarget {
  /** One session's id. */
  readonly sessionId?: string;
}

/** The Live namespace of the emulator control API. */
export interface LiveControl {
  /** Sessions so far, oldest first. */
  sessions(): LiveSessionInfo[];
  /** Open Live connections right now. */
  readonly openConnections: number;
  /** Sends `goAway` (default `timeLeft` `"10s"`) and closes the connections when the time is up; returns how many got it. */
  goAway(options?: LiveTarget & { readonly timeLeft?: string }): number;
  /**
   * Cuts connections without a close frame (the client sees 1006). With `afterMessages`, the next turn
   * of each targeted connection is cut after that many server messages instead. Returns connections affected.
   */
  drop(options?: LiveTarget & { readonly afterMessages?: number }): number;
  /** The next connection gets this close right after its setup (before setupComplete). */
  rejectNext(close: { readonly code: number; readonly reason: string }): void;
  /** Delay between the server messages of a turn, in ms (default 0: one event-loop turn). */
  setChunkDelay(ms: number): void;
  /** Uses left on an ephemeral token (`Infinity` = unlimited), or `undefined` if unknown. */
  tokenUses(name: string): number | undefined;
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Live API sessions (BidiGenerateContent over WebSocket). */
    readonly live: LiveControl;
  }
}
