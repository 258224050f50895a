// Public surface of the Interactions API (`client.interactions`).
export { InteractionAccumulator } from './accumulate.js';
export { Conversation, functionResult, type ConversationParams } from './conversation.js';
export { Interactions, type CreateInteractionOptions, type GetInteractionOptions } from './interactions.js';
export {
  InteractionFailedError,
  type InteractionHelpers,
  type InteractionResult,
  type InteractionWaitOptions,
} from './result.js';
export { InteractionStream } from './stream.js';
export type {
  CreateInteractionAliases,
  CreateInteractionParams,
  InteractionContent,
  InteractionData,
  InteractionDelta,
  InteractionInput,
  InteractionStatus,
  InteractionStep,
  InteractionStepDelta,
  InteractionStepStart,
  InteractionStreamEvent,
  InteractionTool,
  InteractionToolInput,
} from './types.js';
