// @google/genai's `config` bag → this SDK's request shape, for every model call, in one place.
// Request settings (systemInstruction, tools, …) go to the top level, generation fields to
// `generationConfig`, `httpOptions` and `abortSignal` to the call options. The field lists come from
// the spec (generated/fields.ts), so a new generation field works without a change here.
import { GenerateContentRequestFields, GenerationConfigFields } from '../../generated/fields.js';
import { InvalidArgumentError } from '../core/errors.js';
import { isObject, type JsonObject } from '../core/json.js';
import type { CallOptions } from '../core/transport.js';

/** @google/genai's per-call `httpOptions` (the parts that apply to one call). */
export interface HttpOptions {
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** Per-attempt timeout in milliseconds. */
  timeout?: number | undefined;
  /** Retries: `attempts` counts the first try (so `{ attempts: 1 }` means no retry). */
  retryOptions?: { attempts?: number | undefined } | undefined;
}

/** What a `config` bag may carry besides request fields: per-call options, as in @google/genai. */
export interface ConfigOptions {
  /** Headers, timeout and retries of this call. */
  httpOptions?: HttpOptions | undefined;
  /** Cancels the call (same as the `signal` call option). */
  abortSignal?: AbortSignal | undefined;
}

/** `T` with every field also taking `undefined` (a config bag skips undefined values, as @google/genai does). */
export type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** Where a call's `config` keys may go: top-level request fields, and generation fields if the call has them. */
export interface ConfigShape {
  /** Fields of the request body itself. */
  readonly top: readonly string[];
  /** Fields of its `generationConfig`, if it has one. */
  readonly generation?: readonly string[] | undefined;
}

const without = (list: readonly string[], drop: readonly string[]): string[] =>
  list.filter((f) => !drop.includes(f));

/** generateContent, streams, countTokens, chats and inline batch requests. */
export const GENERATE_SHAPE: ConfigShape = {
  top: [
    ...without(GenerateContentRequestFields, ['model', 'contents', 'generationConfig']),
    'labels',
    'automaticFunctionCalling',
  ],
  generation: GenerationConfigFields,
};

function put(target: JsonObject, key: string, value: unknown, where: string, other: string): void {
  if (target[key] !== undefined)
    throw new InvalidArgumentError(`${where}.${key} and ${other} are both given; pass it once`);
  target[key] = value;
}

function callOptions(options: CallOptions, key: string, value: unknown, where: string): void {
  if (key === 'abortSignal') return put(options as JsonObject, 'signal', value, where, 'options.signal');
  if (!isObject(value)) throw new InvalidArgumentError(`${where}.httpOptions: expected an object`);
  for (const [k, v] of Object.entries(value)) {
    if (k === 'headers') options.headers = { ...options.headers, ...(v as Record<string, string>) };
    else if (k === 'timeout') put(options as JsonObject, k, v, `${where}.httpOptions`, 'options.timeout');
    else if (k === 'retryOptions' && isObject(v) && typeof v['attempts'] === 'number')
      put(
        options as JsonObject,
        'maxRetries',
        v['attempts'] - 1,
        `${where}.httpOptions`,
        'options.maxRetries',
      );
    else
      throw new InvalidArgumentError(
        `${where}.httpOptions.${k}: not a per-call option here (set baseUrl, apiVersion… on the client)`,
      );
  }
}

/**
 * Moves the keys of `input.config` to where the wire and the call options want them. The same field
 * given both ways, or a key the call does not know, is an `InvalidArgumentError` (nothing is sent).
 */
export function applyConfig<I extends object>(
  input: I,
  shape: ConfigShape,
  options: CallOptions | undefined,
  where = 'config',
): [Omit<I, 'config'>, CallOptions | undefined] {
  const { config, ...rest } = input as JsonObject;
  if (config === undefined || config === null) return [rest as Omit<I, 'config'>, options];
  if (!isObject(config)) throw new InvalidArgumentError(`${where}: expected an object`);
  const opts: CallOptions = { ...options };
  let gen: JsonObject | undefined;
  const genField = (k: string, v: unknown, from: string): void => {
    gen ??= { ...(rest['generationConfig'] as JsonObject | undefined) };
    put(gen, k, v, from, `generationConfig.${k}`);
  };
  for (const [k, v] of Object.entries(config)) {
    if (v === undefined) continue;
    if (k === 'httpOptions' || k === 'abortSignal') callOptions(opts, k, v, where);
    else if (shape.top.includes(k)) put(rest, k, v, where, k);
    else if (shape.generation?.includes(k)) genField(k, v, where);
    else if (shape.generation && k === 'generationConfig' && isObject(v))
      for (const [g, gv] of Object.entries(v)) genField(g, gv, `${where}.generationConfig`);
    else
      throw new InvalidArgumentError(
        `${where}.${k}: unknown setting (expected one of ${[...shape.top, ...(shape.generation ?? [])].join(', ')})`,
      );
  }
  if (gen) rest['generationConfig'] = gen;
  return [rest as Omit<I, 'config'>, opts];
}
