// generateContent inputs (wire field names, friendlier values) → the wire request, plus what the
// response side needs: the functions to run automatically and the structured-output parser.
import type { Content } from '../../generated/types/Content.js';
import type { GenerateContentRequest } from '../../generated/types/GenerateContentRequest.js';
import type { Tool } from '../../generated/types/Tool.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { CallOptions } from '../core/transport.js';
import type { AutomaticFunctionCallingConfig } from '../tools/afc.js';
import type { ToolRunner, Tools } from '../tools/runner.js';
import { expandTools } from '../tools/source.js';
import { applyConfig, GENERATE_SHAPE, type ConfigOptions, type Loose } from './config.js';
import { toContent, toContents, type ContentInput } from './content.js';
import { prepareOutput, type GenerationConfigInput, type OutputParser } from './structured.js';

/** `gemini-2.5-flash` → `models/gemini-2.5-flash`; names with a collection (`tunedModels/x`) are kept. */
export function modelName(model: string): string {
  if (typeof model !== 'string' || !model.trim())
    throw new InvalidArgumentError('model: expected a model id such as "gemini-2.5-flash"');
  return model.includes('/') ? model : `models/${model}`;
}

/** Request settings shared by generateContent, streams and chats (everything except model and contents). */
export type GenerateContentConfig<T = unknown> = Omit<
  GenerateContentRequest,
  'model' | 'contents' | 'systemInstruction' | 'tools' | 'generationConfig'
> & {
  /** System instruction as text, parts or a Content. */
  systemInstruction?: ContentInput;
  /** Wire tools (google search, code execution…) and functions from `defineFunction` (run automatically when they have code). */
  tools?: Tools;
  /** Generation settings; `responseJsonSchema` may be a zod schema (then `.parsed` is typed). */
  generationConfig?: GenerationConfigInput<T>;
  /** Automatic function calling (on when a function tool has `run`). */
  automaticFunctionCalling?: AutomaticFunctionCallingConfig;
};

/**
 * @google/genai's `config` bag: the request settings above, with the generation fields
 * (`temperature`, `responseJsonSchema`…) beside them instead of inside `generationConfig`, plus
 * `httpOptions` and `abortSignal`. Unknown keys are refused before sending.
 */
export type GenerateContentConfigBag<T = unknown> = Loose<
  Omit<GenerateContentConfig<T>, 'generationConfig'>
> &
  Loose<GenerationConfigInput<T>> &
  ConfigOptions & {
    /** Generation settings as a nested object (as @google/genai's countTokens config has them). */
    generationConfig?: GenerationConfigInput<T>;
    /** Labels of the call (passed through as the top-level `labels` field). */
    labels?: Record<string, string>;
  };

/** A generateContent request: wire field names, with friendlier `contents`, `systemInstruction`, tools and schemas. */
export type GenerateContentInput<T = unknown> = GenerateContentConfig<T> & {
  /** Model id (`gemini-2.5-flash`) or resource name (`models/…`). */
  model: string;
  /** A string, parts, a Content or the whole conversation. */
  contents: ContentInput;
  /** The same settings the @google/genai way; each one may be given here or at the top level, not both. */
  config?: GenerateContentConfigBag<T>;
};

/** A request ready to send, with what reading its response needs. */
export interface PreparedRequest {
  /** `models/…`. */
  model: string;
  /** The wire body. */
  body: GenerateContentRequest & { contents: Content[] };
  /** Functions that may run automatically. */
  runner: ToolRunner | undefined;
  /** Automatic function calling settings. */
  afc: AutomaticFunctionCallingConfig | undefined;
  /** How `.parsed` reads the response. */
  parser: OutputParser | undefined;
  /** The call options, with the config bag's `httpOptions` and `abortSignal` merged in. */
  options: CallOptions | undefined;
}

/**
 * A request's tools as a ToolRunner (wire tools, and the code that answers function calls), or as plain
 * wire tools. Given by the caller rather than imported here: the standalone functions must not bring the
 * runner into every bundle (see tools/wire.ts).
 */
export type PrepareTools = (tools: Tools) => ToolRunner | Tool[];

/** Builds the wire request body from an input. */
export async function prepareRequest(
  request: GenerateContentInput,
  callOptions: CallOptions | undefined,
  prepareTools: PrepareTools,
): Promise<PreparedRequest> {
  if (typeof request !== 'object' || request === null)
    throw new InvalidArgumentError('expected a request object');
  const [input, options] = applyConfig(request, GENERATE_SHAPE, callOptions);
  const { model, contents, systemInstruction, tools, generationConfig, automaticFunctionCalling, ...rest } =
    input;
  const name = modelName(model);
  if (contents === undefined || contents === null) throw new InvalidArgumentError('contents: required');
  const body: PreparedRequest['body'] = { ...rest, contents: await toContents(contents) };
  delete (body as { model?: string }).model;
  if (systemInstruction !== undefined) {
    body.systemInstruction =
      typeof systemInstruction === 'string'
        ? { parts: [{ text: systemInstruction }] }
        : await toContent(systemInstruction, 'systemInstruction');
  }
  let runner: ToolRunner | undefined;
  if (tools !== undefined) {
    const expanded = await expandTools(tools);
    const prepared = prepareTools(expanded);
    body.tools = Array.isArray(prepared) ? prepared : (runner = prepared).tools;
  }
  const output = prepareOutput(generationConfig);
  if (output.config) body.generationConfig = output.config;
  return {
    model: name,
    body,
    runner: runner?.runnable ? runner : undefined,
    afc: automaticFunctionCalling,
    parser: output.parser,
    options,
  };
}
