// `client.tunings`: tuning as @google/genai presents it (tune/get/list/cancel, a TuningJob shape),
// over the Gemini API's tunedModels methods. A tuned model *is* the job here: its state CREATING /
// ACTIVE / FAILED reads as JOB_STATE_RUNNING / SUCCEEDED / FAILED, and `wait()` uses the shared poller.
import * as stubs from '../../generated/methods/tunedModels.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { Transport } from '../../generated/transport.js';
import type { Hyperparameters } from '../../generated/types/Hyperparameters.js';
import type { ListTunedModelsResponse } from '../../generated/types/ListTunedModelsResponse.js';
import type { TunedModel } from '../../generated/types/TunedModel.js';
import type { TuningExample } from '../../generated/types/TuningExample.js';
import { InvalidArgumentError } from '../core/errors.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';
import { applyConfig, type ConfigOptions } from '../models/config.js';
import { modelName } from '../models/request.js';
import { poll, type PollOptions } from '../operations/poll.js';

/** The state of a tuning job, with @google/genai's names. */
export type TuningJobState =
  | 'JOB_STATE_UNSPECIFIED'
  | 'JOB_STATE_QUEUED'
  | 'JOB_STATE_RUNNING'
  | 'JOB_STATE_SUCCEEDED'
  | 'JOB_STATE_FAILED'
  | 'JOB_STATE_CANCELLED';

/** A tuning job (@google/genai's `TuningJob`, as it reads a Gemini API tuned model). */
export interface TuningJob {
  /** `tunedModels/{id}`: the tuned model being (or already) trained. */
  name?: string | undefined;
  /** Where the job is. */
  state?: TuningJobState | undefined;
  /** When the tuned model was created. */
  createTime?: string | undefined;
  /** When tuning started. */
  startTime?: string | undefined;
  /** When tuning ended (also on failure). */
  endTime?: string | undefined;
  /** Last update. */
  updateTime?: string | undefined;
  /** The tuned model's description. */
  description?: string | undefined;
  /** The model tuned from. */
  baseModel?: string | undefined;
  /** The model to call once the job succeeded (`model` for generateContent). */
  tunedModel?: { model?: string | undefined; endpoint?: string | undefined } | undefined;
  /** The tuned model's display name. */
  tunedModelDisplayName?: string | undefined;
  /** The tuned model as the API returned it. */
  raw?: TunedModel | undefined;
}

/** A tuning job with `wait()`: polls until it has succeeded or failed. */
export type TuningJobHandle = TuningJob & {
  /** Polls (shared poller) until the job is no longer running; resolves with the final job. */
  wait(options?: PollOptions): ApiPromise<TuningJobHandle>;
};

/** Tuning settings, as @google/genai's `CreateTuningJobConfig` has them for the Gemini API. */
export interface TuningConfig extends Hyperparameters, ConfigOptions {
  /** Display name of the tuned model. */
  tunedModelDisplayName?: string | undefined;
  /** Id of the tuned model to create (`tunedModels/{id}`); default: generated. */
  tunedModelId?: string | undefined;
}

/** `tunings.tune` parameters (@google/genai's shape). */
export interface TuneParams {
  /** The model to tune, e.g. `models/gemini-1.5-flash-001-tuning`. */
  baseModel: string;
  /** Training examples: `{ examples: [{ textInput, output }] }`. */
  trainingDataset: { examples: TuningExample[] | { examples: TuningExample[] } };
  /** Hyperparameters and names. */
  config?: TuningConfig | undefined;
}

/** `tunings.list` parameters. */
export interface ListTuningJobsParams {
  /** Jobs per page. */
  pageSize?: number | undefined;
  /** Resume from this page token. */
  pageToken?: string | undefined;
  /** The tunedModels filter (text, `owner:me`…). */
  filter?: string | undefined;
}

/** A job reference: `tunedModels/x`, `x`, or an object with `name` (a job, `{ name }`). */
export type TuningJobRef = string | { readonly name?: string | undefined };

const STATES: Record<string, TuningJobState> = {
  CREATING: 'JOB_STATE_RUNNING',
  ACTIVE: 'JOB_STATE_SUCCEEDED',
  FAILED: 'JOB_STATE_FAILED',
};

/** A tuned model read as a tuning job (the field mapping @google/genai uses for the Gemini API). */
export function tuningJobOf(m: TunedModel): TuningJob {
  const job: TuningJob = {
    name: m.name,
    state: STATES[m.state ?? ''] ?? 'JOB_STATE_UNSPECIFIED',
    createTime: m.createTime,
    startTime: m.tuningTask?.startTime,
    endTime: m.tuningTask?.completeTime,
    updateTime: m.updateTime,
    description: m.description,
    baseModel: m.baseModel,
    tunedModelDisplayName: m.displayName,
    raw: m,
  };
  if (m.state === 'ACTIVE') job.tunedModel = { model: m.name, endpoint: m.name };
  return job;
}

