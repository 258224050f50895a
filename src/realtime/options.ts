// Options, hooks and events of the WebSocket session engine (docs/realtime.md).
import type { GeminiError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { BackoffOptions } from '../core/retry.js';
import type { CloseInfo } from './errors.js';
import type { OutboxLimits } from './outbox.js';
import type { QueueOptions } from './queue.js';
import type { WebSocketConstructor } from './socket.js';

/** What a server message says about resumption (from `ResumptionHooks.update`). */
export interface ResumptionUpdate {
  /** A new handle to resume from (absent when the session is not resumable at this point). */
  handle?: string | undefined;
  /** Per-connection index (0 = setup) of the last client message included in the handle's state. */
  consumedIndex?: number | undefined;
}

/** Protocol hooks that turn on resumption: handle tracking, goAway, replay. */
export interface ResumptionHooks<S> {
  /** Reads resumption state from a server message (`undefined`: nothing to note). */
  update(message: S): ResumptionUpdate | undefined;
  /** Milliseconds until the server closes, if `message` announces it (goAway). */
  goAway?(message: S): number | undefined;
  /** Whether now is a good moment to switch connections (e.g. no model turn in progress; default true). */
  idle?(): boolean;
  /** Messages to insert into the stream when the session resumes (before the new connection's messages). */
  onResume?(cause: 'goAway' | 'drop'): S[] | undefined;
  /** Reconnect attempts per interruption (default 5). */
  maxAttempts?: number;
  /** Backoff between attempts (default base 200 ms, max 5 s, full jitter). */
  backoff?: BackoffOptions;
}

/** Options of `RealtimeSession.open`. */
export interface RealtimeOptions<C, S> {
  /** `ws:`/`wss:` URL, auth included (see `wsUrl`). */
  url: string;
  /** Removes secrets (the key in the URL) from text that goes into errors and logs. */
  redact?: ((text: string) => string) | undefined;
  /** The first message of every connection; `resume` is set on a resuming reconnect. */
  setup(resume: { handle: string } | undefined): C;
  /** Whether `message` completes the setup handshake. */
  isSetupComplete(message: S): boolean;
  /** Aborts the connect; after it, closes the session (the iterator then throws `AbortError`). */
  signal?: AbortSignal | undefined;
  /** Time allowed to open the socket and complete the setup, in ms (default 30 000). */
  connectTimeout?: number | undefined;
  /** Receive queue of the iterator. */
  queue?: QueueOptions | undefined;
  /** `false`: messages go to listeners only, nothing is queued for an iterator. */
  iterate?: boolean | undefined;
  /** The protocol layer's own observer of every message (not a consumer: it does not count for `listening`). */
  observe?: ((message: S) => void) | undefined;
  /** Whether callbacks consume the messages (default: something listens to `message`); see docs/realtime.md. */
  listening?: (() => boolean) | undefined;
  /** Resumption hooks; without them a dropped connection ends the session. */
  resumption?: ResumptionHooks<S> | undefined;
  /** Bounds of the replay buffer (resumption only). */
  replay?: OutboxLimits | undefined;
  /** WebSocket constructor (default: the global one, else `ws`). */
  WebSocket?: WebSocketConstructor | undefined;
  /** Extra headers of the handshake request (sent where the runtime allows: Node, Deno, Bun; not browsers). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Debug lines (URLs redacted). */
  logger?: Logger | undefined;
  /** Name used in messages, e.g. `live` (default `session`). */
  label?: string | undefined;
}

/** Events of a session. */
export interface RealtimeEvents<S> {
  /** Every server message, as it arrives (before the iterator sees it). */
  message: S;
  /** The connection dropped or is being replaced after goAway; a reconnect attempt follows. */
  reconnecting: { attempt: number; delayMs: number; cause: 'goAway' | 'drop'; close: CloseInfo | undefined };
  /** The session was resumed on a new connection; `replayed` messages were sent again. */
  resumed: { attempt: number; replayed: number; cause: 'goAway' | 'drop'; lost: number };
  /** A message was dropped from the receive queue (policy, or nobody iterating). */
  dropped: S;
  /** The session ended abnormally (also thrown by the iterator). */
  error: GeminiError;
  /** The session is closed. */
  close: CloseInfo;
}

/** `open` → (`reconnecting` → `open`)* → `closing` → `closed`. */
export type SessionState = 'open' | 'reconnecting' | 'closing' | 'closed';
