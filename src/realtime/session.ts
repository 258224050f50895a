// The WebSocket session engine shared by Live and Live Music (docs/realtime.md): connect with a deadline,
// setup handshake, a bounded typed receive queue, send-after-close errors, and resumption with replay.
// Protocol knowledge comes only from the options' hooks.
import { AbortError, type GeminiError } from '../core/errors.js';
import { backoffDelay, sleep } from '../core/retry.js';
import { checkOption } from '../core/timer.js';
import { Emitter, type Unsubscribe } from './emitter.js';
import {
  describeClose,
  SessionClosedError,
  SessionConnectError,
  SessionOverflowError,
  SessionProtocolError,
  type CloseInfo,
} from './errors.js';
import type { RealtimeEvents, RealtimeOptions, SessionState } from './options.js';
import { Outbox } from './outbox.js';
import { MessageQueue } from './queue.js';
import { handshake, type Pending } from './handshake.js';
import { resolveWebSocket, type SocketConnection, type WebSocketConstructor } from './socket.js';

export type {
  RealtimeEvents,
  RealtimeOptions,
  ResumptionHooks,
  ResumptionUpdate,
  SessionState,
} from './options.js';

/** Close codes after which resuming cannot help (the request itself was rejected). */
const FATAL_CODES = new Set([1002, 1003, 1007, 1008, 1009, 1010]);

/** A bidirectional WebSocket session: send messages, iterate server messages, listen to events. */
export class RealtimeSession<C, S> implements AsyncIterable<S> {
  /** Resolves with how the session ended (never rejects). */
  readonly closed: Promise<CloseInfo>;
  readonly #o: RealtimeOptions<C, S>;
  readonly #WS: WebSocketConstructor;
  readonly #redact: (text: string) => string;
  readonly #label: string;
  readonly #events = new Emitter<RealtimeEvents<S>>();
  readonly #queue: MessageQueue<S>;
  readonly #outbox: Outbox;
  #state: SessionState = 'open';
  #conn: SocketConnection | undefined;
  #handle: string | undefined;
  #closeInfo: CloseInfo | undefined;
  #closeRequest: { code: number; reason: string } | undefined;
  #endError: GeminiError | undefined;
  #resolveClosed!: (info: CloseInfo) => void;
  #goAwayPending = false;
  #goAwayTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnectAbort: AbortController | undefined;
  #unlinkSignal: (() => void) | undefined;

