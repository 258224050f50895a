// The subset of the Google API Discovery format (https://developers.google.com/discovery/v1/reference)
// that the generator reads. Everything is optional: real documents vary, and load.ts checks what we need.

/** A JSON schema in discovery's dialect. */
export interface DiscoverySchema {
  id?: string;
  type?: string;
  $ref?: string;
  description?: string;
  format?: string;
  properties?: Record<string, DiscoverySchema>;
  items?: DiscoverySchema;
  additionalProperties?: DiscoverySchema | boolean;
  enum?: string[];
  enumDescriptions?: string[];
  enumDeprecated?: boolean[];
  readOnly?: boolean;
  deprecated?: boolean;
  required?: boolean;
  pattern?: string;
  repeated?: boolean;
  location?: string;
  default?: string;
  [extra: string]: unknown;
}

/** One REST method. */
export interface DiscoveryMethod {
  id: string;
  path: string;
  flatPath?: string;
  httpMethod: string;
  description?: string;
  parameters?: Record<string, DiscoverySchema>;
  parameterOrder?: string[];
  request?: { $ref: string };
  response?: { $ref: string };
  supportsMediaUpload?: boolean;
  supportsMediaDownload?: boolean;
  mediaUpload?: {
    accept?: string[];
    maxSize?: string;
    protocols?: Record<string, { path: string; multipart?: boolean }>;
  };
  deprecated?: boolean;
  [extra: string]: unknown;
}

/** A resource: methods plus nested resources. */
export interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
}

/** A whole discovery document. */
export interface DiscoveryDocument {
  kind?: string;
  discoveryVersion?: string;
  name: string;
  version: string;
  revision?: string;
  title?: string;
  description?: string;
  rootUrl?: string;
  servicePath?: string;
  parameters?: Record<string, DiscoverySchema>;
  resources: Record<string, DiscoveryResource>;
  schemas: Record<string, DiscoverySchema>;
  [extra: string]: unknown;
}
