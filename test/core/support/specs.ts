// Method specs shaped like the generated manifest entries, for transport tests.

import type { MethodCall, MethodSpec } from '../../../generated/transport.js';

const modelParam = { location: 'path', type: 'string', required: true, pattern: '^models/[^/]+$' } as const;

/** models.generateContent */
export const generateContent: MethodSpec = {
  id: 'models.generateContent',
  httpMethod: 'POST',
  path: '{+model}:generateContent',
  params: { model: modelParam },
};

/** models.streamGenerateContent */
export const streamGenerateContent: MethodSpec = {
  id: 'models.streamGenerateContent',
  httpMethod: 'POST',
  path: '{+model}:streamGenerateContent',
  params: { model: modelParam },
  streaming: true,
};

/** models.get */
export const getModel: MethodSpec = {
  id: 'models.get',
  httpMethod: 'GET',
  path: '{+name}',
  params: { name: { location: 'path', type: 'string', required: true, pattern: '^models/[^/]+$' } },
};

/** files.list */
export const listFiles: MethodSpec = {
  id: 'files.list',
  httpMethod: 'GET',
  path: 'files',
  params: {
    pageSize: { location: 'query', type: 'integer', format: 'int32' },
    pageToken: { location: 'query', type: 'string' },
  },
};

/** authTokens.create (pinned to v1alpha) */
export const createAuthToken: MethodSpec = {
  id: 'authTokens.create',
  httpMethod: 'POST',
  path: 'auth_tokens',
  version: 'v1alpha',
  params: {},
};

/** A generateContent call for `model`. */
export function gen(model = 'models/gemini-2.0-flash', body: unknown = { contents: [] }): MethodCall {
  return { spec: generateContent, params: { model }, body };
}

/** A streamGenerateContent call for `model`. */
export function streamGen(model = 'models/gemini-2.0-flash'): MethodCall {
  return { spec: streamGenerateContent, params: { model }, body: { contents: [] } };
}
