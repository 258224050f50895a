// The unions of the Interactions API. Discovery has no oneOf, so every variant is its own generated
// schema (overrides/interactions.json) and this file only names the unions over them. All wire data
// keeps its wire names (snake_case), exactly as the service sends and expects it.
import type { CreateInteractionRequest } from '../../generated/types/CreateInteractionRequest.js';
import type { Interaction } from '../../generated/types/Interaction.js';
import type { InteractionArgumentsDelta } from '../../generated/types/InteractionArgumentsDelta.js';
import type { InteractionBuiltInTool } from '../../generated/types/InteractionBuiltInTool.js';
import type { InteractionCompletedEvent } from '../../generated/types/InteractionCompletedEvent.js';
import type { InteractionCreatedEvent } from '../../generated/types/InteractionCreatedEvent.js';
import type { InteractionErrorEvent } from '../../generated/types/InteractionErrorEvent.js';
import type { InteractionFunctionCallStep } from '../../generated/types/InteractionFunctionCallStep.js';
import type { InteractionFunctionResultStep } from '../../generated/types/InteractionFunctionResultStep.js';
import type { InteractionFunctionTool } from '../../generated/types/InteractionFunctionTool.js';
import type { InteractionMcpServerTool } from '../../generated/types/InteractionMcpServerTool.js';
import type { InteractionMediaContent } from '../../generated/types/InteractionMediaContent.js';
import type { InteractionMediaDelta } from '../../generated/types/InteractionMediaDelta.js';
import type { InteractionModelOutputStep } from '../../generated/types/InteractionModelOutputStep.js';
import type { InteractionResponseFormat } from '../../generated/types/InteractionResponseFormat.js';
import type { InteractionStatusUpdateEvent } from '../../generated/types/InteractionStatusUpdateEvent.js';
import type { InteractionStepDeltaEvent } from '../../generated/types/InteractionStepDeltaEvent.js';
import type { InteractionStepStartEvent } from '../../generated/types/InteractionStepStartEvent.js';
import type { InteractionStepStopEvent } from '../../generated/types/InteractionStepStopEvent.js';
import type { InteractionTextAnnotationDelta } from '../../generated/types/InteractionTextAnnotationDelta.js';
import type { InteractionTextContent } from '../../generated/types/InteractionTextContent.js';
import type { InteractionTextDelta } from '../../generated/types/InteractionTextDelta.js';
import type { InteractionThoughtSignatureDelta } from '../../generated/types/InteractionThoughtSignatureDelta.js';
import type { InteractionThoughtStep } from '../../generated/types/InteractionThoughtStep.js';
import type { InteractionThoughtSummaryDelta } from '../../generated/types/InteractionThoughtSummaryDelta.js';
import type { InteractionToolCallStep } from '../../generated/types/InteractionToolCallStep.js';
import type { InteractionToolDelta } from '../../generated/types/InteractionToolDelta.js';
import type { InteractionToolResultStep } from '../../generated/types/InteractionToolResultStep.js';
import type { InteractionUserInputStep } from '../../generated/types/InteractionUserInputStep.js';
import type { AnyFunctionTool } from '../tools/function-tool.js';

/** A content item: text, or image/audio/video/document (inline base64 `data` or a `uri`). */
export type InteractionContent = InteractionTextContent | InteractionMediaContent;

/** A step with its `content` typed. */
type WithContent<S> = Omit<S, 'content'> & { content?: InteractionContent[] };

/**
 * One step of an interaction, discriminated by `type`. Step types this SDK does not know yet arrive
 * unchanged (they are not in this union, but they are never dropped).
 */
export type InteractionStep =
  | WithContent<InteractionUserInputStep>
  | WithContent<InteractionModelOutputStep>
  | InteractionThoughtStep
  | InteractionFunctionCallStep
  | InteractionFunctionResultStep
  | InteractionToolCallStep
  | InteractionToolResultStep;

