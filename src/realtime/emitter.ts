// A small typed event emitter (no Node `events`, so sessions run in browsers too).

/** Unsubscribes the listener it was returned for. */
export type Unsubscribe = () => void;

/** Events keyed by name, each with its payload type. */
export class Emitter<E extends object> {
  readonly #listeners = new Map<keyof E, Set<(payload: never) => void>>();

  /** Calls `listener` on every `type` event; returns a function that unsubscribes it. */
  on<K extends keyof E>(type: K, listener: (payload: E[K]) => void): Unsubscribe {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => this.off(type, listener);
  }

  /** Calls `listener` on the next `type` event only. */
  once<K extends keyof E>(type: K, listener: (payload: E[K]) => void): Unsubscribe {
    const off = this.on(type, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /** Removes a listener added with `on`. */
  off<K extends keyof E>(type: K, listener: (payload: E[K]) => void): void {
    this.#listeners.get(type)?.delete(listener as (payload: never) => void);
  }

  /** Whether anything listens to `type`. */
  listens(type: keyof E): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0;
  }

  /** Whether anything listens to any event. */
  listensAny(): boolean {
    for (const set of this.#listeners.values()) if (set.size > 0) return true;
    return false;
  }

  /**
   * Calls the listeners of `type` in order. A listener that throws does not stop the others or the
   * session; its error is reported asynchronously, as DOM events report theirs.
   */
  emit<K extends keyof E>(type: K, payload: E[K]): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload: E[K]) => void)(payload);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }
}
