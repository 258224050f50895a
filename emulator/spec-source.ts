/**
 * The emulator's view of the API surface: the generated manifest (routing) and schema registry
 * (validation). Everything in emulator/ reads the spec through this file only.
 */
export { manifest } from '../generated/manifest.js';
export type { ManifestEntry } from '../generated/manifest.js';
export { schemas } from '../generated/schemas.js';
export { versionMethods } from '../generated/versions.js';
export type { SchemaSpec } from '../generated/schemas.js';
