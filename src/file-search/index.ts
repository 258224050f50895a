// Lean entry of file search (`gemini-ts/file-search`): stores, documents, uploads/imports, the tool.
export { HttpTransport, type CallOptions, type HttpTransportOptions } from '../core/transport.js';
export { Documents } from './documents.js';
export { toCustomMetadata, type CustomMetadataInput } from './metadata.js';
export { documentName, storeName, type StoreRef } from './names.js';
export {
  FileSearchStores,
  MAX_STORE_UPLOAD_SIZE,
  type ImportFileOptions,
  type ImportOperation,
  type UploadOperation,
  type UploadToStoreOptions,
} from './stores.js';
export { fileSearchTool, retrievedContexts } from './tool.js';
