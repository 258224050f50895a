// Lean entry of the Files area (`gemini-ts/files`): uploads, metadata, downloads and generated files.
export { HttpTransport, type CallOptions, type HttpTransportOptions } from '../core/transport.js';
export {
  Files,
  MAX_FILE_SIZE,
  type ListFilesParams,
  type UploadFileOptions,
  type WaitUntilActiveOptions,
} from './files.js';
export { GeneratedFiles } from './generated-files.js';
export { fileName, type FileIdentifier } from './names.js';
export type { DownloadDestination, NodeWritableLike } from './download.js';
export {
  FileTooLargeError,
  UploadError,
  UploadStoppedError,
  type UploadInput,
  type UploadProgress,
  type UploadTransferOptions,
} from '../upload/index.js';
