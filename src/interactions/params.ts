// From `create` parameters to the wire body: local checks (model xor agent, input present, no
// camelCase keys hiding in generation_config), top-level camelCase aliases mapped to their wire names,
// and `defineFunction` tools turned into flat `{type: "function"}` tools. Nothing else is converted.
import type { CreateInteractionRequest } from '../../generated/types/CreateInteractionRequest.js';
import type { InteractionFunctionTool } from '../../generated/types/InteractionFunctionTool.js';
import { InvalidArgumentError } from '../core/errors.js';
import { isFunctionTool, type AnyFunctionTool } from '../tools/function-tool.js';
import { ToolRunner } from '../tools/runner.js';
import type { CreateInteractionParams, InteractionToolInput } from './types.js';
import { isObject } from '../core/json.js';

/** Top-level camelCase alias → wire name. */
const ALIASES: Readonly<Record<string, string>> = {
  previousInteractionId: 'previous_interaction_id',
  systemInstruction: 'system_instruction',
  generationConfig: 'generation_config',
  responseFormat: 'response_format',
  safetySettings: 'safety_settings',
  serviceTier: 'service_tier',
  agentConfig: 'agent_config',
  webhookConfig: 'webhook_config',
};

/** generation_config fields whose camelCase spelling is a likely mistake (the service wants snake_case). */
const CONFIG_FIELDS = [
  'max_output_tokens',
  'top_p',
  'top_k',
  'stop_sequences',
  'thinking_level',
  'thinking_summaries',
  'tool_choice',
  'speech_config',
  'image_config',
  'video_config',
  'transcription_config',
];

const toCamel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The wire body and the functions whose code can answer the model's calls. */
export interface PreparedCreate {
  /** What is sent (wire names). */
  body: CreateInteractionRequest;
  /** Runner of the `defineFunction` tools that have code; `undefined` when none do. */
  runner: ToolRunner | undefined;
}

/** Flat Interactions tools from the inputs; `FunctionTool`s become `{type: "function", name, description, parameters}`. */
export function wireTools(tools: readonly InteractionToolInput[]): {
  tools: unknown[];
  functions: AnyFunctionTool[];
} {
  const functions: AnyFunctionTool[] = [];
  const out = tools.map((t): unknown => {
    if (!isFunctionTool(t)) return t;
    functions.push(t);
    const d = t.declaration;
    const tool: InteractionFunctionTool = { type: 'function' };
    if (d.name !== undefined) tool.name = d.name;
    if (d.description !== undefined) tool.description = d.description;
    const parameters = d.parametersJsonSchema ?? d.parameters;
    if (parameters !== undefined) tool.parameters = parameters;
    return tool;
  });
  return { tools: out, functions };
}

/**
 * Checks `params` and builds the wire body. Throws `InvalidArgumentError` (nothing sent) for a missing
 * input, both or neither of `model`/`agent`, an alias that disagrees with its wire name, or a camelCase
 * key in `generation_config`.
 */
export function prepareCreate(params: CreateInteractionParams, stream: boolean): PreparedCreate {
  if (!isObject(params))
    throw new InvalidArgumentError('interactions.create: expected an object of parameters');
  const given = params as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const wire = ALIASES[key] ?? key;
    if (wire !== key && given[wire] !== undefined) {
      if (JSON.stringify(given[wire]) !== JSON.stringify(value)) {
        throw new InvalidArgumentError(`interactions.create: ${key} and ${wire} disagree; pass only ${wire}`);
      }
      continue;
    }
    body[wire] = value;
  }
  const hasModel = typeof body['model'] === 'string' && body['model'] !== '';
  const hasAgent = typeof body['agent'] === 'string' && body['agent'] !== '';
  if (hasModel === hasAgent) {
    throw new InvalidArgumentError('interactions.create: pass exactly one of model or agent');
  }
  if (hasModel) body['model'] = String(body['model']).replace(/^models\//, '');
  const input = body['input'];
  if (input === undefined || input === null || input === '' || (Array.isArray(input) && input.length === 0)) {
    throw new InvalidArgumentError('interactions.create: input is required');
  }
  checkConfig(body['generation_config']);
  let runner: ToolRunner | undefined;
  if (body['tools'] !== undefined) {
    if (!Array.isArray(body['tools']))
      throw new InvalidArgumentError('interactions.create: tools must be an array');
    const { tools, functions } = wireTools(body['tools'] as InteractionToolInput[]);
    body['tools'] = tools;
    if (functions.length > 0) {
      runner = new ToolRunner(functions);
      if (!runner.runnable) runner = undefined;
    }
  }
  if (stream) body['stream'] = true;
  else delete body['stream'];
  return { body: body as CreateInteractionRequest, runner };
}

function checkConfig(config: unknown): void {
  if (config === undefined) return;
  if (!isObject(config))
    throw new InvalidArgumentError('interactions.create: generation_config must be an object');
  for (const field of CONFIG_FIELDS) {
    const camel = toCamel(field);
    if (camel in config) {
      throw new InvalidArgumentError(
        `interactions.create: generation_config.${camel} is not a wire name; the Interactions API uses snake_case (${field})`,
      );
    }
  }
}
