// The one place a JSON request body is serialised, so every method refuses the same bad values before
// anything is sent, instead of JSON.stringify quietly changing them (NaN → null, a symbol → gone).

import { InvalidArgumentError } from './errors.js';

/**
 * The JSON text of a request body, refusing what JSON would silently change: a function, symbol or
 * bigint, a non-finite number (`NaN` becomes `null`) or `undefined` in an array (becomes `null`).
 * `InvalidArgumentError` names the JSON path of the value (`$.generationConfig.temperature`).
 * `undefined` properties are left out, as usual.
 */
export function toJson(body: unknown): string {
  return JSON.stringify(body, function (this: object, key: string, v: unknown) {
    const t = typeof v;
    if (
      t === 'function' ||
      t === 'symbol' ||
      t === 'bigint' ||
      (t === 'number' && !Number.isFinite(v)) ||
      (v === undefined && Array.isArray(this))
    ) {
      throw new InvalidArgumentError(
        // The root value's holder is JSON.stringify's own wrapper; any other is found in `body`.
        `request body: $${key === '' ? '' : `${pathTo(body, this, '') ?? '…'}${part(key)}`} cannot be sent as JSON (${t === 'number' ? v : t})`,
      );
    }
    return v;
  });
}

/** One step of a JSON path: `.name` or `[3]`. */
const part = (key: string): string => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`);

/** The path of `target` inside `node`, depth-first (walked only after a bad value was found). */
function pathTo(node: unknown, target: object, path: string, depth = 0): string | undefined {
  if (node === target) return path;
  if (typeof node !== 'object' || node === null || depth > 64) return undefined;
  for (const k of Object.keys(node)) {
    const found = pathTo((node as Record<string, unknown>)[k], target, path + part(k), depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
