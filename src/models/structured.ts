// Structured output: a response schema given as JSON Schema or zod goes on the wire as
// `responseJsonSchema` (JSON mode switched on for you), and `.parsed` returns the value, validated when
// the schema can validate (zod, any Standard Schema, or a JSON Schema wrapped with `withValidation`).
// Plain JSON Schema is only parsed: the service already constrains the output to it, and the validator
// would cost every bundle ~1 KB.
import type { GenerationConfig } from '../../generated/types/GenerationConfig.js';
import { GeminiError, InvalidArgumentError } from '../core/errors.js';
import {
  describeIssues,
  isStandardSchema,
  toJsonSchema,
  type JsonSchema,
  type SchemaInput,
  type SchemaIssue,
  type StandardSchemaLike,
} from '../tools/schema.js';

/** The model's output is not valid JSON although JSON was requested. `text` holds what it sent. */
export class OutputParseError extends GeminiError {
  /** The raw text of the response. */
  readonly text: string;
  /** Creates the error. */
  constructor(message: string, text: string, options?: ErrorOptions) {
    super(message, options);
    this.text = text;
  }
  override get name(): string {
    return 'OutputParseError';
  }
}

/** The model's JSON does not match the response schema. */
export class OutputValidationError extends OutputParseError {
  /** The parsed (but invalid) value. */
  readonly value: unknown;
  /** What does not match. */
  readonly issues: readonly SchemaIssue[];
  /** Creates the error. */
  constructor(text: string, value: unknown, issues: readonly SchemaIssue[]) {
    super(`the response does not match the schema: ${describeIssues(issues)}`, text);
    this.value = value;
    this.issues = issues;
  }
  override get name(): string {
    return 'OutputValidationError';
  }
}

/** `generationConfig` as requests accept it: `responseJsonSchema` may also be a zod/Standard Schema object. */
export type GenerationConfigInput<T = unknown> = Omit<GenerationConfig, 'responseJsonSchema'> & {
  /** The output schema, as JSON Schema or zod; `responseMimeType` defaults to `application/json` with it. */
  responseJsonSchema?: SchemaInput<T>;
};

/** Turns response text into the typed value (throws `OutputParseError`/`OutputValidationError`). */
export type OutputParser<T = unknown> = (text: string) => T;

function jsonParser<T>(validate: (value: unknown) => T): OutputParser<T> {
  return (text) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // The message shows the start; the error keeps the whole text.
      const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
      throw new OutputParseError(`the response is not valid JSON: ${JSON.stringify(shown)}`, text, {
        cause: e,
      });
    }
    return validate(value);
  };
}

function standardParser<T>(schema: StandardSchemaLike<T>): OutputParser<T> {
  return jsonParser((value) => {
    const result = schema['~standard'].validate(value);
    if (result instanceof Promise)
      throw new InvalidArgumentError('.parsed needs a schema that validates synchronously');
    if (result.issues) throw new OutputValidationError(JSON.stringify(value), value, result.issues);
    return result.value;
  });
}

const plainParser: OutputParser = jsonParser((value) => value);

/**
 * The wire generation config for an input config, and the parser `.parsed` uses (none unless the
 * response is JSON or an enum).
 */
export function prepareOutput(config: GenerationConfigInput | undefined): {
  config: GenerationConfig | undefined;
  parser: OutputParser | undefined;
} {
  if (!config) return { config, parser: undefined };
  const schema = config.responseJsonSchema;
  const wire = config as GenerationConfig;
  if (schema === undefined) {
    const mime = config.responseMimeType;
    if (mime === 'application/json') return { config: wire, parser: plainParser };
    return { config: wire, parser: undefined };
  }
  const json = toJsonSchema(schema, 'generationConfig.responseJsonSchema');
  const out: GenerationConfig = { ...wire, responseJsonSchema: json };
  out.responseMimeType ??= 'application/json';
  const parser = isStandardSchema(schema) ? standardParser(schema) : plainParser;
  return { config: out, parser: out.responseMimeType === 'application/json' ? parser : undefined };
}
