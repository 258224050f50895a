/**
 * Tuned models of one emulator instance. Each one is created with a long-running operation in the
 * shared store (`tunedModels/{id}/operations/{op}`): tuning runs one step every `stepMs` of emulated
 * time from its start, the operation's CreateTunedModelMetadata (steps, percent, snapshots) grows as
 * the clock moves, and once the last step is done the operation finishes with the TunedModel and the
 * model is ACTIVE. A failed operation (`control.operations.fail`) leaves the model FAILED. Everything
 * is computed on read, so `control.clock.advance` moves tuning along without waiting.
 */
import { createHash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { microTimestamp } from '../caches/store.js';
import { lowerId } from '../files/store.js';
import type { OperationJson, OperationOutcome, OperationsStore } from '../operations-store.js';
import { PermissionSet, type Role } from '../permissions-store.js';

/** The model states the API prints. */
export type TunedModelState = 'CREATING' | 'ACTIVE' | 'FAILED';

/** Hyperparameters as tuning used them (defaults filled in). */
export interface ResolvedHyperparameters {
  readonly epochCount: number;
  readonly batchSize: number;
  /** Exactly one of the two learning-rate options is set (a oneof in the API). */
  readonly learningRate?: number;
  readonly learningRateMultiplier?: number;
}

/** One stored tuned model. */
export interface StoredTunedModel {
  readonly name: string;
  /** `models/…` the tuning started from (for a model tuned from another, that model's base). */
  readonly baseModel: string;
  /** `tunedModels/…` this one was tuned from, when it was. */
  readonly sourceModel: string | undefined;
  displayName: string | undefined;
  description: string | undefined;
  temperature: number | undefined;
  topP: number | undefined;
  topK: number | undefined;
  readerProjectNumbers: readonly string[] | undefined;
  readonly createdAt: number;
  updatedAt: number;
  readonly hyperparameters: ResolvedHyperparameters;
  readonly exampleCount: number;
  readonly totalSteps: number;
  readonly stepMs: number;
  readonly operation: string;
  /** Set once the operation has finished. */
  end: { readonly state: 'ACTIVE' | 'FAILED'; readonly at: number } | undefined;
  readonly permissions: PermissionSet;
}

/** What a new tuned model needs (already validated). */
export interface NewTunedModel {
  readonly name: string;
  readonly baseModel: string;
  readonly sourceModel?: string | undefined;
  readonly displayName?: string | undefined;
  readonly description?: string | undefined;
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly topK?: number | undefined;
  readonly readerProjectNumbers?: readonly string[] | undefined;
  readonly hyperparameters: ResolvedHyperparameters;
  readonly exampleCount: number;
  readonly stepMs: number;
  /** The caller's role (OWNER for what it creates; seeds may say otherwise). */
  readonly callerRole?: Role;
}

const V1BETA = 'type.googleapis.com/google.ai.generativelanguage.v1beta.';

/** Steps of a tuning run: every example seen `epochCount` times, `batchSize` at a time. */
export function totalSteps(h: ResolvedHyperparameters, examples: number): number {
  return Math.max(1, Math.ceil((h.epochCount * examples) / h.batchSize));
}

/** A deterministic, decreasing loss curve with a little per-model noise. */
function meanLoss(name: string, step: number, total: number): number {
  const noise = (createHash('sha256').update(`${name}:${step}`).digest()[0] ?? 0) / 255;
  const loss = 0.05 + 6 * Math.exp((-4 * step) / total) + 0.3 * noise;
  return Math.round(loss * 1e5) / 1e5;
}

/** The tuned model map of one instance. */
export class TunedModelStore {
  private readonly models = new Map<string, StoredTunedModel>();

  constructor(
    private readonly core: EmulatorCore,
    private readonly ops: OperationsStore,
  ) {}

  /** Adds a model and starts its tuning operation; returns the model and the operation's first state. */
  add(input: NewTunedModel): { model: StoredTunedModel; operation: OperationJson } {
    const now = this.core.clock.now();
    const steps = totalSteps(input.hyperparameters, input.exampleCount);
    const m: StoredTunedModel = {
      name: input.name,
      baseModel: input.baseModel,
      sourceModel: input.sourceModel,
      displayName: input.displayName,
      description: input.description,
      temperature: input.temperature,
      topP: input.topP,
      topK: input.topK,
      readerProjectNumbers: input.readerProjectNumbers,
      createdAt: now,
      updatedAt: now,
      hyperparameters: input.hyperparameters,
      exampleCount: input.exampleCount,
      totalSteps: steps,
      stepMs: input.stepMs,
      operation: `${input.name}/operations/${lowerId(this.core)}`,
      end: undefined,
      permissions: new PermissionSet(input.callerRole ?? 'OWNER'),
    };
    this.models.set(m.name, m);
    const finish = (state: 'ACTIVE' | 'FAILED'): void => {
      if (m.end) return;
      const at = Math.min(this.core.clock.now(), m.createdAt + steps * m.stepMs);
      m.end = { state, at };
      m.updatedAt = at;
    };
    const operation = this.ops.create({
      name: m.operation,
      doneAt: now + steps * m.stepMs,
      metadata: () => this.metadata(m),
      outcome: (): OperationOutcome => {
        finish('ACTIVE');
        return { response: { '@type': `${V1BETA}TunedModel`, ...this.view(m) } };
      },
      onDone: (outcome) => finish('response' in outcome ? 'ACTIVE' : 'FAILED'),
    });
    return { model: m, operation };
  }

  /** A model by name (its tuning state brought up to date with the clock). */
  get(name: string): StoredTunedModel | undefined {
    const m = this.models.get(name);
    if (m && !m.end) this.ops.get(m.operation); // finishes the operation (and the model) when due
    return m;
  }

  /** Every model, oldest first. */
  list(): StoredTunedModel[] {
    return [...this.models.keys()].map((n) => this.get(n)).filter((m) => m !== undefined);
  }

  /** Deletes a model and its operation; false when there was none. */
  delete(name: string): boolean {
    const m = this.models.get(name);
    if (!m) return false;
    this.ops.delete(m.operation);
    return this.models.delete(name);
  }

  /** Forgets every model (their operations go with the operations store's own reset). */
  clear(): void {
    this.models.clear();
  }

  /** CREATING until the operation is done, then ACTIVE or FAILED. */
  state(m: StoredTunedModel): TunedModelState {
    return m.end?.state ?? 'CREATING';
  }

  /** Steps done by now (all of them once ACTIVE, those done before the failure once FAILED). */
  completedSteps(m: StoredTunedModel): number {
    if (m.end?.state === 'ACTIVE') return m.totalSteps;
    const until = m.end?.at ?? this.core.clock.now();
    if (m.stepMs <= 0) return m.end ? 0 : m.totalSteps;
    return Math.max(0, Math.min(m.totalSteps, Math.floor((until - m.createdAt) / m.stepMs)));
  }

  /** One snapshot per completed step. */
  snapshots(m: StoredTunedModel): Record<string, unknown>[] {
    const perEpoch = m.exampleCount / m.hyperparameters.batchSize;
    const last = m.end?.at ?? this.core.clock.now();
    return Array.from({ length: this.completedSteps(m) }, (_, i) => {
      const step = i + 1;
      return {
        step,
        epoch: Math.min(m.hyperparameters.epochCount, Math.ceil(step / perEpoch)),
        meanLoss: meanLoss(m.name, step, m.totalSteps),
        computeTime: microTimestamp(Math.min(last, m.createdAt + step * m.stepMs)),
      };
    });
  }

  /** CreateTunedModelMetadata; zero counts and empty lists are left out, as proto3 JSON does. */
  metadata(m: StoredTunedModel): Record<string, unknown> {
    const snapshots = this.snapshots(m); // one per completed step
    const done = snapshots.length;
    return {
      '@type': `${V1BETA}CreateTunedModelMetadata`,
      tunedModel: m.name,
      totalSteps: m.totalSteps,
      ...(done > 0 ? { completedSteps: done } : {}),
      ...(done > 0 ? { completedPercent: Math.round((done / m.totalSteps) * 1e4) / 100 } : {}),
      ...(snapshots.length > 0 ? { snapshots } : {}),
    };
  }

  /** The `TunedModel` resource (training data is input only and never echoed). */
  view(m: StoredTunedModel): Record<string, unknown> {
    const snapshots = this.snapshots(m);
    return {
      ...(m.sourceModel !== undefined
        ? { tunedModelSource: { tunedModel: m.sourceModel, baseModel: m.baseModel } }
        : { baseModel: m.baseModel }),
      name: m.name,
      ...(m.displayName ? { displayName: m.displayName } : {}),
      ...(m.description ? { description: m.description } : {}),
      ...(m.temperature !== undefined ? { temperature: m.temperature } : {}),
      ...(m.topP !== undefined ? { topP: m.topP } : {}),
      ...(m.topK !== undefined ? { topK: m.topK } : {}),
      state: this.state(m),
      createTime: microTimestamp(m.createdAt),
      updateTime: microTimestamp(m.updatedAt),
      tuningTask: {
        startTime: microTimestamp(m.createdAt),
        ...(m.end ? { completeTime: microTimestamp(m.end.at) } : {}),
        ...(snapshots.length > 0 ? { snapshots } : {}),
        hyperparameters: m.hyperparameters,
      },
      ...(m.readerProjectNumbers && m.readerProjectNumbers.length > 0
        ? { readerProjectNumbers: m.readerProjectNumbers }
        : {}),
    };
  }
}
