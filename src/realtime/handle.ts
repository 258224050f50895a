// What the Live and Live Music sessions share on top of the one engine (`RealtimeSession`): state,
// close, events and message iteration. Each area adds its own sending methods and typed helpers.
import { Emitter, type Unsubscribe } from './emitter.js';
import type { CloseInfo } from './errors.js';
import type { RealtimeEvents, SessionState } from './options.js';
import type { RealtimeSession } from './session.js';

/** Engine events a session passes on to its own subscribers as they are. */
type ForwardedEvent = Exclude<keyof RealtimeEvents<unknown>, 'message'>;

/**
 * Base of a connected WebSocket session: `C` client messages, `S` server messages, `E` the events the
 * session emits (a superset of the engine events it forwards).
 */
export abstract class RealtimeSessionHandle<C, S, E extends object> implements AsyncIterable<S> {
  /** `models/…` of the session. */
  readonly model: string;
  /** The engine connection (for the session's own methods). */
  protected readonly engine: RealtimeSession<C, S>;
  /** The session's subscribers (for the session to emit to). */
  protected readonly events = new Emitter<E>();

  /** Wraps `engine`, passing `forward` engine events on to the session's subscribers. */
  protected constructor(
    engine: RealtimeSession<C, S>,
    model: string,
    forward: readonly (ForwardedEvent & keyof E)[],
  ) {
    this.engine = engine;
    this.model = model;
    for (const type of forward) engine.on(type, (payload) => this.events.emit(type, payload as never));
  }

  /** `open`, `reconnecting` (Live with resumption), `closing` or `closed`. */
  get state(): SessionState {
    return this.engine.state;
  }

  /** How the session ended (code, reason, initiator), once it has. */
  get closeInfo(): CloseInfo | undefined {
    return this.engine.closeInfo;
  }

  /** Resolves with how the session ended (never rejects). */
  get closed(): Promise<CloseInfo> {
    return this.engine.closed;
  }

  /** Messages waiting to be read by the iterator. */
  get queued(): number {
    return this.engine.queued;
  }

  /** Closes the session cleanly (code 1000 by default); resolves with the close code and reason. */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    return this.engine.close(code, reason);
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof E>(type: K, listener: (payload: E[K]) => void): Unsubscribe {
    return this.events.on(type, listener);
  }

  /** Subscribes to the next occurrence of an event. */
  once<K extends keyof E>(type: K, listener: (payload: E[K]) => void): Unsubscribe {
    return this.events.once(type, listener);
  }

  /** Removes a listener. */
  off<K extends keyof E>(type: K, listener: (payload: E[K]) => void): void {
    this.events.off(type, listener);
  }

  /**
   * Server messages in order (setupComplete first). Ends after a clean close; throws
   * `SessionClosedError` (code, reason) after an abnormal one. Leaving the loop does not close the
   * session. One reader at a time (this iterator or the session's typed readers); events fire either way.
   */
  [Symbol.asyncIterator](): AsyncIterator<S> {
    return this.engine[Symbol.asyncIterator]();
  }
}
