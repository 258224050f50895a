/**
 * Batches of one emulator instance and their state machine on the emulated clock:
 * PENDING until `startAt`, then RUNNING while requests complete one every `perRequestMs`, then
 * SUCCEEDED with inline responses or a results file. Cancel, fail and expire end a batch early.
 * Progress is computed lazily on every read, so `control.clock.advance(ms)` moves batches along.
 */
import { createHash } from 'node:crypto';
import { formatTimestamp } from '../../clock.js';
import type { EmulatorCore } from '../../core.js';
import { runItem, type BatchItem, type BatchKind, type Outcome, type RequestStatus } from './process.js';

type Obj = Readonly<Record<string, unknown>>;

/** A batch that is not done by then expires (the service's 48 hours). */
export const BATCH_EXPIRY_MS = 48 * 60 * 60 * 1000;

/** The batch states, without the `BATCH_STATE_` prefix. */
export type BatchState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';

/** One stored batch. */
export interface StoredBatch {
  readonly name: string;
  readonly kind: BatchKind;
  readonly model: string;
  displayName: string;
  priority: string | undefined;
  readonly createdAt: number;
  /** Last explicit update (PATCH). */
  updatedAt: number;
  readonly inputFile: string | undefined;
  readonly items: readonly BatchItem[];
  readonly startAt: number;
  readonly perRequestMs: number;
  /** Outcomes of the requests processed so far, in order (dropped once written to a results file). */
  outcomes: Outcome[];
  processed: number;
  succeeded: number;
  failed: number;
  end:
    | {
        readonly state: Exclude<BatchState, 'PENDING' | 'RUNNING'>;
        readonly at: number;
        readonly error?: RequestStatus;
      }
    | undefined;
  output: Obj | undefined;
  /** Serialises progress: requests run one at a time, in order, even under concurrent reads. */
  lock: Promise<void>;
}

/** What a new batch needs. */
export interface NewBatch {
  readonly kind: BatchKind;
  readonly model: string;
  readonly displayName: string;
  readonly priority: string | undefined;
  readonly inputFile: string | undefined;
  readonly items: readonly BatchItem[];
  readonly pendingMs: number;
  readonly perRequestMs: number;
}

const TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.';
const RESOURCE: Readonly<Record<BatchKind, string>> = {
  generate: 'GenerateContentBatch',
  embed: 'EmbedContentBatch',
};

/** `batches/<36 lowercase alphanumerics>`, like the recorded `batches/31u18uq6dr4ods3957z38i1mbfa581k01xcq`. */
function batchId(core: EmulatorCore): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256')
    .update(`batch:${core.newId(32)}`)
    .digest();
  let out = '';
  for (let i = 0; i < 36; i++) out += alphabet[(digest[i % digest.length] ?? 0) % alphabet.length];
  return out;
}

/** The batch map of one instance. */
export class BatchStore {
  private readonly batches = new Map<string, StoredBatch>();

  constructor(private readonly core: EmulatorCore) {}

  /** Adds a batch (PENDING). */
  add(input: NewBatch): StoredBatch {
    const now = this.core.clock.now();
    const b: StoredBatch = {
      name: `batches/${batchId(this.core)}`,
      kind: input.kind,
      model: input.model,
      displayName: input.displayName,
      priority: input.priority,
      createdAt: now,
      updatedAt: now,
      inputFile: input.inputFile,
      items: input.items,
      startAt: now + input.pendingMs,
      perRequestMs: input.perRequestMs,
      outcomes: [],
      processed: 0,
      succeeded: 0,
      failed: 0,
      end: undefined,
      output: undefined,
      lock: Promise.resolve(),
    };
    this.batches.set(b.name, b);
    return b;
  }

  /** A batch, brought up to date with the clock. */
  async get(name: string): Promise<StoredBatch | undefined> {
    const b = this.batches.get(name);
    if (b) await this.advance(b);
    return b;
  }

  /** Every batch, newest first, brought up to date. */
  async list(): Promise<StoredBatch[]> {
    const all = [...this.batches.values()].reverse();
    for (const b of all) await this.advance(b);
    return all;
  }

  /** Deletes a batch; false when there was none. */
  delete(name: string): boolean {
    return this.batches.delete(name);
  }

  /** Forgets every batch. */
  clear(): void {
    this.batches.clear();
  }

  /** The state now. */
  state(b: StoredBatch): BatchState {
    if (b.end) return b.end.state;
    return this.core.clock.now() < b.startAt ? 'PENDING' : 'RUNNING';
  }

  /** Ends a batch now (cancel, fail, expire) after processing what was due. */
  async stop(b: StoredBatch, state: 'CANCELLED' | 'FAILED' | 'EXPIRED', error: RequestStatus): Promise<void> {
    await this.advance(b);
    if (!b.end) b.end = { state, at: this.core.clock.now(), error };
  }

