// Public surface of bulk runs (`gemini-ts/bulk`).
export { Bulk, chooseMode, type BulkCountItem, type BulkEmbedItem, type BulkGenerateItem } from './bulk.js';
export { BulkRun } from './run.js';
export { estimateTokens } from './tokens.js';
export type {
  BulkBatchOptions,
  BulkMode,
  BulkOptions,
  BulkProgress,
  BulkResult,
  BulkSource,
  BulkSummary,
} from './types.js';
