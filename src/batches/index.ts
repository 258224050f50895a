// Public surface of batches.
export {
  Batch,
  shortState,
  type BatchContext,
  type BatchKind,
  type BatchProgress,
  type BatchResource,
  type BatchResponse,
  type BatchState,
  type BatchUpdate,
  type BatchWaitOptions,
} from './batch.js';
export {
  Batches,
  batchName,
  type BatchPage,
  type BatchRef,
  type BatchRequests,
  type CreateBatchInput,
  type CreateEmbeddingBatchInput,
  type ListBatchesParams,
} from './batches.js';
export type {
  BatchEmbedItem,
  BatchEmbedRequest,
  BatchGenerateItem,
  BatchGenerateRequest,
  BatchRequestTags,
  WireBatchRequest,
} from './inputs.js';
export { readJsonl, type JsonLine } from './jsonl.js';
export type { BatchResult, ResultsOptions } from './results.js';