const TUNE_CONFIG = {
  top: [
    'tunedModelDisplayName',
    'tunedModelId',
    'epochCount',
    'learningRate',
    'learningRateMultiplier',
    'batchSize',
  ],
};

/** `x` → `tunedModels/x`. */
function jobName(ref: TuningJobRef): string {
  const name = typeof ref === 'string' ? ref : ref?.name;
  if (typeof name !== 'string' || !name.trim())
    throw new InvalidArgumentError('tuning job: expected a name such as "tunedModels/abc"');
  return name.includes('/') ? name : `tunedModels/${name}`;
}

/** Tuning jobs: start one from examples, follow it, list them, stop one. */
export class Tunings {
  readonly #t: Transport;

  /** Usually reached as `client.tunings`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  #handle(m: TunedModel, options?: CallOptions): TuningJobHandle {
    const job = tuningJobOf(m) as TuningJobHandle;
    const wait = (o?: PollOptions): ApiPromise<TuningJobHandle> =>
      this.wait(job, { ...options, ...o } as PollOptions & CallOptions);
    Object.defineProperty(job, 'wait', { value: wait });
    return job;
  }

  /**
   * Starts tuning `baseModel` on the examples (`tunedModels.create`); resolves at once with the job
   * (`JOB_STATE_QUEUED`), whose `wait()` follows it to the end.
   */
  tune(params: TuneParams, callOptions?: CallOptions): ApiPromise<TuningJobHandle> {
    return respond(this.#t, async (t) => {
      if (typeof params !== 'object' || params === null || typeof params.baseModel !== 'string')
        throw new InvalidArgumentError('tunings.tune: expected { baseModel, trainingDataset }');
      const data = params.trainingDataset?.examples;
      const examples = Array.isArray(data) ? data : data?.examples;
      if (!Array.isArray(examples) || examples.length === 0)
        throw new InvalidArgumentError('tunings.tune: trainingDataset.examples must list examples');
      const [, options] = applyConfig({ config: params.config }, TUNE_CONFIG, callOptions);
      const {
        tunedModelDisplayName,
        tunedModelId,
        httpOptions: _h,
        abortSignal: _a,
        ...hyper
      } = params.config ?? {};
      const body: TunedModel = {
        baseModel: modelName(params.baseModel),
        tuningTask: { trainingData: { examples: { examples } } },
      };
      if (Object.keys(hyper).length) body.tuningTask!.hyperparameters = hyper;
      if (tunedModelDisplayName !== undefined) body.displayName = tunedModelDisplayName;
      const op = await stubs.create(t, tunedModelId === undefined ? {} : { tunedModelId }, body, {
        ...options,
        idempotent: false,
      } as CallOptions);
      const meta = op.metadata as { tunedModel?: string } | undefined;
      const name = meta?.tunedModel ?? op.name?.split('/operations/')[0];
      if (!name) throw new InvalidArgumentError('tunings.tune: the service did not name the tuned model');
      const job = this.#handle({ ...body, name, tuningTask: {} } as TunedModel, options);
      job.state = 'JOB_STATE_QUEUED';
      return job;
    });
  }

  /** Gets a job (its tuned model). */
  get(job: TuningJobRef, options?: CallOptions): ApiPromise<TuningJobHandle> {
    return respond(this.#t, async (t) =>
      this.#handle(await stubs.get(t, { name: jobName(job) }, options), options),
    );
  }

  /** Lists jobs: `await` for the first page, `for await` for every job. */
  list(
    params: ListTuningJobsParams = {},
    options?: CallOptions,
  ): PagePromise<TuningJob, ListTunedModelsResponse & { tuningJobs: TuningJob[] }> {
    return PagePromise.over(
      async (p) => {
        const page = await stubs.list(this.#t, p as stubs.ListParams, options);
        return { ...page, tuningJobs: (page.tunedModels ?? []).map(tuningJobOf) };
      },
      params,
      'tuningJobs',
      options?.signal,
    );
  }

  /**
   * Stops a job. The Gemini API has no cancel for tuning: this deletes the tuned model, which ends its
   * training (and removes it; a finished model is refused with `InvalidArgumentError`).
   */
  cancel(job: TuningJobRef, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      const name = jobName(job);
      const current = await stubs.get(t, { name }, options);
      if (current.state !== 'CREATING')
        throw new InvalidArgumentError(`tunings.cancel: ${name} is ${current.state}, not running`);
      await stubs.delete(t, { name }, options);
    });
  }

  /** Polls a job until it has succeeded or failed (the shared poller's backoff, signal and timeout). */
  wait(job: TuningJobRef, options: PollOptions & CallOptions = {}): ApiPromise<TuningJobHandle> {
    return respond(this.#t, async (t) => {
      const name = jobName(job);
      const final = await poll(
        {
          fetch: (signal) => stubs.get(t, { name }, { ...options, signal }),
          isDone: (m) => m.state !== 'CREATING',
          label: `tuning job ${name}`,
        },
        options,
      );
      return this.#handle(final, options);
    });
  }
}
