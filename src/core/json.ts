// Shape checks for parsed JSON, shared by every area (one definition instead of one per file).

/** A JSON object: string keys, values not yet checked. */
export type JsonObject = Record<string, unknown>;

/** Whether `v` is a JSON object (not `null`, not an array). */
export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
