/**
 * Request body validation against the schema registry, the way the service's JSON → proto layer
 * behaves: unknown names, values of the wrong type, repeated/singular mismatches and (after a clean
 * parse) missing "Required." fields are rejected with the real wording; both JSON (lowerCamelCase)
 * and proto (snake_case) names are accepted, a single object is accepted where a list is expected,
 * `null` means "not set", and output-only fields are accepted and dropped.
 *
 * The result is the body normalized to what handlers expect: camelCase keys, lists always arrays,
 * int64 as strings, enums as their names.
 */
import { badRequest, invalidArgument, type RpcError } from '../errors.js';
import { schemas, type SchemaSpec } from '../spec-source.js';
import {
  enumTypeName,
  messageTypeName,
  renderValue,
  scalarTypeName,
  toCamel,
  toSnake,
} from './proto-names.js';
import { parseScalar } from './scalars.js';
import { setOwn } from '../json.js';

/** One rejected field, as a google.rpc.BadRequest field violation. */
interface Violation {
  readonly field?: string;
  readonly description: string;
}

/** Options for {@link validateBody}. */
export interface ValidateOptions {
  /** Top-level fields bound to path parameters (e.g. `model`): never reported as missing. */
  readonly pathBound?: ReadonlySet<string>;
  /** An update (PATCH): the body holds only the fields to change, so "Required." fields may be absent. */
  readonly partial?: boolean;
}

/** A validated body, or the error the service would answer with. */
export type ValidateResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: RpcError };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, field: string): string => (path === '' ? field : `${path}.${field}`);

class Walker {
  readonly violations: Violation[] = [];
  readonly missing: string[] = [];

  constructor(
    private readonly root: string,
    private readonly pathBound: ReadonlySet<string>,
  ) {}

  /** Walks `value` against `spec`; `owner` is the message declaring the field (for enum type names). */
  walk(spec: SchemaSpec, value: unknown, path: string, owner: string, field: string): unknown {
    if (value === null) return undefined;
    if (spec.$ref !== undefined) {
      const target = schemas[spec.$ref];
      if (!target) return value;
      return this.message(target, spec.$ref, value, path);
    }
    if (spec.type === 'array') {
      const items = spec.items ?? { type: 'any' };
      // A single value where a list is expected is accepted as a one-element list.
      const list = Array.isArray(value) ? value : [value];
      const out: unknown[] = [];
      list.forEach((item, i) => {
        const v = this.walk(items, item, `${path}[${i}]`, owner, field);
        if (v !== undefined) out.push(v);
      });
      return out;
    }
    if (spec.type === 'any' || spec.type === undefined) return value;
    if (Array.isArray(value)) {
      this.notRepeating(path, field);
      return undefined;
    }
    if (spec.type === 'object') {
      if (spec.properties) return this.message(spec, owner, value, path);
      if (!isPlainObject(value))
        return this.invalid(path, 'type.googleapis.com/google.protobuf.Struct', value);
      if (!spec.additionalProperties || spec.additionalProperties.type === 'any') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = this.walk(spec.additionalProperties, v, `${path}[${k}]`, owner, field);
        if (r !== undefined) setOwn(out, k, r); // map keys are data: `__proto__` stays a key
      }
      return out;
    }
    const parsed = parseScalar(spec, value);
    if (parsed.ok) return parsed.value;
    const type = spec.enum ? enumTypeName(owner, field) : scalarTypeName(spec.type, spec.format);
    return this.invalid(path, type, value, parsed.reason);
  }

  private message(spec: SchemaSpec, name: string, value: unknown, path: string): unknown {
    if (Array.isArray(value)) {
      this.notRepeating(path, path.split('.').pop() ?? path);
      return undefined;
    }
    if (!isPlainObject(value)) return this.invalid(path, messageTypeName(name), value);
    const props = spec.properties ?? {};
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const camel = Object.hasOwn(props, key) ? key : toCamel(key);
      const prop = Object.hasOwn(props, camel) ? props[camel] : undefined;
      if (!prop) {
        // Known fields plus free-form extras (e.g. Interactions generation_config): extras pass through.
        if (spec.additionalProperties) {
          const r = this.walk(spec.additionalProperties, v, join(path, key), name, key);
          if (r !== undefined) setOwn(out, key, r);
        } else this.unknown(key, path);
        continue;
      }
      if (prop.readOnly) continue;
      const r = this.walk(prop, v, join(path, toSnake(camel)), name, camel);
      if (r !== undefined) out[camel] = r;
    }
    for (const req of spec.required ?? []) {
      if (path === '' && this.pathBound.has(req)) continue;
      const v = out[req];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
        this.missing.push(`* ${this.root}.${join(path, toSnake(req))}: ${toSnake(req)} is not specified`);
      }
    }
    return out;
  }

  private unknown(key: string, path: string): void {
    const at = path === '' ? '' : ` at '${path}'`;
    const description = `Invalid JSON payload received. Unknown name ${JSON.stringify(key)}${at}: Cannot find field.`;
    this.violations.push(path === '' ? { description } : { field: path, description });
  }

  private notRepeating(path: string, field: string): void {
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const at = parent === '' ? '' : ` at '${parent}'`;
    const name = field.replace(/\[.*$/, '');
    this.violations.push({
      field: path,
      description: `Invalid JSON payload received. Unknown name ${JSON.stringify(toSnake(name))}${at}: Proto field is not repeating, cannot start list.`,
    });
  }

  private invalid(path: string, type: string, value: unknown, reason?: string): undefined {
    const shown = reason ?? renderValue(value);
    this.violations.push({ field: path, description: `Invalid value at '${path}' (${type}), ${shown}` });
    return undefined;
  }
}

/**
 * Validates a parsed JSON body against the named request schema. Parse-level problems win over
 * missing required fields, as in the real service (required checks run on a parsed request).
 */
export function validateBody(
  schemaName: string,
  body: unknown,
  options: ValidateOptions = {},
): ValidateResult {
  const spec = schemas[schemaName];
  if (!spec) return { ok: true, value: body };
  if (body !== undefined && body !== null && !isPlainObject(body)) {
    const description = 'Invalid JSON payload received. Unknown name "": Root element must be a message.';
    return { ok: false, error: badRequest([{ description }]) };
  }
  const walker = new Walker(schemaName, options.pathBound ?? new Set());
  const value = walker.walk({ $ref: schemaName }, body ?? {}, '', schemaName, '');
  if (walker.violations.length > 0) return { ok: false, error: badRequest(walker.violations) };
  if (walker.missing.length > 0 && !options.partial)
    return { ok: false, error: invalidArgument(`${walker.missing.join('\n')}\n`) };
  return { ok: true, value };
}
