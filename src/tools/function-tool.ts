// Function declarations from JSON Schema or zod, optionally with the code that runs them.
import type { FunctionCall } from '../../generated/types/FunctionCall.js';
import type { FunctionDeclaration } from '../../generated/types/FunctionDeclaration.js';
import type { Tool } from '../../generated/types/Tool.js';
import { InvalidArgumentError } from '../core/errors.js';
import { ToolRunner } from './runner.js';
import {
  describeIssues,
  isStandardSchema,
  toJsonSchema,
  type InferSchema,
  type SchemaInput,
  type StandardSchemaLike,
} from './schema.js';
import { checkFunctionName, provideRunner } from './wire.js';

export { checkFunctionName, isFunctionTool } from './wire.js';

/** What a running function learns about its call. */
export interface ToolCallContext {
  /** The call as the model made it (name, args, id). */
  readonly call: FunctionCall;
  /** Aborted when the request that triggered the call is cancelled. */
  readonly signal?: AbortSignal | undefined;
}

/** A function the model may call: its declaration and, for automatic function calling, its code. */
export interface FunctionTool<Args = Record<string, unknown>> {
  /** The wire declaration (name, description, `parametersJsonSchema`, …). */
  readonly declaration: FunctionDeclaration;
  /** Runs the function; its result (or thrown error) is sent back as the function response. */
  readonly run?: ((args: Args, context: ToolCallContext) => unknown) | undefined;
  /** Checks and converts the model's arguments before `run` (from a schema-library schema); throws if invalid. */
  readonly parseArgs?: ((args: unknown) => Args) | undefined;
}

/** Any `FunctionTool`, whatever its argument type (what tool lists accept). */
export interface AnyFunctionTool {
  /** The wire declaration. */
  readonly declaration: FunctionDeclaration;
  /** The implementation, if any. */
  readonly run?: ((args: never, context: ToolCallContext) => unknown) | undefined;
  /** Argument check, if any. */
  readonly parseArgs?: ((args: unknown) => unknown) | undefined;
}

/** A tool in a request: a wire `Tool` (google search, code execution, declarations…) or a `FunctionTool`. */
export type ToolInput = Tool | AnyFunctionTool;

/** Options of `defineFunction`. */
export interface DefineFunctionOptions<S extends SchemaInput | undefined> {
  /** Function name: letters, digits, `_ . : -`, starting with a letter or `_`, at most 64 characters. */
  name: string;
  /** What the function does; the model reads it to decide when to call. */
  description?: string;
  /** Parameters as JSON Schema or a zod (or other Standard Schema) object schema. */
  parameters?: S;
  /** Shape of the result, as JSON Schema or zod (sent as `responseJsonSchema`). */
  response?: SchemaInput;
  /** `NON_BLOCKING` for Live API functions that may run while the conversation continues. */
  behavior?: FunctionDeclaration['behavior'];
  /** The implementation; omit it to handle calls yourself. May be async. */
  run?: (
    args: S extends undefined ? Record<string, never> : InferSchema<S>,
    context: ToolCallContext,
  ) => unknown;
}

/** Builds an argument parser from a Standard Schema (sync validation only). */
function argParser<T>(schema: StandardSchemaLike<T>, name: string): (args: unknown) => T {
  return (args) => {
    const result = schema['~standard'].validate(args);
    if (result instanceof Promise)
      throw new InvalidArgumentError(`${name}: async schemas cannot check arguments`);
    if (result.issues)
      throw new InvalidArgumentError(`invalid arguments for ${name}: ${describeIssues(result.issues)}`);
    return result.value;
  };
}

/**
 * Declares a function for the model. With `run`, the SDK calls it automatically when the model asks
 * (automatic function calling); arguments are validated first when `parameters` is a zod schema.
 *
 * ```ts
 * const weather = defineFunction({
 *   name: 'get_weather',
 *   description: 'Current weather in a city',
 *   parameters: z.object({ city: z.string() }),
 *   run: async ({ city }) => ({ tempC: 21, city }),
 * });
 * await client.models.generateContent({ model, contents: 'Weather in Paris?', tools: [weather] });
 * ```
 */
export function defineFunction<S extends SchemaInput | undefined = undefined>(
  options: DefineFunctionOptions<S>,
): FunctionTool<S extends undefined ? Record<string, never> : InferSchema<S>> {
  checkFunctionName(options.name);
  provideRunner(ToolRunner); // requests can now run it (see wire.ts)
  const where = `function ${options.name}`;
  const declaration: FunctionDeclaration = { name: options.name };
  if (options.description !== undefined) declaration.description = options.description;
  if (options.parameters !== undefined)
    declaration.parametersJsonSchema = toJsonSchema(options.parameters, `${where} parameters`);
  if (options.response !== undefined)
    declaration.responseJsonSchema = toJsonSchema(options.response, `${where} response`);
  if (options.behavior !== undefined) declaration.behavior = options.behavior;
  type Args = S extends undefined ? Record<string, never> : InferSchema<S>;
  const params = options.parameters;
  return {
    declaration,
    run: options.run as FunctionTool<Args>['run'],
    parseArgs: isStandardSchema(params) ? (argParser(params, where) as (args: unknown) => Args) : undefined,
  };
}