  private constructor(options: RealtimeOptions<C, S>, WS: WebSocketConstructor) {
    this.#o = options;
    this.#WS = WS;
    this.#redact = options.redact ?? ((t) => t);
    this.#label = options.label ?? 'session';
    this.#outbox = new Outbox(options.resumption !== undefined, options.replay);
    this.#queue = new MessageQueue<S>(options.queue ?? {}, {
      pause: () => {
        if (!this.#conn?.canPause) return false;
        this.#conn.pause();
        return true;
      },
      resume: () => this.#conn?.resume(),
      dropped: (message) => this.#events.emit('dropped', message),
      listening: () => (options.listening ? options.listening() : this.#events.listens('message')),
      overflow: () =>
        this.#failHard(
          new SessionOverflowError(
            `${this.#label}: receive queue overflow (${this.#queue.capacity} messages): the consumer is too slow`,
            { code: 1008, reason: 'receive queue overflow' },
          ),
        ),
    });
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  /**
   * Connects, sends the setup and resolves once the server completed it. Rejects (never hangs) with
   * `SessionConnectError` (code/reason) if the socket closes or fails first, `TimeoutError`, or `AbortError`.
   */
  static async open<C, S>(options: RealtimeOptions<C, S>): Promise<RealtimeSession<C, S>> {
    checkOption('connectTimeout', options.connectTimeout);
    checkOption('resumption.maxAttempts', options.resumption?.maxAttempts, true);
    const WS = await resolveWebSocket(options.WebSocket);
    const session = new RealtimeSession<C, S>(options, WS);
    session.#adopt(await session.#handshake(undefined, options.signal), false);
    const signal = options.signal;
    if (signal) {
      const onAbort = (): void => {
        session.#endError = new AbortError(signal.reason);
        void session.close(1000, 'aborted');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      session.#unlinkSignal = () => signal.removeEventListener('abort', onAbort);
    }
    return session;
  }

  /** Where the session stands. */
  get state(): SessionState {
    return this.#state;
  }

  /** How the session ended, once it has. */
  get closeInfo(): CloseInfo | undefined {
    return this.#closeInfo;
  }

  /** The latest resumption handle the server gave (resumption only). */
  get resumeHandle(): string | undefined {
    return this.#handle;
  }

  /** Messages waiting in the receive queue. */
  get queued(): number {
    return this.#queue.size;
  }

  /** Bytes sent but not yet written to the network. */
  get bufferedAmount(): number {
    return this.#conn?.bufferedAmount ?? 0;
  }

  /** Client messages held for replay or waiting for a connection. */
  get pendingSends(): number {
    return this.#outbox.pending;
  }

  /**
   * Sends one message. While reconnecting, it is queued and sent after the resume. Throws
   * `SessionClosedError` once the session is closing or closed — nothing is dropped silently.
   */
  send(message: C): void {
    const conn = this.#conn;
    const usable = this.#state === 'open' && conn?.isOpen === true;
    if (this.#state === 'closing' || this.#state === 'closed' || (!usable && !this.#o.resumption)) {
      const info = this.#closeInfo;
      throw new SessionClosedError(
        `${this.#label}: cannot send, the session is ${this.#state === 'closed' ? 'closed' : 'closing'}${info ? ` (${describeClose(info.code, info.reason)})` : ''}`,
        info,
      );
    }
    const text = JSON.stringify(message);
    const entry = this.#outbox.add(text);
    if (usable && conn) {
      conn.send(text);
      this.#outbox.sent(entry);
    }
  }

  /** Closes the session (no reconnect) and resolves once the socket is closed (at most ~2 s). */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    if (this.#state === 'closing' || this.#state === 'closed') return this.closed;
    this.#state = 'closing';
    this.#stopResumption();
    this.#closeRequest = { code, reason };
    const conn = this.#conn;
    if (conn) conn.close(code, reason);
    else this.#finish({ code, reason, initiator: 'client' });
    return this.closed;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof RealtimeEvents<S>>(
    type: K,
    listener: (payload: RealtimeEvents<S>[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }

  /** Subscribes to the next occurrence of an event. */
  once<K extends keyof RealtimeEvents<S>>(
    type: K,
    listener: (payload: RealtimeEvents<S>[K]) => void,
  ): Unsubscribe {
    return this.#events.once(type, listener);
  }

  /** Removes a listener. */
  off<K extends keyof RealtimeEvents<S>>(type: K, listener: (payload: RealtimeEvents<S>[K]) => void): void {
    this.#events.off(type, listener);
  }

  /**
   * Server messages in order. Ends after a clean close; throws `SessionClosedError` (or the abort /
   * overflow error) after an abnormal one. Leaving a loop early does not close the session.
   */
  [Symbol.asyncIterator](): AsyncIterator<S> {
    return {
      next: () => this.#queue.next(),
      return: async () => ({ value: undefined, done: true }),
    };
  }

  /** Safe to log. */
  toJSON(): Record<string, unknown> {
    return { label: this.#label, state: this.#state, closeInfo: this.#closeInfo };
  }

  #handshake(resume: { handle: string } | undefined, signal: AbortSignal | undefined): Promise<Pending<S>> {
    const o = this.#o;
    return handshake<S>(
      {
        WS: this.#WS,
        url: o.url,
        headers: o.headers,
        setup: () => JSON.stringify(o.setup(resume)),
        isSetupComplete: (m) => o.isSetupComplete(m),
        timeout: o.connectTimeout ?? 30_000,
        signal,
        what: resume ? 'resume' : 'connect',
        label: this.#label,
        redact: this.#redact,
        log: (message, data) => this.#log(message, data),
      },
      {
        current: () => this.#conn,
        message: (conn, m) => this.#onMessage(conn, m),
        invalid: (conn, detail) => this.#onInvalid(conn, detail),
        close: (conn, info) => this.#onClose(conn, info),
      },
    );
  }

  /** Makes a handshaken connection the current one and processes what arrived meanwhile. */
  #adopt(pending: Pending<S>, resumed: boolean): void {
    // From here on the connection's handlers forward straight to the session (they compare with #conn).
    this.#conn = pending.conn;
    this.#state = 'open';
    if (this.#queue.paused && pending.conn.canPause) pending.conn.pause();
    let skipSetup = resumed; // a resume's setupComplete is not news to the iterator
    for (const message of pending.early) {
      if (skipSetup && this.#o.isSetupComplete(message)) {
        skipSetup = false;
        continue;
      }
      this.#onMessage(pending.conn, message);
    }
    if (pending.invalid !== undefined) this.#onInvalid(pending.conn, pending.invalid);
    if (pending.close) this.#onClose(pending.conn, pending.close.info);
  }

  #onMessage(conn: SocketConnection, message: S): void {
    if (conn !== this.#conn || this.#state === 'closed') return;
    const r = this.#o.resumption;
    const update = r?.update(message);
    if (update?.handle) {
      this.#handle = update.handle;
      if (update.consumedIndex !== undefined) this.#outbox.ack(update.consumedIndex);
      else this.#outbox.ackSent();
    }
    const goAwayMs = r?.goAway?.(message);
    this.#deliver(message);
    if (goAwayMs !== undefined) this.#onGoAway(goAwayMs);
    else if (this.#goAwayPending && this.#canSwitch()) this.#switchConnection();
  }

  #deliver(message: S): void {
    this.#o.observe?.(message);
    this.#events.emit('message', message);
    if (this.#o.iterate !== false) this.#queue.push(message);
  }

  #onGoAway(ms: number): void {
    if (this.#state !== 'open' || !this.#handle) return; // nothing to resume from: the server's close ends it
    this.#goAwayPending = true;
    if (this.#canSwitch()) return this.#switchConnection();
    // Wait for the turn to finish, but switch before the server cuts the connection.
    const margin = ms > 2000 ? 1000 : ms / 2;
    clearTimeout(this.#goAwayTimer);
    this.#goAwayTimer = setTimeout(() => this.#switchConnection(), Math.max(0, ms - margin));
  }

  /**
   * A clean moment to change connections: the protocol is idle and the latest handle covers every
   * message sent (so nothing the server already answered is replayed).
   */
  #canSwitch(): boolean {
    return (this.#o.resumption?.idle?.() ?? true) && this.#outbox.unacked === 0;
  }

  /** goAway: leave the old connection cleanly and resume on a new one. */
  #switchConnection(): void {
    if (this.#state !== 'open') return;
    clearTimeout(this.#goAwayTimer);
    this.#goAwayPending = false;
    const old = this.#conn;
    this.#conn = undefined;
    old?.close(1000, 'going away', 500);
    void this.#reconnect('goAway', undefined);
  }

  #onInvalid(conn: SocketConnection, detail: string): void {
    if (conn !== this.#conn) return;
    this.#failHard(
      new SessionProtocolError(this.#redact(`${this.#label}: ${detail}`), {
        code: 1007,
        reason: 'invalid frame',
      }),
    );
  }

  #onClose(conn: SocketConnection, raw: CloseInfo): void {
    if (conn !== this.#conn) return; // a connection we already left
    this.#conn = undefined;
    // The server's close reason may quote the key or token: redacted wherever it is kept or shown.
    const info = { ...raw, reason: this.#redact(raw.reason) };
    this.#log('closed', { code: info.code, reason: info.reason, initiator: info.initiator });
    if (this.#state === 'closing') {
      const req = this.#closeRequest ?? { code: info.code, reason: info.reason };
      return this.#finish({ code: req.code, reason: req.reason, initiator: 'client' });
    }
    const goAway = this.#goAwayPending;
    const resumable =
      this.#o.resumption !== undefined &&
      this.#handle !== undefined &&
      (goAway || (!(info.code === 1000 && info.initiator === 'server') && !FATAL_CODES.has(info.code)));
    if (resumable) return void this.#reconnect(goAway ? 'goAway' : 'drop', info);
    this.#finish(info, info.code === 1000 ? undefined : this.#closedError('the session ended', info));
  }

  async #reconnect(cause: 'goAway' | 'drop', close: CloseInfo | undefined): Promise<void> {
    const r = this.#o.resumption!;
    this.#state = 'reconnecting';
    this.#goAwayPending = false;
    clearTimeout(this.#goAwayTimer);
    const abort = (this.#reconnectAbort = new AbortController());
    const attempts = r.maxAttempts ?? 5;
    let last: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const delayMs =
        attempt === 1 && cause === 'goAway'
          ? 0
          : backoffDelay(attempt - 1, { baseDelay: 200, maxDelay: 5000, ...r.backoff });
      this.#events.emit('reconnecting', { attempt, delayMs, cause, close });
      try {
        await sleep(delayMs, abort.signal);
        const pending = await this.#handshake({ handle: this.#handle! }, abort.signal);
        if (abort.signal.aborted) return pending.conn.close(1000, '', 500);
        this.#outbox.beginConnection();
        const { entries, resent } = this.#outbox.replay();
        for (const message of r.onResume?.(cause) ?? []) this.#deliver(message);
        this.#adopt(pending, true);
        const conn = this.#conn;
        if (conn === pending.conn && conn.isOpen) {
          for (const e of entries) {
            conn.send(e.text);
            this.#outbox.sent(e);
          }
        }
        this.#events.emit('resumed', { attempt, replayed: resent, cause, lost: this.#outbox.dropped });
        return;
      } catch (e) {
        if (abort.signal.aborted) return; // close() took over
        last = e;
        if (e instanceof SessionConnectError && e.code !== undefined && FATAL_CODES.has(e.code)) break;
      }
    }
    const info: CloseInfo =
      last instanceof SessionConnectError && last.code !== undefined
        ? { code: last.code, reason: last.reason, initiator: 'server' }
        : (close ?? { code: 1006, reason: '', initiator: 'network' });
    const why = last instanceof Error ? last.message : String(last);
    this.#finish(info, new SessionClosedError(`${this.#label}: could not resume the session: ${why}`, info));
  }

  /** Ends the session because of a local failure (bad frame, overflow): close with the error's code. */
  #failHard(error: GeminiError & { code?: number | undefined; reason?: string }): void {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    this.#endError = error;
    void this.close(error.code ?? 1011, error.reason ?? '');
  }

  #closedError(what: string, info: CloseInfo): SessionClosedError {
    return new SessionClosedError(
      this.#redact(`${this.#label}: ${what} (${describeClose(info.code, info.reason)})`),
      info,
    );
  }

  #stopResumption(): void {
    clearTimeout(this.#goAwayTimer);
    this.#goAwayPending = false;
    this.#reconnectAbort?.abort();
  }

  #finish(info: CloseInfo, error?: GeminiError): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#closeInfo = info;
    this.#conn = undefined;
    this.#stopResumption();
    this.#unlinkSignal?.();
    const err = this.#endError ?? error;
    this.#queue.end(err);
    if (err) this.#events.emit('error', err);
    this.#events.emit('close', info);
    this.#log('session closed', { code: info.code, reason: info.reason });
    this.#resolveClosed(info);
  }

  #log(message: string, data: Record<string, unknown>): void {
    this.#o.logger?.debug(`${this.#label} ${message}`, data);
  }
}
