/**
 * The control API of an emulator instance (`startEmulator(...).control`). Feature areas add their
 * own namespace in their own file: augment this interface with
 * `declare module '…/control/control.js' { interface EmulatorControl { files: FilesControl } }`
 * and attach the object in their `install` with `core.extendControl('files', filesControl)`.
 */
import type { EmulatorClock } from '../clock.js';
import type { ModelsControl } from '../features/models/store.js';
import type { FaultControl } from './faults.js';
import type { ReplyControl, ScriptedReply } from './replies.js';
import type { LoggedRequest, RequestLogUsage } from './request-log.js';

/** Scripts, faults, request log, models and clock of one emulator instance. */
export interface EmulatorControl {
  /** The emulated clock every timestamp and expiry reads. */
  readonly clock: EmulatorClock;
  /** Fault injection (errors, latency, cut connections, truncated streams). */
  readonly faults: FaultControl;
  /** Scripted generateContent / streamGenerateContent replies, per model. */
  readonly replies: ReplyControl;
  /** The model list. */
  readonly models: ModelsControl;
  /** API requests received so far, oldest first (a snapshot; keys removed, tokens redacted, capped by bytes). */
  readonly requests: readonly LoggedRequest[];
  /** Shorthand for `replies.enqueue(model, ...replies)`. */
  script(model: string, ...replies: ScriptedReply[]): void;
  /** Latency added to every API request from now on (0 turns it off). */
  setLatency(ms: number): void;
  /** Empties the request log. */
  clearRequests(): void;
  /** Entries and bytes the request log holds (it is capped by `startEmulator({ requestLog })`). */
  requestLogUsage(): RequestLogUsage;
  /** Back to the start state: no scripts, faults, log or extra models; every area's state cleared. The clock keeps its time. */
  reset(): void;
}
