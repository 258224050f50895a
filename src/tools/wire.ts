// The wire side of a request's `tools` (checks, function tools gathered into one `functionDeclarations`
// tool, zod schemas turned into JSON Schema), and the slot through which the standalone generateContent
// functions reach the ToolRunner: they do not import it, so a bundle that only calls generateContent
// stays ~0.6 KB smaller (min+gz). What makes function tools (defineFunction, mcpToTool) provides it;
// without it only plain wire tools can be sent. Models, chats and batches pass the ToolRunner directly.
import type { FunctionDeclaration } from '../../generated/types/FunctionDeclaration.js';
import type { Tool } from '../../generated/types/Tool.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { AnyFunctionTool, ToolInput } from './function-tool.js';
import type { Tools, ToolRunner } from './runner.js';
import { isStandardSchema, toJsonSchema, type SchemaInput } from './schema.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/** Throws unless `name` is a valid function name. */
export function checkFunctionName(name: unknown): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new InvalidArgumentError(
      `function name ${JSON.stringify(name)} is invalid: use letters, digits, _ . : - (start with a letter or _, at most 64 characters)`,
    );
  }
}

/** Whether a tool input is a `FunctionTool` (as opposed to a wire `Tool`). */
export function isFunctionTool(t: unknown): t is AnyFunctionTool {
  return (
    typeof t === 'object' &&
    t !== null &&
    'declaration' in t &&
    typeof (t as AnyFunctionTool).declaration === 'object'
  );
}

/** Wire declarations whose schemas were given as zod (or other schema-library) objects get JSON Schema. */
function wireDeclaration(d: FunctionDeclaration): FunctionDeclaration {
  const p = d.parametersJsonSchema;
  const r = d.responseJsonSchema;
  if (!isStandardSchema(p) && !isStandardSchema(r)) return d;
  const out = { ...d };
  if (isStandardSchema(p))
    out.parametersJsonSchema = toJsonSchema(p as SchemaInput, `function ${d.name} parameters`);
  if (isStandardSchema(r))
    out.responseJsonSchema = toJsonSchema(r as SchemaInput, `function ${d.name} response`);
  return out;
}

/**
 * The wire tools for wire `Tool`s and `FunctionTool`s (from `defineFunction`) in any mix, a single tool
 * taken as a list of one (as the service itself accepts `"tools": {…}`); function tools go to `functions`.
 */
export function wireTools(input: Tools, functions: Map<string, AnyFunctionTool>): Tool[] {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidArgumentError('tools: expected an array of tools (or one tool)');
  }
  const inputs: readonly ToolInput[] = Array.isArray(input) ? input : [input as ToolInput];
  const tools: Tool[] = [];
  let declared: FunctionDeclaration[] | undefined;
  for (const [i, input] of inputs.entries()) {
    if (typeof input !== 'object' || input === null) {
      throw new InvalidArgumentError(`tools[${i}]: expected a tool object or a function from defineFunction`);
    }
    if ('toolSource' in input) {
      throw new InvalidArgumentError(`tools[${i}]: MCP tools are listed asynchronously; not usable here`);
    }
    if (isFunctionTool(input)) {
      const name = input.declaration.name;
      checkFunctionName(name);
      if (functions.has(name!)) throw new InvalidArgumentError(`function ${name} is declared twice`);
      functions.set(name!, input);
      if (!declared) tools.push({ functionDeclarations: (declared = []) });
      declared.push(input.declaration);
    } else if (input.functionDeclarations) {
      tools.push({ ...input, functionDeclarations: input.functionDeclarations.map(wireDeclaration) });
    } else tools.push(input);
  }
  return tools;
}

/**
 * The tools sent as they are, for requests made without the ToolRunner (nothing provided it, so no
 * function tool exists): only plain wire tools (google search, JSON Schema declarations…) are accepted.
 */
export function plainWireTools(input: Tools): Tool[] {
  const list = (Array.isArray(input) ? input : [input]) as Tool[];
  const schemas = (d: FunctionDeclaration): boolean =>
    isStandardSchema(d.parametersJsonSchema) || isStandardSchema(d.responseJsonSchema);
  if (
    list.some(
      (t) =>
        typeof t !== 'object' ||
        t === null ||
        'declaration' in t ||
        'toolSource' in t ||
        t.functionDeclarations?.some(schemas),
    )
  )
    throw new InvalidArgumentError('tools: function tools and zod schemas need gemini-ts/tools');
  return list;
}

let provided: typeof ToolRunner | undefined;

/** Makes the ToolRunner reachable by the standalone generateContent functions (see the file comment). */
export function provideRunner(runner: typeof ToolRunner): void {
  provided = runner;
}

/** How the standalone functions prepare tools: with the ToolRunner once provided, else as plain wire tools. */
export const standaloneTools = (tools: Tools): ToolRunner | Tool[] =>
  provided ? new provided(tools) : plainWireTools(tools);
