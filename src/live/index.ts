// Public surface of the Live API.
export { Live, livePath } from './live.js';
export {
  LiveSession,
  type LiveEvents,
  type LiveSessionContext,
  type LiveSessionHooks,
  type TurnStreamOptions,
} from './session.js';
export { decodeAudio, sampleRateOf } from './audio.js';
export { fromBase64 } from '../core/base64.js';
export type {
  LiveAudioChunk,
  ClientContentInput,
  LiveClientMessage,
  LiveConnectConfig,
  LiveConnectParams,
  LiveCallbacks,
  LiveGenerationFields,
  LiveReconnectOptions,
  LiveServerMessage,
  MediaInput,
  RealtimeInput,
  ToolResponseInput,
  ContextUpdateInput,
} from './types.js';
