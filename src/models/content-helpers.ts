// @google/genai's content helpers, same names and meaning, so code moving over keeps working. Each is a
// standalone function (tree-shaken when unused) building plain wire objects.
import type { CodeExecutionResult } from '../../generated/types/CodeExecutionResult.js';
import type { Content } from '../../generated/types/Content.js';
import type { ExecutableCode } from '../../generated/types/ExecutableCode.js';
import type { FunctionResponsePart } from '../../generated/types/FunctionResponsePart.js';
import type { Part } from '../../generated/types/Part.js';
import { InvalidArgumentError } from '../core/errors.js';

/** Text, a part, or a list of both: what `createUserContent` / `createModelContent` take. */
export type PartListInput = string | Part | ReadonlyArray<string | Part>;

function toParts(input: PartListInput): Part[] {
  const list = Array.isArray(input) ? (input as ReadonlyArray<string | Part>) : [input as string | Part];
  if (list.length === 0) throw new InvalidArgumentError('parts: expected at least one part');
  return list.map((p, i) => {
    if (typeof p === 'string') return { text: p };
    if (typeof p !== 'object' || p === null || Array.isArray(p))
      throw new InvalidArgumentError(`parts[${i}]: expected a string or a part object`);
    return p;
  });
}

/** A user turn from text, a part or a list of them (strings become text parts). */
export function createUserContent(partOrString: PartListInput): Content {
  return { role: 'user', parts: toParts(partOrString) };
}

/** A model turn from text, a part or a list of them (e.g. to seed a chat's history). */
export function createModelContent(partOrString: PartListInput): Content {
  return { role: 'model', parts: toParts(partOrString) };
}

/** A text part. */
export function createPartFromText(text: string): Part {
  return { text };
}

/** A part referencing a file by URI (e.g. `file.uri` after `files.upload`). */
export function createPartFromUri(uri: string, mimeType: string): Part {
  return { fileData: { fileUri: uri, mimeType } };
}

/** An inline-data part from base64 data (for raw bytes use `inlineData(bytes, mimeType)`). */
export function createPartFromBase64(data: string, mimeType: string): Part {
  return { inlineData: { data, mimeType } };
}

/** A function-call part (a model turn asking for `name(args)`). */
export function createPartFromFunctionCall(name: string, args: Record<string, unknown>): Part {
  return { functionCall: { name, args } };
}

/** A function-response part answering the call `id` of function `name` (with optional media parts). */
export function createPartFromFunctionResponse(
  id: string,
  name: string,
  response: Record<string, unknown>,
  parts: FunctionResponsePart[] = [],
): Part {
  return { functionResponse: { id, name, response, ...(parts.length > 0 && { parts }) } };
}

/** A code-execution-result part. */
export function createPartFromCodeExecutionResult(
  outcome: NonNullable<CodeExecutionResult['outcome']>,
  output: string,
): Part {
  return { codeExecutionResult: { outcome, output } };
}

/** An executable-code part. */
export function createPartFromExecutableCode(
  code: string,
  language: NonNullable<ExecutableCode['language']>,
): Part {
  return { executableCode: { code, language } };
}
