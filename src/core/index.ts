// Public surface of the client core.

export { ApiPromise, type WithResponse } from './api-promise.js';
export type {
  BadRequestDetail,
  ErrorDetail,
  ErrorInfoDetail,
  FieldViolation,
  HelpDetail,
  HelpLink,
  LocalizedMessageDetail,
  OtherDetail,
  QuotaFailureDetail,
  QuotaViolation,
  RetryInfoDetail,
} from './error-details.js';
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  GeminiError,
  IncompleteStreamError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  StreamError,
  TimeoutError,
  UnknownOutcomeError,
  type ApiErrorInit,
} from './errors.js';
export { consoleLogger, type Logger } from './log.js';
export { PagePromise, type FetchPage, type PageShape, type PagerOptions } from './pager.js';
export type { BackoffOptions } from './retry.js';
export { readSse, SseParser, type SseEvent } from './sse.js';
export { readJsonStream, type JsonStreamOptions } from './sse-json.js';
export { Stream, type StreamSource } from './stream.js';
export {
  DEFAULT_BASE_URL,
  HttpTransport,
  type CallOptions,
  type HttpTransportOptions,
  type TransportRequest,
} from './transport.js';
export type { QueryValue } from './url.js';
