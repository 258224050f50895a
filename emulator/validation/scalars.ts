/**
 * Proto3 JSON scalar parsing as the real service does it: int64 as string or number, numbers also
 * as numeric strings, enums by name (any case — real traffic sends `"type": "object"`) or number.
 */
import type { SchemaSpec } from '../spec-source.js';

/** Result of parsing one scalar: the normalized value, or why it was rejected. */
export type ScalarResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason?: string };

const INT_RE = /^-?\d+$/;
const NUMBER_RE = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DURATION_RE = /^-?\d+(\.\d{1,9})?s$/;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UINT32 = { min: 0, max: 2 ** 32 - 1 };

const fail: ScalarResult = { ok: false };

function parseInteger(value: unknown, range: { min: number; max: number }): ScalarResult {
  const n = typeof value === 'string' && INT_RE.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) return fail;
  return { ok: true, value: n };
}

function parseInt64(value: unknown, unsigned: boolean): ScalarResult {
  let s: string | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) s = String(value);
  else if (typeof value === 'string' && INT_RE.test(value)) s = value;
  if (s === undefined || (unsigned && s.startsWith('-'))) return fail;
  // int64 values travel as strings on the wire; normalize so handlers never see a lossy number.
  return { ok: true, value: BigInt(s).toString() };
}

function parseNumber(value: unknown): ScalarResult {
  if (typeof value === 'number') return { ok: true, value };
  if (typeof value !== 'string') return fail;
  if (value === 'NaN') return { ok: true, value: Number.NaN };
  if (value === 'Infinity' || value === '-Infinity') return { ok: true, value: Number(value) };
  return NUMBER_RE.test(value) ? { ok: true, value: Number(value) } : fail;
}

function parseEnum(spec: SchemaSpec, value: unknown): ScalarResult {
  const values = spec.enum ?? [];
  if (typeof value === 'number' && Number.isInteger(value)) {
    // Numeric enums (`$alt=json;enum-encoding=int` clients): discovery lists values in number order.
    const name = values[value];
    return name === undefined ? fail : { ok: true, value: name };
  }
  if (typeof value !== 'string') return fail;
  const upper = value.toUpperCase();
  const name = values.find((v) => v === value) ?? values.find((v) => v.toUpperCase() === upper);
  return name === undefined ? fail : { ok: true, value: name };
}

function parseString(spec: SchemaSpec, value: unknown): ScalarResult {
  if (typeof value !== 'string') return fail;
  switch (spec.format) {
    case 'byte': {
      // Standard and URL-safe base64 are both accepted, padding optional.
      const bare = value.replace(/\s+/g, '');
      if (!BASE64_RE.test(bare) || bare.replace(/=+$/, '').length % 4 === 1) {
        return { ok: false, reason: `Base64 decoding failed for ${JSON.stringify(value.slice(0, 40))}` };
      }
      return { ok: true, value };
    }
    case 'google-duration':
      return DURATION_RE.test(value) ? { ok: true, value } : fail;
    case 'google-datetime':
      return TIMESTAMP_RE.test(value) && !Number.isNaN(Date.parse(value)) ? { ok: true, value } : fail;
    default:
      return { ok: true, value };
  }
}

/** Parses a scalar against its schema (`type` string/integer/number/boolean, with format/enum). */
export function parseScalar(spec: SchemaSpec, value: unknown): ScalarResult {
  if (spec.enum) return parseEnum(spec, value);
  switch (spec.format) {
    case 'int64':
      return parseInt64(value, false);
    case 'uint64':
      return parseInt64(value, true);
    case 'uint32':
      return parseInteger(value, UINT32);
    default:
      break;
  }
  switch (spec.type) {
    case 'integer':
      return parseInteger(value, INT32);
    case 'number':
      return parseNumber(value);
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : fail;
    default:
      return parseString(spec, value);
  }
}
