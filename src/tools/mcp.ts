// MCP servers as tools: `mcpToTool(client)` lists a connected MCP client's tools and answers the model's
// calls through `client.callTool`, inside the same automatic function calling as `defineFunction` tools.
// `@modelcontextprotocol/sdk` is an optional peer that is never imported: clients are typed by shape.
import type { FunctionDeclaration } from '../../generated/types/FunctionDeclaration.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { AnyFunctionTool } from './function-tool.js';
import { ToolRunner } from './runner.js';
import type { ToolSource } from './source.js';
import { provideRunner } from './wire.js';

/** One tool as an MCP server lists it. */
export interface McpToolInfo {
  /** Tool name (becomes the function name). */
  name: string;
  /** What it does (becomes the function description). */
  description?: string | undefined;
  /** JSON Schema of its arguments. */
  inputSchema?: object | undefined;
}

/** What an MCP tool call answers (`CallToolResult`). */
export interface McpCallResult {
  /** Content blocks (`{ type: 'text', text }`, images…). */
  content?: unknown;
  /** Structured result, when the tool declares an output schema. */
  structuredContent?: unknown;
  /** The tool failed; `content` says why. */
  isError?: boolean | undefined;
  /** Other fields the server sends. */
  [key: string]: unknown;
}

/** The part of an MCP `Client` (from `@modelcontextprotocol/sdk/client/index.js`) that `mcpToTool` uses. */
export interface McpClientLike {
  /** Lists the server's tools, a page at a time. */
  listTools(params?: { cursor?: string }): Promise<{ tools: McpToolInfo[]; nextCursor?: string | undefined }>;
  /** Calls one tool. */
  callTool(
    params: { name: string; arguments?: Record<string, unknown> },
    resultSchema?: undefined,
    options?: { signal?: AbortSignal; timeout?: number },
  ): Promise<McpCallResult>;
}

/** Options of `mcpToTool` (the last argument, after the clients). */
export interface McpToolOptions {
  /** Per-call timeout in ms passed to the MCP client (its default otherwise). */
  timeout?: number | undefined;
  /** `behavior` of every declaration (Live API: `NON_BLOCKING` lets the model keep talking). */
  behavior?: FunctionDeclaration['behavior'];
}

const isClient = (v: unknown): v is McpClientLike =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as McpClientLike).listTools === 'function' &&
  typeof (v as McpClientLike).callTool === 'function';

/** The text of an MCP error result (its text blocks joined). */
function errorText(result: McpCallResult): string {
  const blocks = Array.isArray(result.content) ? (result.content as Array<{ text?: unknown }>) : [];
  const text = blocks.flatMap((b) => (typeof b.text === 'string' ? [b.text] : [])).join('\n');
  return text || 'the MCP tool reported an error';
}

async function listAll(client: McpClientLike): Promise<McpToolInfo[]> {
  const out: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? undefined : { cursor });
    out.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

function functionOf(client: McpClientLike, info: McpToolInfo, options: McpToolOptions): AnyFunctionTool {
  const declaration: FunctionDeclaration = { name: info.name };
  if (info.description) declaration.description = info.description;
  if (info.inputSchema) {
    const { $schema: _drop, ...schema } = info.inputSchema as Record<string, unknown>;
    declaration.parametersJsonSchema = schema;
  }
  if (options.behavior !== undefined) declaration.behavior = options.behavior;
  return {
    declaration,
    run: async (args, { signal }) => {
      const result = await client.callTool(
        { name: info.name, arguments: (args ?? {}) as Record<string, unknown> },
        undefined,
        { ...(signal && { signal }), ...(options.timeout !== undefined && { timeout: options.timeout }) },
      );
      if (result.isError) throw new Error(errorText(result));
      return result; // the CallToolResult as the function response, as @google/genai sends it
    },
  };
}

/**
 * Turns MCP clients' tools into functions the SDK runs automatically: pass the result in `tools` of
 * generateContent, streams, chats, `live.connect` or an Interactions conversation. The tools are listed
 * when a request is prepared (once per `mcpToTool` value); each call goes to `client.callTool`, and an
 * error result reaches the model as `{ error }`.
 *
 * ```ts
 * const mcp = new Client({ name: 'app', version: '1.0.0' });
 * await mcp.connect(transport);
 * await client.models.generateContent({ model, contents: 'Weather in Paris?', tools: [mcpToTool(mcp)] });
 * ```
 */
export function mcpToTool(...args: Array<McpClientLike | McpToolOptions>): ToolSource {
  const last = args[args.length - 1];
  const options: McpToolOptions = last !== undefined && !isClient(last) ? (args.pop() as McpToolOptions) : {};
  const clients = args as McpClientLike[];
  if (clients.length === 0 || !clients.every(isClient))
    throw new InvalidArgumentError('mcpToTool: expected connected MCP clients (with listTools and callTool)');
  provideRunner(ToolRunner); // requests run the listed tools (see wire.ts)
  let listed: Promise<AnyFunctionTool[]> | undefined;
  return {
    toolSource: () => {
      listed ??= Promise.all(clients.map(listAll)).then((lists) =>
        lists.flatMap((tools, i) => tools.map((t) => functionOf(clients[i]!, t, options))),
      );
      // A failed listing is not kept: the next request lists again.
      listed.catch(() => (listed = undefined));
      return listed;
    },
  };
}
