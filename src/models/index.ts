// Lean entry for generation only (`gemini-ts/models`): the models area and the transport it needs,
// without the other areas of the client. Either the class:
//   new Models(new HttpTransport({ apiKey, baseUrl: DEFAULT_BASE_URL, apiVersion: 'v1beta' }))
// or, smallest, the standalone functions:
//   generateContent(transport, { model, contents })
import type { Transport } from '../../generated/transport.js';
import type { CallOptions } from '../core/transport.js';
import { generate, streamSetup } from './generate.js';
import { prepareRequest, type GenerateContentInput } from './request.js';
import type { GenerateContentResult } from './response.js';
import { GenerateContentStream } from './stream.js';
import { standaloneTools } from '../tools/wire.js';

export {
  HttpTransport,
  DEFAULT_BASE_URL,
  type CallOptions,
  type HttpTransportOptions,
} from '../core/transport.js';
export {
  fileData,
  inlineData,
  toContents,
  type Bytes,
  type BytesPart,
  type ContentInput,
  type FileRef,
  type PartInput,
} from './content.js';
export {
  createModelContent,
  createPartFromBase64,
  createPartFromCodeExecutionResult,
  createPartFromExecutableCode,
  createPartFromFunctionCall,
  createPartFromFunctionResponse,
  createPartFromText,
  createPartFromUri,
  createUserContent,
  type PartListInput,
} from './content-helpers.js';
export {
  Models,
  type BatchEmbedContentsInput,
  type CountTokensInput,
  type EmbedContentInput,
  type EmbedContentResult,
  type EmbedContentSettings,
  type ListModelsParams,
  type WithModel,
} from './models.js';
export {
  generateImages,
  generatedImages,
  type GenerateImagesConfig,
  type GenerateImagesInput,
  type GenerateImagesResult,
  type GeneratedImage,
  type ImageAspectRatio,
} from './images.js';
export {
  modelName,
  type GenerateContentConfig,
  type GenerateContentConfigBag,
  type GenerateContentInput,
} from './request.js';
export type { ConfigOptions, HttpOptions } from './config.js';
export { BlockedError, type GenerateContentResult, type ResponseHelpers } from './response.js';
export { GenerateContentStream, ResponseAccumulator, type StreamOutcome } from './stream.js';
export { OutputParseError, OutputValidationError, type GenerationConfigInput } from './structured.js';

// The standalone functions do not import the ToolRunner (that would bring it into every bundle, see
// tools/wire.ts): they use it once defineFunction or mcpToTool provided it, else send plain wire tools.

/** `models.generateContent` without the `Models` class (for the smallest bundles). */
export function generateContent<T = unknown>(
  transport: Transport,
  input: GenerateContentInput<T>,
  options?: CallOptions,
): Promise<GenerateContentResult<T>> {
  return generate<T>(transport, input, options, standaloneTools);
}

/** `models.generateContentStream` without the `Models` class. */
export function generateContentStream<T = unknown>(
  transport: Transport,
  input: GenerateContentInput<T>,
  options?: CallOptions,
): GenerateContentStream<T> {
  return new GenerateContentStream<T>(async () => {
    const req = await prepareRequest(input as GenerateContentInput, options, standaloneTools);
    return streamSetup(transport, req, req.options);
  });
}
