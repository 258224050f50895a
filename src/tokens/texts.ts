// The texts a local count tokenizes, gathered from contents, tools, the system instruction and the
// response schema the way the official SDKs' local tokenizers do: part text, function call/response
// names and the keys and string values of their arguments, and the descriptive words of schemas.
import type { Content } from '../../generated/types/Content.js';
import type { Part } from '../../generated/types/Part.js';
import type { Tool } from '../../generated/types/Tool.js';
import { InvalidArgumentError } from '../core/errors.js';
import { isObject } from '../core/json.js';

type Obj = Record<string, unknown>;

/** Collects countable texts. */
export class TextCollector {
  /** The texts, in order. */
  readonly texts: string[] = [];

  /** Adds one part's texts; media parts cannot be counted locally. */
  part(p: Part): void {
    if (p.inlineData || p.fileData) {
      throw new InvalidArgumentError(
        'LocalTokenizer counts text only: inline data and file parts need countTokens on the API',
      );
    }
    if (typeof p.text === 'string') this.texts.push(p.text);
    if (p.functionCall) {
      if (p.functionCall.name) this.texts.push(p.functionCall.name);
      if (p.functionCall.args) this.value(p.functionCall.args);
    }
    if (p.functionResponse) {
      if (p.functionResponse.name) this.texts.push(p.functionResponse.name);
      if (p.functionResponse.response) this.value(p.functionResponse.response);
    }
    if (typeof p.executableCode?.code === 'string') this.texts.push(p.executableCode.code);
    if (typeof p.codeExecutionResult?.output === 'string') this.texts.push(p.codeExecutionResult.output);
  }

  /** Adds a Content's parts. */
  content(c: Content): void {
    for (const p of c.parts ?? []) this.part(p);
  }

  /** Keys and string values of a JSON value (function arguments and responses). */
  value(v: unknown): void {
    if (typeof v === 'string') this.texts.push(v);
    else if (Array.isArray(v)) for (const x of v) this.value(x);
    else if (isObject(v)) {
      this.texts.push(...Object.keys(v));
      for (const x of Object.values(v)) this.value(x);
    }
  }

  /** The descriptive words of a schema (OpenAPI `Schema` or JSON Schema): format, description, enum, required, property names. */
  schema(s: unknown, depth = 0): void {
    if (!isObject(s) || depth > 32) return;
    for (const key of ['format', 'description']) if (typeof s[key] === 'string') this.texts.push(s[key]);
    for (const key of ['enum', 'required']) {
      const list = s[key];
      if (Array.isArray(list)) for (const x of list) if (typeof x === 'string') this.texts.push(x);
    }
    if (s['items']) this.schema(s['items'], depth + 1);
    if (isObject(s['properties'])) {
      for (const [k, v] of Object.entries(s['properties'])) {
        this.texts.push(k);
        this.schema(v, depth + 1);
      }
    }
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      const list = s[key];
      if (Array.isArray(list)) for (const x of list) this.schema(x, depth + 1);
    }
    if (s['example'] !== undefined) this.value(s['example']);
  }

  /** Function declarations of the tools (name, description, parameter and response schemas). */
  tools(tools: readonly Tool[]): void {
    for (const t of tools) {
      for (const d of t.functionDeclarations ?? []) {
        if (d.name) this.texts.push(d.name);
        if (d.description) this.texts.push(d.description);
        this.schema(d.parameters ?? d.parametersJsonSchema);
        this.schema(d.response ?? d.responseJsonSchema);
      }
    }
  }
}