  /** Processes every remaining request now (SUCCEEDED). */
  async finish(b: StoredBatch): Promise<void> {
    await this.advance(b);
    await this.serial(b, async () => {
      if (!b.end) await this.process(b, b.items.length, this.core.clock.now());
    });
  }

  private serial(b: StoredBatch, fn: () => Promise<void>): Promise<void> {
    const run = b.lock.then(fn);
    b.lock = run.catch(() => undefined);
    return run;
  }

  /** Processes the requests due by now; ends the batch when all are done or it expired. */
  private advance(b: StoredBatch): Promise<void> {
    return this.serial(b, () => this.advanceNow(b));
  }

  private async advanceNow(b: StoredBatch): Promise<void> {
    if (b.end) return;
    const now = this.core.clock.now();
    const expiresAt = b.createdAt + BATCH_EXPIRY_MS;
    const until = Math.min(now, expiresAt);
    if (until >= b.startAt) {
      const due = b.perRequestMs <= 0 ? b.items.length : Math.floor((until - b.startAt) / b.perRequestMs);
      const target = Math.min(b.items.length, due);
      await this.process(b, target, b.startAt + target * Math.max(0, b.perRequestMs));
    }
    if (!b.end && now >= expiresAt) {
      b.end = {
        state: 'EXPIRED',
        at: expiresAt,
        error: { code: 4, message: 'The batch expired before it completed.' },
      };
    }
  }

  private async process(b: StoredBatch, target: number, doneAt: number): Promise<void> {
    const fromFile = b.inputFile !== undefined;
    for (; b.processed < target; b.processed++) {
      const outcome = await runItem(this.core, b.kind, b.model, b.items[b.processed]!, fromFile);
      if ('error' in outcome) b.failed++;
      else b.succeeded++;
      b.outcomes.push(outcome);
    }
    if (b.processed === b.items.length && !b.end) {
      b.output = fromFile ? this.writeResultsFile(b) : this.inlineOutput(b);
      b.end = { state: 'SUCCEEDED', at: Math.max(b.startAt, doneAt) };
    }
  }

  private inlineOutput(b: StoredBatch): Obj {
    const responses = b.outcomes.map((o, i) => {
      const metadata = b.items[i]?.metadata;
      return metadata === undefined ? o : { ...o, metadata };
    });
    return { inlinedResponses: { inlinedResponses: responses } };
  }

  private writeResultsFile(b: StoredBatch): Obj {
    const lines = b.outcomes.map((o, i) => {
      const key = b.items[i]?.key;
      return JSON.stringify(key === undefined ? o : { key, ...o });
    });
    const file = this.core.control.files.create({
      bytes: `${lines.join('\n')}\n`,
      mimeType: 'application/jsonl',
      source: 'GENERATED',
      name: `files/batch-${b.name.slice('batches/'.length, 'batches/'.length + 24)}`,
      displayName: `${b.displayName || b.name} results`,
    });
    b.outcomes = []; // the file holds them now
    return { responsesFile: file['name'] as string };
  }

  /** The batch resource (`GenerateContentBatch` / `EmbedContentBatch`) as the service prints it. */
  resource(b: StoredBatch, withType: boolean): Record<string, unknown> {
    const state = this.state(b);
    const stats: Record<string, string> = { requestCount: String(b.items.length) };
    const pending = b.items.length - b.processed;
    if (b.succeeded > 0) stats['successfulRequestCount'] = String(b.succeeded);
    if (b.failed > 0) stats['failedRequestCount'] = String(b.failed);
    if (pending > 0) stats['pendingRequestCount'] = String(pending);
    const changed = b.end?.at ?? (state === 'RUNNING' ? b.startAt : b.createdAt);
    return {
      ...(withType ? { '@type': TYPE + RESOURCE[b.kind] } : {}),
      model: b.model,
      // proto3 JSON leaves an unset display name out (the official client sends none by default).
      ...(b.displayName !== '' ? { displayName: b.displayName } : {}),
      ...(b.inputFile !== undefined ? { inputConfig: { fileName: b.inputFile } } : {}),
      ...(b.output ? { output: b.output } : {}),
      createTime: formatTimestamp(b.createdAt),
      ...(b.end ? { endTime: formatTimestamp(b.end.at) } : {}),
      updateTime: formatTimestamp(Math.max(changed, b.updatedAt)),
      batchStats: stats,
      state: `BATCH_STATE_${state}`,
      name: b.name,
      ...(b.priority !== undefined && b.priority !== '0' ? { priority: b.priority } : {}),
    };
  }

  /** The batch as a google.longrunning.Operation (`done` only once it is set, as recorded). */
  operation(b: StoredBatch): Record<string, unknown> {
    const op: Record<string, unknown> = { name: b.name, metadata: this.resource(b, true) };
    if (!b.end) return op;
    op['done'] = true;
    if (b.end.state === 'SUCCEEDED')
      op['response'] = { '@type': `${TYPE}${RESOURCE[b.kind]}Output`, ...b.output };
    else if (b.end.error) op['error'] = b.end.error;
    return op;
  }
}
