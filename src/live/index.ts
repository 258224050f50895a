// Public surface of the Live API.
export { Live, livePath } from './live.js';
export { LiveSession, type LiveEvents, type LiveSessionHooks, type TurnStreamOptions } from './session.js';
export { decodeAudio, fromBase64, sampleRateOf } from './audio.js';
export type {
  LiveAudioChunk,
  ClientContentInput,
  LiveClientMessage,
  LiveConnectConfig,
  LiveConnectParams,
  LiveGenerationFields,
  LiveReconnectOptions,
  LiveServerMessage,
  MediaInput,
  RealtimeInput,
  ToolResponseInput,
} from './types.js';
