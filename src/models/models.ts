// `client.models`: model metadata and generation, on top of the generated stubs.
import * as stubs from '../../generated/methods/models.js';
import type { Transport } from '../../generated/transport.js';
import type { BatchEmbedContentsResponse } from '../../generated/types/BatchEmbedContentsResponse.js';
import type { CountTokensResponse } from '../../generated/types/CountTokensResponse.js';
import type { EmbedContentRequest } from '../../generated/types/EmbedContentRequest.js';
import type { EmbedContentResponse } from '../../generated/types/EmbedContentResponse.js';
import type { GenerateContentRequest } from '../../generated/types/GenerateContentRequest.js';
import type { ListModelsResponse } from '../../generated/types/ListModelsResponse.js';
import type { Model } from '../../generated/types/Model.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';
import { toContent, toContents, type ContentInput } from './content.js';
import { withHelpers, type GenerateContentResult } from './response.js';
import { GenerateContentStream } from './stream.js';

/** `gemini-2.5-flash` → `models/gemini-2.5-flash`; names with a collection (`tunedModels/x`) are kept. */
export function modelName(model: string): string {
  return model.includes('/') ? model : `models/${model}`;
}

/** A generateContent request: wire field names, with friendlier `contents` and `systemInstruction`. */
export type GenerateContentInput = Omit<GenerateContentRequest, 'model' | 'contents' | 'systemInstruction'> & {
  /** Model id (`gemini-2.5-flash`) or resource name (`models/…`, `tunedModels/…`). */
  model: string;
  /** A string, parts, a Content or the whole conversation. */
  contents: ContentInput;
  /** System instruction as text, parts or a Content. */
  systemInstruction?: ContentInput;
};

/** A countTokens request: `contents`, or a whole `generateContentRequest` (with tools, system instruction…). */
export interface CountTokensInput {
  /** Model id or resource name. */
  model: string;
  /** What to count. */
  contents?: ContentInput;
  /** Count a full request instead (its `model` is filled in for you). */
  generateContentRequest?: Omit<GenerateContentInput, 'model'>;
}

/** An embedContent request with the content as text, parts or a Content. */
export type EmbedContentInput = Omit<EmbedContentRequest, 'model' | 'content'> & {
  /** Embedding model id or resource name, e.g. `gemini-embedding-001`. */
  model: string;
  /** What to embed. */
  content: ContentInput;
};

/** Model listing options. */
export interface ListModelsParams {
  /** Models per page (server default 50, max 1000). */
  pageSize?: number;
  /** Resume from this page token. */
  pageToken?: string;
}

function toRequest(input: Omit<GenerateContentInput, 'model'>, model?: string): GenerateContentRequest {
  const { contents, systemInstruction, ...rest } = input as GenerateContentInput;
  const body: GenerateContentRequest = { ...rest, contents: toContents(contents) };
  delete (body as { model?: string }).model;
  if (model) body.model = model;
  if (systemInstruction !== undefined) body.systemInstruction = toContent(systemInstruction, 'systemInstruction');
  return body;
}

/** Models: metadata, generation, streaming, token counting and embeddings. */
export class Models {
  readonly #t: Transport;

  /** Usually reached as `client.models`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Gets one model's metadata (`gemini-2.5-flash` or `models/gemini-2.5-flash`). */
  get(model: string | { model: string }, options?: CallOptions): Promise<Model> {
    const name = modelName(typeof model === 'string' ? model : model.model);
    return stubs.get(this.#t, { name }, options);
  }

  /** Lists models: `await` for the first page, `for await` for every model across pages. */
  list(params: ListModelsParams = {}, options?: CallOptions): PagePromise<Model, ListModelsResponse> {
    const { pageToken, ...rest } = params;
    return new PagePromise<Model, ListModelsResponse>(
      (token) => stubs.list(this.#t, token ? { ...rest, pageToken: token } : rest, options),
      'models',
      { pageToken, signal: options?.signal },
    );
  }

  /** Generates a response; `.text`, `.functionCalls`, `.usage`… read the first candidate. */
  async generateContent(input: GenerateContentInput, options?: CallOptions): Promise<GenerateContentResult> {
    const response = await stubs.generateContent(this.#t, { model: modelName(input.model) }, toRequest(input), options);
    return withHelpers(response);
  }

  /** Streams a response chunk by chunk (`for await`); `.finalResponse()` gives the merged response. */
  generateContentStream(input: GenerateContentInput, options?: CallOptions): GenerateContentStream {
    const body = toRequest(input);
    return new GenerateContentStream(stubs.streamGenerateContent(this.#t, { model: modelName(input.model) }, body, options));
  }

  /** Counts the tokens of contents or of a whole request. */
  countTokens(input: CountTokensInput, options?: CallOptions): Promise<CountTokensResponse> {
    const model = modelName(input.model);
    const body = input.generateContentRequest
      ? { generateContentRequest: toRequest(input.generateContentRequest, model) }
      : { contents: toContents(input.contents ?? []) };
    return stubs.countTokens(this.#t, { model }, body, options);
  }

  /** Embeds one content. */
  embedContent(input: EmbedContentInput, options?: CallOptions): Promise<EmbedContentResponse> {
    const { model, content, ...rest } = input;
    return stubs.embedContent(this.#t, { model: modelName(model) }, { ...rest, content: toContent(content, 'content') }, options);
  }

  /** Embeds several contents in one call. */
  batchEmbedContents(
    input: { model: string; requests: Array<Omit<EmbedContentInput, 'model'>> },
    options?: CallOptions,
  ): Promise<BatchEmbedContentsResponse> {
    const model = modelName(input.model);
    const requests = input.requests.map(({ content, ...rest }) => ({ ...rest, model, content: toContent(content, 'content') }));
    return stubs.batchEmbedContents(this.#t, { model }, { requests }, options);
  }
}
