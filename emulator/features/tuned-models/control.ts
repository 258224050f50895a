/**
 * `control.tunedModels`: tuning speed, inspection, and seeding tuned models directly (e.g. models an
 * account already has, tuned from a base model the catalog no longer lists), plus the same over HTTP
 * under `/__emulator/tunedModels/…`. Tuning failures go through `control.operations.fail(name, error)`.
 */
import type { EmulatorCore } from '../../core.js';
import { RpcError } from '../../errors.js';
import type { OperationsStore } from '../operations-store.js';
import { checkSeedRole, type Role } from '../permissions-store.js';
import { newTunedModelId, TUNED_MODEL_ID } from './create.js';
import type { TunedModelStore } from './store.js';
import { asObj } from '../../json.js';

/** Timing of tuning runs started from now on. */
export interface TunedModelSettings {
  /** Emulated time per tuning step (default 75 ms: ~1 s for a small run; 0 finishes tuning at once). */
  stepMs: number;
}

/** A tuned model to add without a create call. */
export interface TunedModelSeed {
  /** Id (`my-model`) or name (`tunedModels/my-model`); derived from `displayName` when absent. */
  readonly id?: string;
  /** `models/…` it was tuned from (need not be in the model list, nor tunable). */
  readonly baseModel: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  /** ACTIVE (default), CREATING (tuning runs on the clock like a created model) or FAILED. */
  readonly state?: 'ACTIVE' | 'CREATING' | 'FAILED';
  /** Number of training examples (default 10; sets the step count). */
  readonly examples?: number;
  /** The caller's role on it (default OWNER); READER or WRITER stand for a model shared with the caller. */
  readonly callerRole?: Role;
}

/** The public `control.tunedModels` API. */
export interface TunedModelsControl {
  /** Changes the timing of tuning runs started from now on; returns the settings in force. */
  configure(settings: Partial<TunedModelSettings>): TunedModelSettings;
  /** Adds a tuned model (and its finished, running or failed operation); returns it as `tunedModels.get` would. */
  seed(model: TunedModelSeed): Record<string, unknown>;
  /** A tuned model as `tunedModels.get` would answer now (`undefined` when unknown). */
  get(name: string): Record<string, unknown> | undefined;
  /** Names of every tuned model, oldest first. */
  list(): readonly string[];
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Tuned models. */
    readonly tunedModels: TunedModelsControl;
  }
}

const full = (name: string, prefix: string): string => (name.startsWith(prefix) ? name : `${prefix}${name}`);

/** Builds `control.tunedModels` and its HTTP routes. */
export function installTunedModelsControl(
  core: EmulatorCore,
  store: TunedModelStore,
  ops: OperationsStore,
  settings: TunedModelSettings,
): void {
  const defaults = { ...settings };
  const control: TunedModelsControl = {
    configure(next) {
      if (next.stepMs !== undefined) {
        if (!Number.isFinite(next.stepMs) || next.stepMs < 0)
          throw new RangeError(`stepMs must be >= 0, got ${next.stepMs}`);
        settings.stepMs = next.stepMs;
      }
      return { ...settings };
    },
    seed(seed) {
      const id =
        seed.id === undefined
          ? newTunedModelId(core, seed.displayName)
          : full(seed.id, 'tunedModels/').slice('tunedModels/'.length);
      if (!TUNED_MODEL_ID.test(id)) throw new RangeError(`invalid tuned model id ${JSON.stringify(id)}`);
      if (store.get(`tunedModels/${id}`)) throw new RangeError(`tunedModels/${id} already exists`);
      checkSeedRole(seed.callerRole);
      const examples = seed.examples ?? 10;
      if (!Number.isInteger(examples) || examples < 1)
        throw new RangeError(`examples must be >= 1, got ${examples}`);
      const hyperparameters = { learningRate: 0.001, epochCount: 5, batchSize: 4 };
      const { model } = store.add({
        name: `tunedModels/${id}`,
        baseModel: full(seed.baseModel, 'models/'),
        displayName: seed.displayName,
        description: seed.description,
        temperature: seed.temperature,
        topP: seed.topP,
        topK: seed.topK,
        hyperparameters,
        exampleCount: examples,
        stepMs: settings.stepMs,
        ...(seed.callerRole ? { callerRole: seed.callerRole } : {}),
      });
      const state = seed.state ?? 'ACTIVE';
      if (state === 'ACTIVE') ops.finish(model.operation);
      if (state === 'FAILED') ops.fail(model.operation, { code: 13, message: 'Tuning failed.' });
      return store.view(model);
    },
    get(name) {
      const m = store.get(full(name, 'tunedModels/'));
      return m ? store.view(m) : undefined;
    },
    list: () => store.list().map((m) => m.name),
  };
  core.extendControl('tunedModels', control);
  core.onReset(() => {
    store.clear();
    Object.assign(settings, defaults);
  });

  const r = core.controlRoutes;
  r.add('GET', 'tunedModels', () => ({ tunedModels: control.list() }));
  r.add('POST', 'tunedModels/configure', (b) => control.configure(asObj(b) as Partial<TunedModelSettings>));
  r.add('POST', 'tunedModels/seed', (b) => {
    try {
      return control.seed(asObj(b) as unknown as TunedModelSeed);
    } catch (e) {
      throw new RpcError(400, (e as Error).message);
    }
  });
}
