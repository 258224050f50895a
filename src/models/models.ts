// `client.models`: model metadata and generation, on top of the generated stubs.
import * as stubs from '../../generated/methods/models.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import * as tunedStubs from '../../generated/methods/tunedModels.js';
import type { CallPromise, RequestOptions, Transport } from '../../generated/transport.js';
import type { AsyncBatchEmbedContentRequest } from '../../generated/types/AsyncBatchEmbedContentRequest.js';
import { EmbedContentRequestFields } from '../../generated/fields.js';
import type { BatchEmbedContentsResponse } from '../../generated/types/BatchEmbedContentsResponse.js';
import type { BatchEmbedTextRequest } from '../../generated/types/BatchEmbedTextRequest.js';
import type { BatchEmbedTextResponse } from '../../generated/types/BatchEmbedTextResponse.js';
import type { BatchGenerateContentRequest } from '../../generated/types/BatchGenerateContentRequest.js';
import type { CountMessageTokensRequest } from '../../generated/types/CountMessageTokensRequest.js';
import type { CountMessageTokensResponse } from '../../generated/types/CountMessageTokensResponse.js';
import type { CountTextTokensRequest } from '../../generated/types/CountTextTokensRequest.js';
import type { CountTextTokensResponse } from '../../generated/types/CountTextTokensResponse.js';
import type { ContentEmbedding } from '../../generated/types/ContentEmbedding.js';
import type { CountTokensResponse } from '../../generated/types/CountTokensResponse.js';
import type { EmbedContentRequest } from '../../generated/types/EmbedContentRequest.js';
import type { EmbedContentResponse } from '../../generated/types/EmbedContentResponse.js';
import type { EmbedTextRequest } from '../../generated/types/EmbedTextRequest.js';
import type { EmbedTextResponse } from '../../generated/types/EmbedTextResponse.js';
import type { GenerateAnswerRequest } from '../../generated/types/GenerateAnswerRequest.js';
import type { GenerateAnswerResponse } from '../../generated/types/GenerateAnswerResponse.js';
import type { GenerateMessageRequest } from '../../generated/types/GenerateMessageRequest.js';
import type { GenerateMessageResponse } from '../../generated/types/GenerateMessageResponse.js';
import type { GenerateTextRequest } from '../../generated/types/GenerateTextRequest.js';
import type { GenerateTextResponse } from '../../generated/types/GenerateTextResponse.js';
import type { ListModelsResponse } from '../../generated/types/ListModelsResponse.js';
import type { ListTunedModelsResponse } from '../../generated/types/ListTunedModelsResponse.js';
import type { TunedModel } from '../../generated/types/TunedModel.js';
import type { Model } from '../../generated/types/Model.js';
import type { Operation } from '../../generated/types/Operation.js';
import type { PredictLongRunningRequest } from '../../generated/types/PredictLongRunningRequest.js';
import type { PredictRequest } from '../../generated/types/PredictRequest.js';
import type { PredictResponse } from '../../generated/types/PredictResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import { PagePromise } from '../core/pager.js';
import type { CallOptions } from '../core/transport.js';
import { applyConfig, GENERATE_SHAPE, type ConfigOptions, type ConfigShape } from './config.js';
import { isContent, toContent, toContents, type ContentInput } from './content.js';
import { generate, streamSetup } from './generate.js';
import { generateImages, type GenerateImagesInput, type GenerateImagesResult } from './images.js';
import {
  modelName,
  prepareRequest,
  type GenerateContentConfig,
  type GenerateContentConfigBag,
  type GenerateContentInput,
} from './request.js';
import type { GenerateContentResult } from './response.js';
import { GenerateContentStream } from './stream.js';
import { ToolRunner, type Tools } from '../tools/runner.js';
import { generateVideos, type GenerateVideosInput, type VideoOperation } from '../videos/videos.js';

/** A countTokens request: `contents` (optionally with the request settings that also count), or a whole `generateContentRequest`. */
export type CountTokensInput = GenerateContentConfig & {
  /** Model id or resource name. */
  model: string;
  /** What to count. */
  contents?: ContentInput;
  /** Count a full request instead (its `model` is filled in for you). */
  generateContentRequest?: Omit<GenerateContentInput, 'model'>;
  /** The settings the @google/genai way (`systemInstruction`, `tools`, `generationConfig`, `httpOptions`…). */
  config?: GenerateContentConfigBag;
};

