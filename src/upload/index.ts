// Public surface of the upload engine.
export { FileTooLargeError, UploadError, UploadStoppedError } from './errors.js';
export { isMimeType, mimeFromName } from './mime.js';
export {
  DEFAULT_CHUNK_SIZE,
  resumeUpload,
  sessionUrlFor,
  startUpload,
  type UploadProgress,
  type UploadStart,
  type UploadTransferOptions,
} from './resumable.js';
export { openSource, type SourceHints, type UploadInput, type UploadSource } from './source.js';
