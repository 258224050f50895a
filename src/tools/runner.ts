// Runs the model's function calls with the user's functions: in parallel, arguments validated, errors
// from user code reported back to the model as `{ error }` responses. Used by automatic function
// calling in generateContent/chats, and meant for Live API tool calls too (same calls, same responses).
import type { FunctionCall } from '../../generated/types/FunctionCall.js';
import type { FunctionResponse } from '../../generated/types/FunctionResponse.js';
import type { Tool } from '../../generated/types/Tool.js';
import { AbortError } from '../core/errors.js';
import type { AnyFunctionTool, ToolInput } from './function-tool.js';
import type { ToolSource } from './source.js';
import { wireTools } from './wire.js';

type Obj = Record<string, unknown>;
const isPlain = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The function-response payload for a function's return value: objects as they are, anything else as `output`. */
export function toFunctionResponse(value: unknown): Obj {
  return isPlain(value) ? value : { output: value === undefined ? null : value };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The `tools` of a request: a list of wire tools, functions and tool sources (`mcpToTool`), or a single one. */
export type Tools = ReadonlyArray<ToolInput | ToolSource> | ToolInput | ToolSource;

/** Options of `ToolRunner.run`. */
export interface RunOptions {
  /** Cancels waiting for the functions (they receive it in their context too). */
  signal?: AbortSignal | undefined;
}

/** The tools of one request: wire tools for the API, and the code that answers function calls. */
export class ToolRunner {
  /** Tools as sent on the wire (function tools gathered into one `functionDeclarations` tool). */
  readonly tools: Tool[];
  readonly #functions = new Map<string, AnyFunctionTool>();

  /**
   * Accepts wire `Tool`s and `FunctionTool`s (from `defineFunction`), in any mix; a single tool is taken as
   * a list of one, as the service itself accepts `"tools": {…}`.
   */
  constructor(input: Tools = []) {
    this.tools = wireTools(input, this.#functions);
  }

  /** Whether any function has code the SDK can run. */
  get runnable(): boolean {
    for (const f of this.#functions.values()) if (f.run) return true;
    return false;
  }

  /** Whether every call names a function with code (only then does automatic calling answer them). */
  canRun(calls: readonly FunctionCall[]): boolean {
    return (
      calls.length > 0 &&
      calls.every((c) => c.name !== undefined && this.#functions.get(c.name)?.run !== undefined)
    );
  }

  /** Runs every call in parallel; one response per call, in the calls' order. */
  async run(calls: readonly FunctionCall[], options: RunOptions = {}): Promise<FunctionResponse[]> {
    const { signal } = options;
    const one = async (call: FunctionCall): Promise<FunctionResponse> => {
      const base: FunctionResponse = {};
      if (call.id !== undefined) base.id = call.id;
      if (call.name !== undefined) base.name = call.name;
      const fn = call.name === undefined ? undefined : this.#functions.get(call.name);
      try {
        if (!fn?.run) throw new Error(`no function named ${call.name} is available`);
        const args = fn.parseArgs ? fn.parseArgs(call.args ?? {}) : (call.args ?? {});
        return { ...base, response: toFunctionResponse(await fn.run(args as never, { call, signal })) };
      } catch (e) {
        if (signal?.aborted) throw new AbortError(signal.reason);
        return { ...base, response: { error: message(e) } };
      }
    };
    const all = Promise.all(calls.map(one));
    if (!signal) return all;
    if (signal.aborted) throw new AbortError(signal.reason);
    return new Promise<FunctionResponse[]>((resolve, reject) => {
      const onAbort = (): void => reject(new AbortError(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      all.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
