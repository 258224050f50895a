// Tools whose declarations are only known asynchronously (an MCP server's list): requests expand them
// into functions before the ToolRunner sees the tools.
import type { ToolInput } from './function-tool.js';

/** A set of tools listed on demand (what `mcpToTool` returns). */
export interface ToolSource {
  /** Lists the tools (function tools with `run`, or wire tools). */
  readonly toolSource: () => Promise<readonly ToolInput[]>;
}

/** Whether `t` is a `ToolSource`. */
export const isToolSource = (t: unknown): t is ToolSource =>
  typeof (t as ToolSource | null)?.toolSource === 'function';

/** The tools with every `ToolSource` replaced by the tools it lists (the same value when there is none). */
export async function expandTools<T>(tools: T): Promise<T> {
  if (!Array.isArray(tools)) return isToolSource(tools) ? ((await tools.toolSource()) as T) : tools;
  if (!tools.some(isToolSource)) return tools;
  const lists = await Promise.all(tools.map((t) => (isToolSource(t) ? t.toolSource() : [t])));
  return lists.flat() as T;
}
