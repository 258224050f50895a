// Resuming an operation from its name: each name family has its own generated `*.operations.get` stub.

import * as batches from '../../generated/methods/batches.js';
import * as corporaOps from '../../generated/methods/corpora.operations.js';
import * as storeOps from '../../generated/methods/fileSearchStores.operations.js';
import * as storeUploadOps from '../../generated/methods/fileSearchStores.upload.operations.js';
import * as generatedFileOps from '../../generated/methods/generatedFiles.operations.js';
import * as modelOps from '../../generated/methods/models.operations.js';
import * as tunedModelOps from '../../generated/methods/tunedModels.operations.js';
import type { Transport } from '../../generated/transport.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { CallOptions } from '../core/transport.js';
import { Operation, type OperationGetter, type OperationResource } from './operation.js';

type Stub = (t: Transport, params: { name: string }, options?: CallOptions) => Promise<unknown>;

/** Name pattern → stub (patterns as discovery declares them for each `get`). */
const GETTERS: ReadonlyArray<readonly [RegExp, Stub]> = [
  [/^batches\/[^/]+$/, batches.get],
  [/^models\/[^/]+\/operations\/[^/]+$/, modelOps.get],
  [/^tunedModels\/[^/]+\/operations\/[^/]+$/, tunedModelOps.get],
  [/^corpora\/[^/]+\/operations\/[^/]+$/, corporaOps.get],
  [/^fileSearchStores\/[^/]+\/operations\/[^/]+$/, storeOps.get],
  [/^fileSearchStores\/[^/]+\/upload\/operations\/[^/]+$/, storeUploadOps.get],
  [/^generatedFiles\/[^/]+\/operations\/[^/]+$/, generatedFileOps.get],
];

/**
 * A getter that fetches any operation by name through the matching generated stub
 * (`models/*\/operations/*`, `batches/*`, `fileSearchStores/*\/upload/operations/*`, …).
 * An unknown name family fails with `InvalidArgumentError` before any request.
 */
export function operationGetter<R = Record<string, unknown>, M = Record<string, unknown>>(
  transport: Transport,
): OperationGetter<R, M> {
  return (name, options) => {
    const stub = GETTERS.find(([re]) => re.test(name))?.[1];
    if (!stub) {
      return Promise.reject(new InvalidArgumentError(`not a known operation name: ${JSON.stringify(name)}`));
    }
    return stub(transport, { name }, options) as Promise<OperationResource<R, M>>;
  };
}

/** An `Operation` for a name (e.g. saved before a restart); call `refresh()` or `wait()` on it. */
export function resumeOperation<R = Record<string, unknown>, M = Record<string, unknown>>(
  transport: Transport,
  name: string,
): Operation<R, M> {
  return new Operation<R, M>({ name }, operationGetter<R, M>(transport));
}