/** Settings of an embedding, as fields or as @google/genai's `config`. */
export type EmbedContentSettings = Omit<EmbedContentRequest, 'model' | 'content'>;

/**
 * An embedContent request: `content` (one embedding, as the REST method), or `contents` as in
 * @google/genai (one embedding per item of a list; the answer then has `embeddings`).
 */
export type EmbedContentInput = EmbedContentSettings & {
  /** Embedding model id or resource name, e.g. `gemini-embedding-001`. */
  model: string;
  /** What to embed. */
  content?: ContentInput;
  /** What to embed, @google/genai style: a string or Content is one embedding, a list one per item. */
  contents?: ContentInput;
  /** `taskType`, `title`, `outputDimensionality`, `httpOptions`, `abortSignal`, as in @google/genai. */
  config?: EmbedContentSettings & ConfigOptions;
};

/** An embedContent answer: `embedding`, and `embeddings` (one per content) when `contents` was given. */
export type EmbedContentResult = EmbedContentResponse & {
  /** One embedding per content, in order (for `contents`). */
  embeddings?: ContentEmbedding[];
};

const EMBED_SHAPE: ConfigShape = {
  top: EmbedContentRequestFields.filter((f) => f !== 'model' && f !== 'content'),
};

/** A batchEmbedContents request: `requests` (each with its own settings) or `contents` sharing one set of settings. */
export type BatchEmbedContentsInput = Omit<EmbedContentRequest, 'model' | 'content'> & {
  /** Embedding model id or resource name. */
  model: string;
  /** One embedding per request. */
  requests?: Array<EmbedContentSettings & { /** What to embed. */ content: ContentInput }>;
  /** One embedding per content (shorthand for `requests` with the settings above). */
  contents?: ContentInput[];
  /** The shared settings the @google/genai way. */
  config?: EmbedContentSettings & ConfigOptions;
};

/** Model listing options. */
export interface ListModelsParams {
  /** Models per page (server default 50, max 1000). */
  pageSize?: number;
  /** Resume from this page token. */
  pageToken?: string;
  /** `false` lists your tuned models instead of the base models (as in @google/genai). */
  queryBase?: boolean;
  /** Tuned models only: the tunedModels filter (text, `owner:me`…). */
  filter?: string;
  /** The same fields the @google/genai way. */
  config?: Omit<ListModelsParams, 'config'>;
}

/** A tuned model's name, `tunedModels/{id}`. */
export type TunedModelName = `tunedModels/${string}`;

/** The fields of a tuned model that can change. */
export type TunedModelUpdate = Pick<
  TunedModel,
  'displayName' | 'description' | 'temperature' | 'topP' | 'topK' | 'readerProjectNumbers'
>;

/** `models.update`: a tuned model and the fields to change (at the top level or in `config`). */
export type UpdateModelInput = TunedModelUpdate & {
  /** `tunedModels/{id}` (base models cannot be changed). */
  model: string;
  /** The fields to change, the @google/genai way. */
  config?: TunedModelUpdate & ConfigOptions;
};

const UPDATE_SHAPE: ConfigShape = {
  top: ['displayName', 'description', 'temperature', 'topP', 'topK', 'readerProjectNumbers'],
};
const LIST_SHAPE: ConfigShape = { top: ['pageSize', 'pageToken', 'queryBase', 'filter'] };

const isTuned = (name: string): boolean => name.startsWith('tunedModels/');

function tunedOnly(model: unknown, method: string): string {
  const name = modelName(
    typeof model === 'object' && model !== null ? (model as { model: string }).model : String(model),
  );
  if (!isTuned(name))
    throw new InvalidArgumentError(
      `models.${method}: only tuned models (tunedModels/…) can be ${method}d; got ${name}`,
    );
  return name;
}

/** A request body plus the model it is sent to. */
export type WithModel<B> = B & { /** Model id or resource name. */ model: string };