/** A tool offered to the model: a client function, a built-in server tool, or an MCP server. */
export type InteractionTool = InteractionFunctionTool | InteractionBuiltInTool | InteractionMcpServerTool;

/** What `create` sends as `input`: text, one content, one user turn of contents, or a list of steps. */
export type InteractionInput = string | InteractionContent | InteractionContent[] | InteractionStep[];

/** A piece of a step in a `step.delta` event, discriminated by `type`. */
export type InteractionDelta =
  | InteractionTextDelta
  | InteractionThoughtSignatureDelta
  | InteractionThoughtSummaryDelta
  | InteractionArgumentsDelta
  | InteractionTextAnnotationDelta
  | InteractionMediaDelta
  | InteractionToolDelta;

/** A `step.start` event with its `step` typed. */
export type InteractionStepStart = Omit<InteractionStepStartEvent, 'step'> & { step?: InteractionStep };

/** A `step.delta` event with its `delta` typed. */
export type InteractionStepDelta = Omit<InteractionStepDeltaEvent, 'delta'> & { delta?: InteractionDelta };

/**
 * One event of an interaction stream, discriminated by `event_type` (wire names, as sent). An `error`
 * event never reaches the loop: the stream throws it as an `ApiError` instead.
 */
export type InteractionStreamEvent =
  | InteractionCreatedEvent
  | InteractionStatusUpdateEvent
  | InteractionStepStart
  | InteractionStepDelta
  | InteractionStepStopEvent
  | InteractionCompletedEvent
  | InteractionErrorEvent;

/** An interaction with its unions typed (wire data only, no helpers). */
export type InteractionData = Omit<Interaction, 'steps' | 'tools' | 'input'> & {
  steps?: InteractionStep[];
  tools?: InteractionTool[];
  input?: InteractionInput;
};

/** The status of an interaction. */
export type InteractionStatus = NonNullable<Interaction['status']>;

/** A tool as `create` accepts it: a wire tool, or a `defineFunction` tool (its code runs in `Conversation`). */
export type InteractionToolInput = InteractionTool | AnyFunctionTool;

/**
 * camelCase spellings accepted for top-level create fields (deprecated aliases, mapped to the wire name
 * before sending; nested objects are never converted). Prefer the wire names.
 */
export interface CreateInteractionAliases {
  /** @deprecated Alias of `previous_interaction_id`. */
  previousInteractionId?: string;
  /** @deprecated Alias of `system_instruction`. */
  systemInstruction?: string;
  /** @deprecated Alias of `generation_config` (its keys are still wire names: `max_output_tokens`…). */
  generationConfig?: CreateInteractionRequest['generation_config'];
  /** @deprecated Alias of `response_format`. */
  responseFormat?: InteractionResponseFormat | InteractionResponseFormat[];
  /** @deprecated Alias of `safety_settings`. */
  safetySettings?: CreateInteractionRequest['safety_settings'];
  /** @deprecated Alias of `service_tier`. */
  serviceTier?: CreateInteractionRequest['service_tier'];
  /** @deprecated Alias of `agent_config`. */
  agentConfig?: CreateInteractionRequest['agent_config'];
  /** @deprecated Alias of `webhook_config`. */
  webhookConfig?: CreateInteractionRequest['webhook_config'];
}

/** Parameters of `interactions.create`: the wire body (snake_case) with typed unions. */
export type CreateInteractionParams = Omit<
  CreateInteractionRequest,
  'input' | 'tools' | 'response_format' | 'stream'
> &
  CreateInteractionAliases & {
    /** Required. Text, content(s), or steps (e.g. `function_result` steps answering `requires_action`). */
    input: InteractionInput;
    /** Tools: wire tools and/or `defineFunction(...)` functions. */
    tools?: InteractionToolInput[];
    /** Structured output format (or a list of them). */
    response_format?: InteractionResponseFormat | InteractionResponseFormat[];
    /** `true`: an `InteractionStream` of events instead of the final interaction. */
    stream?: boolean;
  };
