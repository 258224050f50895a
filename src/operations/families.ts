// `client.operations`: long-running operations of every resource family, by name. Each family exposes
// what the API has for it: get everywhere; list for batches, models and tuned models; cancel and
// delete for batches only (other families answer InvalidArgumentError before any request).
import * as batches from '../../generated/methods/batches.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import * as modelOps from '../../generated/methods/models.operations.js';
import * as tunedModelOps from '../../generated/methods/tunedModels.operations.js';
import type { Transport } from '../../generated/transport.js';
import type { ListOperationsResponse } from '../../generated/types/ListOperationsResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';
import { Operation, type OperationResource, type WaitOptions } from './operation.js';
import { operationGetter, resumeOperation } from './resolve.js';

/** Operation listing options. */
export interface ListOperationsParams {
  /** Operations per page. */
  pageSize?: number | undefined;
  /** Resume from this page token. */
  pageToken?: string | undefined;
  /** The standard list filter (passed through). */
  filter?: string | undefined;
}

/** A page of operations. */
export interface OperationsPage<R = Record<string, unknown>, M = Record<string, unknown>> {
  /** The operations of this page. */
  operations?: Operation<R, M>[];
  /** Token of the next page. */
  nextPageToken?: string | undefined;
  /** Unreachable resources, as the API reports them. */
  unreachable?: string[] | undefined;
}

type ListStub = (
  t: Transport,
  params: { name: string; pageSize?: number; pageToken?: string; filter?: string },
  options?: CallOptions,
) => Promise<ListOperationsResponse>;

/** Parent pattern → the `list` stub of its family. */
const LISTS: ReadonlyArray<readonly [RegExp, ListStub]> = [
  [/^batches$/, batches.list],
  [/^models\/[^/]+$/, modelOps.list],
  [/^tunedModels\/[^/]+$/, tunedModelOps.list],
];

const BATCH = /^batches\/[^/]+$/;

function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || !name.trim())
    throw new InvalidArgumentError(`${what}: expected an operation name`);
  return name;
}

/**
 * Long-running operations by name, whatever area started them: video generations
 * (`models/*\/operations/*`), batches (`batches/*`), file search imports and uploads, tuned models,
 * generated files. `get` / `resume` / `wait` give an `Operation` to poll; `list`, `cancel` and `delete`
 * exist where the API has them.
 */
export class Operations {
  readonly #t: Transport;

  /** Usually reached as `client.operations`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Fetches an operation's current state (one GET through its family's `operations.get`). */
  get<R = Record<string, unknown>, M = Record<string, unknown>>(
    name: string,
    options?: CallOptions,
  ): ApiPromise<Operation<R, M>> {
    return respond(this.#t, async (t) => {
      const getter = operationGetter<R, M>(t);
      const state = await getter(checkName(name, 'operations.get'), options);
      return new Operation<R, M>(state, getter);
    });
  }

  /** An `Operation` for a saved name without fetching it (call `refresh()` or `wait()`). */
  resume<R = Record<string, unknown>, M = Record<string, unknown>>(name: string): Operation<R, M> {
    return resumeOperation<R, M>(this.#t, checkName(name, 'operations.resume'));
  }

  /** Resumes waiting on an operation by name: resolves with its response or rejects with `OperationError`. */
  wait<R = Record<string, unknown>, M = Record<string, unknown>>(
    name: string,
    options: WaitOptions<R, M> = {},
  ): ApiPromise<R> {
    return respond(this.#t, async (t) => {
      // Fetch first: a name alone says nothing about the state, so there is nothing to back off from yet.
      const getter = operationGetter<R, M>(t);
      const state = await getter(
        checkName(name, 'operations.wait'),
        options.signal ? { signal: options.signal } : {},
      );
      return new Operation<R, M>(state, getter).wait(options);
    });
  }

  /**
   * Lists the operations under a parent: `batches`, `models/{model}` (e.g. video generations) or
   * `tunedModels/{id}`. `await` for the first page, `for await` for every operation.
   */
  list<R = Record<string, unknown>, M = Record<string, unknown>>(
    parent: string,
    params: ListOperationsParams = {},
    options?: CallOptions,
  ): PagePromise<Operation<R, M>, OperationsPage<R, M>> {
    const name = checkName(parent, 'operations.list');
    const stub = LISTS.find(([re]) => re.test(name))?.[1];
    if (!stub) {
      throw new InvalidArgumentError(
        `operations.list: ${JSON.stringify(name)} has no operation list (use batches, models/{model} or tunedModels/{id})`,
      );
    }
    const { pageToken, pageSize, filter } = params;
    const base = {
      name,
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(filter !== undefined ? { filter } : {}),
    };
    const getter = operationGetter<R, M>(this.#t);
    return PagePromise.over(
      async (p): Promise<OperationsPage<R, M>> => {
        const page = await stub(this.#t, p, options);
        return {
          operations: (page.operations ?? []).map(
            (op) => new Operation<R, M>(op as OperationResource<R, M>, getter),
          ),
          nextPageToken: page.nextPageToken,
          unreachable: page.unreachable,
        };
      },
      { ...base, pageToken },
      'operations',
      options?.signal,
    );
  }

  /** Asks the service to stop an operation (batches only: the API has no cancel for other families). */
  cancel(name: string, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await batches.cancel(t, { name: this.#batchOnly(name, 'cancel') }, options);
    });
  }

  /** Deletes an operation record (batches only: the API has no delete for other families). */
  delete(name: string, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await batches.delete(t, { name: this.#batchOnly(name, 'delete') }, options);
    });
  }

  #batchOnly(name: string, verb: string): string {
    checkName(name, `operations.${verb}`);
    if (!BATCH.test(name))
      throw new InvalidArgumentError(
        `operations.${verb}: the API can ${verb} only batch operations (batches/…), not ${JSON.stringify(name)}`,
      );
    return name;
  }
}