type ModelStub<B, R> = (
  t: Transport,
  params: { model: string },
  body: B,
  options?: RequestOptions,
) => CallPromise<R>;

// Requests of the Models class prepare their tools with the ToolRunner (automatic function calling).
const runTools = (tools: Tools): ToolRunner => new ToolRunner(tools);

/** Models: metadata, generation, streaming, token counting, embeddings and the other model methods. */
export class Models {
  readonly #t: Transport;

  /** Usually reached as `client.models`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  #call<B, R>(
    stub: ModelStub<B, R>,
    input: WithModel<B>,
    options: CallOptions | undefined,
    bodyModel = false,
  ): CallPromise<R> {
    const { model, ...rest } = input;
    const name = modelName(model);
    const body = (bodyModel ? { ...rest, model: name } : rest) as B;
    return stub(this.#t, { model: name }, body, options);
  }

  /** Gets one model's metadata (`gemini-2.5-flash`, `models/…`, or a tuned model `tunedModels/…`). */
  get(model: TunedModelName | { model: TunedModelName }, options?: CallOptions): ApiPromise<TunedModel>;
  get(model: string | { model: string }, options?: CallOptions): ApiPromise<Model>;
  get(model: string | { model: string }, options?: CallOptions): ApiPromise<Model | TunedModel> {
    return respond(this.#t, async (t) => {
      const name = modelName(typeof model === 'string' ? model : model.model);
      return isTuned(name) ? tunedStubs.get(t, { name }, options) : stubs.get(t, { name }, options);
    });
  }

  /**
   * Lists models: `await` for the first page, `for await` for every model across pages. With
   * `queryBase: false`, your tuned models.
   */
  list(
    params: (ListModelsParams & { queryBase: false }) | (ListModelsParams & { config: { queryBase: false } }),
    options?: CallOptions,
  ): PagePromise<TunedModel, ListTunedModelsResponse>;
  list(params?: ListModelsParams, options?: CallOptions): PagePromise<Model, ListModelsResponse>;
  list(
    params: ListModelsParams = {},
    callOptions?: CallOptions,
  ): PagePromise<Model | TunedModel, ListModelsResponse | ListTunedModelsResponse> {
    const [flat, options] = applyConfig(params, LIST_SHAPE, callOptions);
    const { queryBase, filter, ...rest } = flat;
    if (queryBase === false) {
      const p = filter === undefined ? rest : { ...rest, filter };
      return PagePromise.over<TunedModel, ListTunedModelsResponse, typeof p>(
        (q) => tunedStubs.list(this.#t, q as tunedStubs.ListParams, options),
        p,
        'tunedModels',
        options?.signal,
      ) as PagePromise<Model | TunedModel, ListModelsResponse | ListTunedModelsResponse>;
    }
    if (filter !== undefined) throw new InvalidArgumentError('models.list: filter needs queryBase: false');
    return PagePromise.over<Model, ListModelsResponse, typeof rest>(
      (p) => stubs.list(this.#t, p as stubs.ListParams, options),
      rest,
      'models',
      options?.signal,
    ) as PagePromise<Model | TunedModel, ListModelsResponse | ListTunedModelsResponse>;
  }

  /** Changes a tuned model (display name, description, sampling defaults); sends the matching update mask. */
  update(input: UpdateModelInput, callOptions?: CallOptions): ApiPromise<TunedModel> {
    return respond(this.#t, async (t) => {
      const [flat, options] = applyConfig(input, UPDATE_SHAPE, callOptions);
      const { model, ...fields } = flat;
      const name = tunedOnly(model, 'update');
      const mask = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
      if (!mask.length) throw new InvalidArgumentError('models.update: nothing to change');
      return tunedStubs.patch(t, { name, updateMask: mask.join(',') }, fields, options);
    });
  }

  /** Deletes a tuned model (base models cannot be deleted). */
  delete(model: string | { model: string }, options?: CallOptions): ApiPromise<void> {
    return respond(this.#t, async (t) => {
      await tunedStubs.delete(t, { name: tunedOnly(model, 'delete') }, options);
    });
  }

  /**
   * Generates a response; `.text`, `.functionCalls`, `.parsed`, `.usage`… read the first candidate.
   * Functions from `defineFunction` with `run` are called automatically until the model answers.
   */
  generateContent<T = unknown>(
    input: GenerateContentInput<T>,
    options?: CallOptions,
  ): ApiPromise<GenerateContentResult<T>> {
    return respond(this.#t, (t) => generate<T>(t, input, options, runTools));
  }

  /** Streams a response chunk by chunk (`for await`); `.finalResponse()` gives the merged response. */
  generateContentStream<T = unknown>(
    input: GenerateContentInput<T>,
    options?: CallOptions,
  ): GenerateContentStream<T> {
    return new GenerateContentStream<T>(async () => {
      const req = await prepareRequest(input as GenerateContentInput, options, runTools);
      return streamSetup(this.#t, req, req.options);
    });
  }

  /** Counts the tokens of contents, or of a whole request (system instruction, tools…). */
  countTokens(input: CountTokensInput, callOptions?: CallOptions): ApiPromise<CountTokensResponse> {
    return respond(this.#t, async (t) => {
      const [flat, options] = applyConfig(input, GENERATE_SHAPE, callOptions);
      const { model, contents, generateContentRequest, ...config } = flat;
      let name = modelName(model);
      // The API has no countTokens for tuned models; they count as the model they were tuned from.
      if (isTuned(name)) name = modelName((await tunedStubs.get(t, { name }, options)).baseModel ?? name);
      // A whole request (given, or made of the config fields) is counted as generateContent would send it.
      const request =
        generateContentRequest ||
        (Object.keys(config).length > 0 ? { ...config, contents: contents ?? [] } : undefined);
      if (request) {
        const { body } = await prepareRequest({ ...request, model: name }, undefined, runTools);
        return stubs.countTokens(
          t,
          { model: name },
          { generateContentRequest: { ...body, model: name } },
          options,
        );
      }
      if (contents === undefined)
        throw new InvalidArgumentError('countTokens: pass contents or generateContentRequest');
      return stubs.countTokens(t, { model: name }, { contents: await toContents(contents) }, options);
    });
  }

  /**
   * Embeds one `content`; or, given `contents` (@google/genai's shape), each of them, answering with
   * `embeddings` (and `embedding`, the first).
   */
  embedContent(input: EmbedContentInput, callOptions?: CallOptions): ApiPromise<EmbedContentResult> {
    return respond(this.#t, async (t, track) => {
      const [flat, options] = applyConfig(input, EMBED_SHAPE, callOptions);
      const { model, content, contents, ...rest } = flat;
      if ((content === undefined) === (contents === undefined))
        throw new InvalidArgumentError('embedContent: pass content (or contents as in @google/genai)');
      if (contents !== undefined) {
        const list = Array.isArray(contents) && !isContent(contents) ? contents : [contents];
        const { embeddings = [] } = await track(
          this.batchEmbedContents({ ...rest, model, contents: list as ContentInput[] }, options),
        );
        return embeddings[0] ? { embedding: embeddings[0], embeddings } : { embeddings };
      }
      const body = { ...rest, content: await toContent(content!, 'content') };
      return stubs.embedContent(t, { model: modelName(model) }, body, options);
    });
  }

  /** Embeds several contents in one call. */
  batchEmbedContents(
    input: BatchEmbedContentsInput,
    callOptions?: CallOptions,
  ): ApiPromise<BatchEmbedContentsResponse> {
    return respond(this.#t, async (t) => {
      const [flat, options] = applyConfig(input, EMBED_SHAPE, callOptions);
      const { model, requests, contents, ...shared } = flat;
      const name = modelName(model);
      const list = requests ?? (contents ?? []).map((content) => ({ ...shared, content }));
      // The service refuses more than 100 per call (400); say so before sending anything.
      if (list.length > 100)
        throw new InvalidArgumentError(
          `batchEmbedContents: at most 100 requests per call, got ${list.length}; split them into several calls`,
        );
      const wire = await Promise.all(
        list.map(async ({ content, ...rest }, i) => ({
          ...rest,
          model: name,
          content: await toContent(content, `requests[${i}].content`),
        })),
      );
      return stubs.batchEmbedContents(t, { model: name }, { requests: wire }, options);
    });
  }

  /** Enqueues a batch of embedContent requests (returns a long-running Operation). */
  asyncBatchEmbedContent(
    input: WithModel<AsyncBatchEmbedContentRequest>,
    options?: CallOptions,
  ): ApiPromise<Operation> {
    return respond(this.#t, (t) => this.#call(stubs.asyncBatchEmbedContent, input, options));
  }

  /** Enqueues a batch of generateContent requests (returns a long-running Operation). */
  batchGenerateContent(
    input: WithModel<BatchGenerateContentRequest>,
    options?: CallOptions,
  ): ApiPromise<Operation> {
    return respond(this.#t, (t) => this.#call(stubs.batchGenerateContent, input, options));
  }

  /** Runs a prediction (Imagen and other `predict` models). */
  predict(input: WithModel<PredictRequest>, options?: CallOptions): ApiPromise<PredictResponse> {
    return respond(this.#t, (t) => this.#call(stubs.predict, input, options));
  }

  /** Starts a long-running prediction (Veo video generation…); returns the Operation to poll. */
  predictLongRunning(
    input: WithModel<PredictLongRunningRequest>,
    options?: CallOptions,
  ): ApiPromise<Operation> {
    return respond(this.#t, (t) => this.#call(stubs.predictLongRunning, input, options));
  }

  /** Generates videos with Veo (`predictLongRunning`); resolves with the `Operation` to `wait()` on (see `client.videos`). */
  generateVideos(input: GenerateVideosInput, options?: CallOptions): ApiPromise<VideoOperation> {
    return respond(this.#t, (t) => generateVideos(t, input, options));
  }

  /**
   * Generates images with Imagen (`predict`): `{ images: [{ bytes, mimeType }], raw }`. The prompt and
   * config are checked before sending; filtered images come back as `{ raiFilteredReason }`.
   */
  generateImages(input: GenerateImagesInput, options?: CallOptions): ApiPromise<GenerateImagesResult> {
    return respond(this.#t, (t) => generateImages(t, input, options));
  }

  /** Generates a grounded answer (AQA model). */
  generateAnswer(
    input: WithModel<GenerateAnswerRequest>,
    options?: CallOptions,
  ): ApiPromise<GenerateAnswerResponse> {
    return respond(this.#t, (t) => this.#call(stubs.generateAnswer, input, options));
  }

  /** Legacy PaLM text generation. */
  generateText(
    input: WithModel<GenerateTextRequest>,
    options?: CallOptions,
  ): ApiPromise<GenerateTextResponse> {
    return respond(this.#t, (t) => this.#call(stubs.generateText, input, options));
  }

  /** Legacy PaLM chat message generation. */
  generateMessage(
    input: WithModel<GenerateMessageRequest>,
    options?: CallOptions,
  ): ApiPromise<GenerateMessageResponse> {
    return respond(this.#t, (t) => this.#call(stubs.generateMessage, input, options));
  }

  /** Legacy PaLM text embedding. */
  embedText(input: WithModel<EmbedTextRequest>, options?: CallOptions): ApiPromise<EmbedTextResponse> {
    return respond(this.#t, (t) => this.#call(stubs.embedText, input, options, true));
  }

  /** Legacy PaLM batch text embedding. */
  batchEmbedText(
    input: WithModel<BatchEmbedTextRequest>,
    options?: CallOptions,
  ): ApiPromise<BatchEmbedTextResponse> {
    return respond(this.#t, (t) => this.#call(stubs.batchEmbedText, input, options));
  }

  /** Legacy PaLM token count of a text prompt. */
  countTextTokens(
    input: WithModel<CountTextTokensRequest>,
    options?: CallOptions,
  ): ApiPromise<CountTextTokensResponse> {
    return respond(this.#t, (t) => this.#call(stubs.countTextTokens, input, options));
  }

  /** Legacy PaLM token count of a message prompt. */
  countMessageTokens(
    input: WithModel<CountMessageTokensRequest>,
    options?: CallOptions,
  ): ApiPromise<CountMessageTokensResponse> {
    return respond(this.#t, (t) => this.#call(stubs.countMessageTokens, input, options));
  }
}

export { modelName };
