/**
 * A generic long-running-operation store shared by every area that answers with a
 * google.longrunning.Operation (file search uploads/imports, batches, tuned models, …). An operation
 * becomes `done` once the emulated clock reaches its `doneAt` (evaluated lazily on read, so
 * `control.clock.advance` finishes it without waiting); its `response`/`error` is computed then.
 * Tests can also finish or fail an operation by name through `control.operations`.
 */
import type { EmulatorCore } from '../core.js';

type Json = Readonly<Record<string, unknown>>;

/** A google.rpc.Status as an operation error. */
export interface OperationStatus {
  readonly code: number;
  readonly message: string;
  readonly details?: readonly Json[];
}

/** How an operation ends: a response, or an error. */
export type OperationOutcome = { readonly response: Json } | { readonly error: OperationStatus };

/** What an area gives when it starts an operation. */
export interface NewOperation {
  /** Full resource name, e.g. `fileSearchStores/s/upload/operations/o`. */
  readonly name: string;
  /** Metadata shown while running (and after); a function is read on every view (progress that grows with the clock). */
  readonly metadata?: Json | (() => Json);
  /** Emulated epoch ms at which it is done (default: now, i.e. done at once). */
  readonly doneAt?: number;
  /** Computes the outcome when the operation finishes (called once). */
  readonly outcome: () => OperationOutcome;
  /** Called once when the operation finishes, with its outcome (e.g. to update the created resource). */
  readonly onDone?: (outcome: OperationOutcome) => void;
}

/** The wire form of an operation. */
export interface OperationJson {
  readonly name: string;
  readonly done?: boolean;
  readonly metadata?: Json;
  readonly response?: Json;
  readonly error?: OperationStatus;
}

/** `control.operations`: inspect and steer long-running operations. */
export interface OperationsControl {
  /** The current wire state of an operation (finishing it if its time has come). */
  get(name: string): OperationJson | undefined;
  /** Finishes an operation now with its computed outcome (or the given one). */
  finish(name: string, outcome?: OperationOutcome): OperationJson;
  /** Finishes an operation now with an error. */
  fail(name: string, error: OperationStatus): OperationJson;
  /** Names of every operation, oldest first. */
  list(): readonly string[];
}

declare module '../control/control.js' {
  interface EmulatorControl {
    /** Long-running operations of every area. */
    readonly operations: OperationsControl;
  }
}

interface Entry {
  readonly spec: NewOperation;
  forced?: OperationOutcome;
  outcome?: OperationOutcome;
}

/** The operations of one emulator instance. */
export class OperationsStore implements OperationsControl {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly core: EmulatorCore) {}

  /** Starts an operation; returns its first wire state. */
  create(spec: NewOperation): OperationJson {
    this.entries.set(spec.name, { spec });
    return this.view(spec.name) as OperationJson;
  }

  /** Whether an operation exists. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  get(name: string): OperationJson | undefined {
    return this.view(name);
  }

  finish(name: string, outcome?: OperationOutcome): OperationJson {
    const e = this.require(name);
    if (!e.outcome) e.forced = outcome ?? e.spec.outcome();
    this.settle(e);
    return this.view(name) as OperationJson;
  }

  fail(name: string, error: OperationStatus): OperationJson {
    return this.finish(name, { error });
  }

  list(): readonly string[] {
    return [...this.entries.keys()];
  }

  /** Drops an operation (e.g. when its parent resource is deleted). */
  delete(name: string): void {
    this.entries.delete(name);
  }

  /** Forgets every operation. */
  clear(): void {
    this.entries.clear();
  }

  private require(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new Error(`no operation named ${name}`);
    return e;
  }

  private settle(e: Entry): void {
    if (e.outcome) return;
    e.outcome = e.forced ?? e.spec.outcome();
    e.spec.onDone?.(e.outcome);
  }

  private view(name: string): OperationJson | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (!e.outcome && (e.forced || this.core.clock.now() >= (e.spec.doneAt ?? 0))) this.settle(e);
    const m = e.spec.metadata;
    const meta = m ? { metadata: typeof m === 'function' ? m() : m } : {};
    if (!e.outcome) return { name, ...meta, done: false };
    return { name, ...meta, done: true, ...e.outcome };
  }
}

const stores = new WeakMap<EmulatorCore, OperationsStore>();

/** The operation store of an instance (created, with its control namespace and reset hook, on first use). */
export function operationsStore(core: EmulatorCore): OperationsStore {
  let store = stores.get(core);
  if (!store) {
    const s = new OperationsStore(core);
    stores.set(core, s);
    core.extendControl('operations', s);
    core.onReset(() => s.clear());
    store = s;
  }
  return store;
}
