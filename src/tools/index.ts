// Public surface of tools: function declarations (JSON Schema or zod), the function runner, schemas.
export {
  answerCalls,
  plannedCalls,
  DEFAULT_MAXIMUM_REMOTE_CALLS,
  type AutomaticFunctionCallingConfig,
} from './afc.js';
export {
  defineFunction,
  isFunctionTool,
  type AnyFunctionTool,
  type DefineFunctionOptions,
  type FunctionTool,
  type ToolCallContext,
  type ToolInput,
} from './function-tool.js';
export { toFunctionResponse, ToolRunner, type RunOptions, type Tools } from './runner.js';
export {
  isStandardSchema,
  toJsonSchema,
  type InferSchema,
  type JsonSchema,
  type SchemaInput,
  type SchemaIssue,
  type StandardResult,
  type StandardSchemaLike,
} from './schema.js';
export { validateJson, withValidation } from './validate.js';
export { zod3Schema, type Zod3Like } from './zod3.js';
export {
  mcpToTool,
  type McpCallResult,
  type McpClientLike,
  type McpToolInfo,
  type McpToolOptions,
} from './mcp.js';
export { expandTools, isToolSource, type ToolSource } from './source.js';
