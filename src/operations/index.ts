// Public surface of long-running operations and polling.
export { OperationError, rpcCodeName } from './error.js';
export { Operation, type OperationGetter, type OperationResource, type WaitOptions } from './operation.js';
export { poll, pollDelay, type PollOptions, type PollSpec } from './poll.js';
export { operationGetter, resumeOperation } from './resolve.js';
