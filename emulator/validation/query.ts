/**
 * Query parameter binding: each non-system parameter must name a query parameter of the method
 * (either spelling) and parse as its type; anything else is rejected with the real wording.
 */
import { badRequest, type RpcError } from '../errors.js';
import type { ManifestEntry } from '../spec-source.js';
import { renderValue, scalarTypeName, toCamel, toSnake } from './proto-names.js';

/** Parameters every Google API accepts on any method (discovery top-level `parameters`, plus `$`-forms). */
const SYSTEM_PARAMS = new Set([
  'key',
  'alt',
  '$alt',
  'fields',
  '$fields',
  'prettyPrint',
  '$prettyPrint',
  'callback',
  'quotaUser',
  'access_token',
  'oauth_token',
  'upload_protocol',
  'uploadType',
  'upload_id',
  '$.xgafv',
]);

/** Parsed query parameters by wire name; repeated parameters collect into arrays. */
export type QueryParams = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** Binds and type-checks the query string of a call to its method's query parameters. */
export function bindQuery(
  entry: ManifestEntry,
  query: URLSearchParams,
): { ok: true; value: QueryParams } | { ok: false; error: RpcError } {
  const out: Record<string, string | number | boolean | string[]> = {};
  const violations: { field?: string; description: string }[] = [];
  for (const [key, raw] of query) {
    if (SYSTEM_PARAMS.has(key)) continue;
    const name = Object.hasOwn(entry.params, key) ? key : toCamel(key);
    const spec = Object.hasOwn(entry.params, name) ? entry.params[name] : undefined;
    if (!spec || spec.location !== 'query') {
      violations.push({
        description: `Invalid JSON payload received. Unknown name ${JSON.stringify(key)}: Cannot bind query parameter. Field '${key}' could not be found in request message.`,
      });
      continue;
    }
    let value: string | number | boolean | undefined = raw;
    if (spec.type === 'integer') value = /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    else if (spec.type === 'boolean') {
      // Real traffic sends `force=True`; the service's parser is case-insensitive here.
      const lower = raw.toLowerCase();
      value = lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    if (value === undefined) {
      const field = toSnake(name);
      violations.push({
        field,
        description: `Invalid value at '${field}' (${scalarTypeName(spec.type, spec.format)}), ${renderValue(raw)}`,
      });
      continue;
    }
    if (spec.repeated) {
      const prev = out[name];
      out[name] = [...(Array.isArray(prev) ? prev : []), String(value)];
    } else {
      out[name] = value;
    }
  }
  return violations.length > 0 ? { ok: false, error: badRequest(violations) } : { ok: true, value: out };
}
