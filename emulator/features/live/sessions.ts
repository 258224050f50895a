/**
 * Logical Live sessions and their resumption handles. A session outlives its connections: a handle
 * captures the conversation at a resumable point, and resuming with it (within 2 hours of the session's
 * last activity) restores exactly that history on a new connection.
 */
import type { EmulatorCore } from '../../core.js';

/** A JSON object on the wire. */
export type Obj = Record<string, unknown>;

/** One logical session (across resumptions). */
export interface LiveSessionRecord {
  /** Emulator id of the session. */
  readonly id: string;
  /** `models/…`. */
  readonly model: string;
  /** The effective setup of the latest connection (after token locks). */
  setup: Obj;
  /** The conversation (Content objects). */
  history: Obj[];
  /** Connections opened for it (1 + resumptions). */
  connections: number;
  /** Whether a connection is open for it. */
  open: boolean;
  /** Emulator time of the last activity (handles expire 2 h after it). */
  lastActive: number;
  /** Client messages received, all connections (setup included). */
  clientMessages: number;
}

/** A snapshot a handle restores. */
interface HandleRecord {
  readonly sessionId: string;
  readonly history: Obj[];
}

const HANDLE_TTL_MS = 2 * 60 * 60 * 1000;
const HANDLES_PER_SESSION = 16;

/** Sessions and handles of one emulator instance. */
export class SessionStore {
  private readonly sessions = new Map<string, LiveSessionRecord>();
  private readonly handles = new Map<string, HandleRecord>();
  private readonly bySession = new Map<string, string[]>();

  constructor(private readonly core: EmulatorCore) {}

  /** Starts a new session. */
  create(model: string, setup: Obj): LiveSessionRecord {
    const record: LiveSessionRecord = {
      id: this.core.newId(16),
      model,
      setup,
      history: [],
      connections: 1,
      open: true,
      lastActive: this.core.clock.now(),
      clientMessages: 0,
    };
    this.sessions.set(record.id, record);
    return record;
  }

  /** The session a handle resumes, with its history restored to the handle's snapshot; `undefined` if unknown or expired. */
  resume(handle: string): LiveSessionRecord | undefined {
    const h = this.handles.get(handle);
    const session = h && this.sessions.get(h.sessionId);
    if (!h || !session) return undefined;
    if (!session.open && this.core.clock.now() - session.lastActive > HANDLE_TTL_MS) return undefined;
    session.history = structuredClone(h.history);
    session.connections++;
    session.open = true;
    session.lastActive = this.core.clock.now();
    return session;
  }

  /** Issues a handle for the session's current history. */
  issue(session: LiveSessionRecord): string {
    const handle = `Cj${this.core.newId(30)}`;
    this.handles.set(handle, { sessionId: session.id, history: structuredClone(session.history) });
    const list = this.bySession.get(session.id) ?? [];
    list.push(handle);
    while (list.length > HANDLES_PER_SESSION) this.handles.delete(list.shift()!);
    this.bySession.set(session.id, list);
    return handle;
  }

  /** A session by id. */
  get(id: string): LiveSessionRecord | undefined {
    return this.sessions.get(id);
  }

  /** Every session, oldest first. */
  list(): LiveSessionRecord[] {
    return [...this.sessions.values()];
  }

  /** Forgets everything. */
  clear(): void {
    this.sessions.clear();
    this.handles.clear();
    this.bySession.clear();
  }
}
