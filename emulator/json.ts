/** Shape checks for request bodies and stored JSON, shared by every feature area (one definition). */

/** A JSON object: string keys, values not yet checked. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether `v` is a JSON object (not `null`, not an array). */
export const isObj = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `v` if it is a JSON object, else `{}` (absent or mistyped fields read as empty). */
export const asObj = (v: unknown): JsonObject => (isObj(v) ? v : {});

/** The objects of a list (`[]` when `v` is not a list); non-objects read as `{}`. */
export const asList = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.map(asObj) : []);

/**
 * Keys that reach an object's prototype machinery when used with `obj[key] = …` or a path walk.
 * Stored JSON may hold them as plain data (JSON.parse makes own properties), but no code may assign
 * through them or walk into them.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key or path segment is one of {@link UNSAFE_KEYS}. */
export const isUnsafeKey = (key: string): boolean => UNSAFE_KEYS.has(key);

/** Sets `obj[key] = value` as an own data property, so `__proto__` stays data and never swaps a prototype. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
