// Public entry of gemini-ts.
export { Gemini, type GeminiOptions } from './client.js';
export * from './core/index.js';
export { UnsupportedRuntimeError } from './platform/errors.js';
export type { ProxyOption } from './platform/types.js';
export * from './models/index.js';
export * from './chats/index.js';
export * from './caches/index.js';
export * from './batches/index.js';
export * from './videos/index.js';
export { Operations, type ListOperationsParams, type OperationsPage } from './operations/families.js';
export * from './tools/index.js';
export * from './tokens/index.js';
export * from './operations/index.js';
// The class, not the generated wire type of the same name (that one is `OperationResource`).
export { Operation } from './operations/index.js';
export * from './files/index.js';
export * from './file-search/index.js';
export * from './interactions/index.js';
export * from './live/index.js';
export * from './music/index.js';
export * from './realtime/index.js';
export * from './auth-tokens/index.js';
export * from './bulk/index.js';
export * from './tunings/index.js';
export type * from '../generated/types/index.js';
import { Gemini } from './client.js';
export default Gemini;
