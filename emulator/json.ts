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
