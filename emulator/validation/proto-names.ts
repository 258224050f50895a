/** Names the real service prints in validation messages: proto field names and proto type names. */

const PACKAGE = 'google.ai.generativelanguage.v1beta';

/** `generationConfig` → `generation_config` (the proto field name used in error paths). */
export function toSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `generation_config` → `generationConfig` (the JSON name; both spellings are accepted on input). */
export function toCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The type URL printed for a message-typed field, e.g. `type.googleapis.com/…v1beta.GenerationConfig`. */
export function messageTypeName(schema: string): string {
  return `type.googleapis.com/${PACKAGE}.${schema}`;
}

// Enums declared at package level (or nested elsewhere) in the proto; the rest are nested in their
// message under the field's PascalCase name, which is the fallback below.
const ENUM_TYPES: Readonly<Record<string, string>> = {
  'SafetySetting.category': 'HarmCategory',
  'SafetyRating.category': 'HarmCategory',
  'SafetySetting.threshold': 'SafetySetting.HarmBlockThreshold',
  'SafetyRating.probability': 'SafetyRating.HarmProbability',
  'Schema.type': 'Type',
  'EmbedContentRequest.taskType': 'TaskType',
  'ModalityTokenCount.modality': 'Modality',
  'GenerationConfig.responseModalities': 'GenerationConfig.Modality',
};

/** The type URL printed for an enum-typed field. */
export function enumTypeName(owner: string, field: string): string {
  const known = ENUM_TYPES[`${owner}.${field}`];
  const local = known ?? `${owner}.${field.charAt(0).toUpperCase()}${field.slice(1)}`;
  return `type.googleapis.com/${PACKAGE}.${local}`;
}

/** The proto scalar type printed for a scalar field (`TYPE_STRING`, `TYPE_INT64`, …). */
export function scalarTypeName(type: string | undefined, format: string | undefined): string {
  switch (format) {
    case 'int64':
      return 'TYPE_INT64';
    case 'uint64':
      return 'TYPE_UINT64';
    case 'uint32':
      return 'TYPE_UINT32';
    case 'int32':
      return 'TYPE_INT32';
    case 'float':
      return 'TYPE_FLOAT';
    case 'double':
      return 'TYPE_DOUBLE';
    case 'byte':
      return 'TYPE_BYTES';
    case 'google-datetime':
      return 'type.googleapis.com/google.protobuf.Timestamp';
    case 'google-duration':
      return 'type.googleapis.com/google.protobuf.Duration';
    case 'google-fieldmask':
      return 'type.googleapis.com/google.protobuf.FieldMask';
    default:
      break;
  }
  if (type === 'integer') return 'TYPE_INT32';
  if (type === 'number') return 'TYPE_DOUBLE';
  if (type === 'boolean') return 'TYPE_BOOL';
  return 'TYPE_STRING';
}

/** How a rejected value is quoted in "Invalid value at '…' (TYPE), <value>". */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}
