// Public entry of gemini-ts.
export { Gemini, type GeminiOptions } from './client.js';
export * from './core/index.js';
export { Models, modelName, type GenerateContentInput, type CountTokensInput, type EmbedContentInput, type ListModelsParams } from './models/models.js';
export { BlockedError, type GenerateContentResult, type ResponseHelpers } from './models/response.js';
export { GenerateContentStream, ResponseAccumulator } from './models/stream.js';
export { fileData, inlineData, toContents, type Bytes, type ContentInput, type PartInput } from './models/content.js';
export type * from '../generated/types/index.js';
import { Gemini } from "./client.js";
export default Gemini;
