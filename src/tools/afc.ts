// Automatic function calling: the step shared by unary calls, streams and chats. After each model
// response, decide whether to run its function calls; if so, run them and produce the two turns that
// continue the conversation (the model's turn verbatim, then the user's function responses).
import type { Content } from '../../generated/types/Content.js';
import type { FunctionCall } from '../../generated/types/FunctionCall.js';
import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { ToolRunner } from './runner.js';

/** Automatic function calling settings (same names as the official SDKs). */
export interface AutomaticFunctionCallingConfig {
  /** Never run functions automatically; the response carries the calls for you to handle. */
  disable?: boolean;
  /** At most this many requests to the model per call, the first included (default 10). */
  maximumRemoteCalls?: number;
}

/** Default limit of model requests in one automatically-called exchange. */
export const DEFAULT_MAXIMUM_REMOTE_CALLS = 10;

/** The function calls to run after `response`, or `undefined` to stop and return it. */
export function plannedCalls(
  response: GenerateContentResponse,
  runner: ToolRunner | undefined,
  config: AutomaticFunctionCallingConfig | undefined,
  requestsSoFar: number,
): FunctionCall[] | undefined {
  if (!runner || config?.disable) return undefined;
  if (requestsSoFar >= (config?.maximumRemoteCalls ?? DEFAULT_MAXIMUM_REMOTE_CALLS)) return undefined;
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  const calls = parts.flatMap((p) => (p.functionCall ? [p.functionCall] : []));
  return runner.canRun(calls) ? calls : undefined;
}

/**
 * Runs `calls` and returns the turns to append: the model's content exactly as received (thought
 * signatures and unknown parts included) and a user turn with one functionResponse part per call.
 */
export async function answerCalls(
  response: GenerateContentResponse,
  calls: readonly FunctionCall[],
  runner: ToolRunner,
  signal: AbortSignal | undefined,
): Promise<[Content, Content]> {
  const content = response.candidates?.[0]?.content ?? {};
  const modelTurn: Content = content.role ? content : { ...content, role: 'model' };
  const responses = await runner.run(calls, { signal });
  return [modelTurn, { role: 'user', parts: responses.map((functionResponse) => ({ functionResponse })) }];
}
