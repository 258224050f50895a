// Public entry of gemini-ts.
export { Gemini, type GeminiOptions } from './client.js';
export * from './core/index.js';
export {
  Models,
  modelName,
  type BatchEmbedContentsInput,
  type CountTokensInput,
  type EmbedContentInput,
  type ListModelsParams,
  type WithModel,
} from './models/models.js';
export type { GenerateContentConfig, GenerateContentInput } from './models/request.js';
export { BlockedError, type GenerateContentResult, type ResponseHelpers } from './models/response.js';
export { GenerateContentStream, ResponseAccumulator, type StreamOutcome } from './models/stream.js';
export { OutputParseError, OutputValidationError, type GenerationConfigInput } from './models/structured.js';
export {
  fileData,
  inlineData,
  toContents,
  type Bytes,
  type BytesPart,
  type ContentInput,
  type FileRef,
  type PartInput,
} from './models/content.js';
export * from './chats/index.js';
export * from './caches/index.js';
export * from './batches/index.js';
export * from './videos/index.js';
export { Operations, type ListOperationsParams, type OperationsPage } from './operations/families.js';
export * from './tools/index.js';
export * from './tokens/index.js';
export {
  Operation,
  OperationError,
  operationGetter,
  poll,
  pollDelay,
  resumeOperation,
  rpcCodeName,
  type OperationGetter,
  type OperationResource,
  type PollOptions,
  type PollSpec,
  type WaitOptions,
} from './operations/index.js';
export {
  Files,
  GeneratedFiles,
  MAX_FILE_SIZE,
  fileName,
  type DownloadDestination,
  type FileIdentifier,
  type ListFilesParams,
  type NodeWritableLike,
  type UploadFileOptions,
  type WaitUntilActiveOptions,
} from './files/index.js';
export {
  FileTooLargeError,
  UploadError,
  type UploadInput,
  type UploadProgress,
  type UploadTransferOptions,
} from './upload/index.js';
export {
  Documents,
  FileSearchStores,
  MAX_STORE_UPLOAD_SIZE,
  documentName,
  fileSearchTool,
  retrievedContexts,
  storeName,
  toCustomMetadata,
  type CustomMetadataInput,
  type ImportFileOptions,
  type ImportOperation,
  type StoreRef,
  type UploadOperation,
  type UploadToStoreOptions,
} from './file-search/index.js';
export * from './interactions/index.js';
export * from './live/index.js';
export * from './music/index.js';
export * from './realtime/index.js';
export * from './auth-tokens/index.js';
export type * from '../generated/types/index.js';
import { Gemini } from './client.js';
export default Gemini;
