// Public surface of the WebSocket session engine shared by Live and Live Music (docs/realtime.md).
// Its building blocks (socket, queue, outbox, handshake) stay internal: import them by path inside src/.
export type { Unsubscribe } from './emitter.js';
export {
  describeClose,
  SessionClosedError,
  SessionConnectError,
  SessionError,
  SessionOverflowError,
  SessionProtocolError,
  type CloseInfo,
  type CloseInitiator,
} from './errors.js';
export { RealtimeSessionHandle } from './handle.js';
export type { OutboxLimits } from './outbox.js';
export type { OverflowPolicy, QueueOptions } from './queue.js';
export {
  RealtimeSession,
  type RealtimeEvents,
  type RealtimeOptions,
  type ResumptionHooks,
  type ResumptionUpdate,
  type SessionState,
} from './session.js';
export { wsUrl, type WebSocketConstructor, type WebSocketLike } from './socket.js';
