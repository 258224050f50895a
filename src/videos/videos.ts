// Video generation (Veo) over `models.predictLongRunning`: start, wait on the operation, download.
import * as modelStubs from '../../generated/methods/models.js';
import { respond } from '../core/client-transport.js';
import type { ApiPromise } from '../core/api-promise.js';
import type { PredictLongRunningResponse } from '../../generated/types/PredictLongRunningResponse.js';
import type { Video } from '../../generated/types/Video.js';
import type { Transport } from '../../generated/transport.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { ClientTransport } from '../core/client-transport.js';
import type { CallOptions } from '../core/transport.js';
import type { DownloadDestination } from '../files/download.js';
import type { Files } from '../files/files.js';
import { toBase64 } from '../core/base64.js';
import { modelName } from '../models/request.js';
import { Operation, type OperationResource } from '../operations/operation.js';
import { operationGetter, resumeOperation } from '../operations/resolve.js';

/** A video generation in progress; `await op.wait()` gives the `PredictLongRunningResponse`. */
export type VideoOperation = Operation<PredictLongRunningResponse, Record<string, unknown>>;

/** A still image to animate: raw bytes (encoded for you) or base64, with its MIME type. */
export interface VideoImage {
  /** The image bytes. */
  bytes?: Uint8Array | ArrayBuffer | undefined;
  /** The image as base64 (instead of `bytes`). */
  bytesBase64Encoded?: string | undefined;
  /** E.g. `image/png`. */
  mimeType: string;
}

/** Generation parameters, by their wire names (others pass through unchanged). */
export interface VideoParameters {
  /** `16:9` or `9:16`. */
  aspectRatio?: string | undefined;
  /** Length of each video in seconds (model-dependent, e.g. 4, 6 or 8). */
  durationSeconds?: number | undefined;
  /** What to keep out of the video. */
  negativePrompt?: string | undefined;
  /** Whether people may appear (`allow_all`, `allow_adult`, `dont_allow`). */
  personGeneration?: string | undefined;
  /** How many videos to generate (1–4). */
  sampleCount?: number | undefined;
  /** `720p` or `1080p`. */
  resolution?: string | undefined;
  /** Any other parameter the model accepts. */
  [name: string]: unknown;
}

/** A video generation request. */
export interface GenerateVideosInput {
  /** A Veo model, e.g. `veo-3.1-generate-preview`. */
  model: string;
  /** What the video shows. */
  prompt?: string | undefined;
  /** A first frame to animate. */
  image?: VideoImage | undefined;
  /** Extra instance fields sent as they are (e.g. `lastFrame`, `referenceImages`, `video`). */
  instance?: Record<string, unknown> | undefined;
  /** Generation parameters. */
  parameters?: VideoParameters | undefined;
}

/** The generated videos of a finished generation (empty when none, e.g. all filtered). */
export function generatedVideos(response: PredictLongRunningResponse | undefined): Video[] {
  return (response?.generateVideoResponse?.generatedSamples ?? []).flatMap((s) => (s.video ? [s.video] : []));
}

function wireImage(image: VideoImage): Record<string, unknown> {
  if (typeof image !== 'object' || image === null || typeof image.mimeType !== 'string') {
    throw new InvalidArgumentError('image: expected { bytes | bytesBase64Encoded, mimeType }');
  }
  const data = image.bytes !== undefined ? toBase64(image.bytes) : image.bytesBase64Encoded;
  if (!data) throw new InvalidArgumentError('image: give bytes or bytesBase64Encoded');
  return { bytesBase64Encoded: data, mimeType: image.mimeType };
}

/**
 * Starts a Veo generation (`models.predictLongRunning`) and resolves with its operation at once
 * (`client.videos.generate` and `client.models.generateVideos` call this).
 */
export async function generateVideos(
  t: Transport,
  input: GenerateVideosInput,
  options?: CallOptions,
): Promise<VideoOperation> {
  if (typeof input !== 'object' || input === null)
    throw new InvalidArgumentError('generateVideos: expected an object');
  const model = modelName(input.model);
  if (!model.startsWith('models/'))
    throw new InvalidArgumentError(`generateVideos: ${model} is not a model (models/…)`);
  const instance: Record<string, unknown> = { ...input.instance };
  if (input.prompt !== undefined) {
    if (typeof input.prompt !== 'string') throw new InvalidArgumentError('prompt: expected a string');
    instance['prompt'] = input.prompt;
  }
  if (input.image !== undefined) instance['image'] = wireImage(input.image);
  if (Object.keys(instance).length === 0)
    throw new InvalidArgumentError('generateVideos: give a prompt, an image or an instance');
  const sampleCount = input.parameters?.sampleCount;
  if (sampleCount !== undefined && (!Number.isInteger(sampleCount) || sampleCount < 1)) {
    throw new InvalidArgumentError(`parameters.sampleCount: expected a positive integer, got ${sampleCount}`);
  }
  const body = input.parameters
    ? { instances: [instance], parameters: input.parameters }
    : { instances: [instance] };
  const op = await modelStubs.predictLongRunning(t, { model }, body, options);
  return new Operation(
    op as OperationResource<PredictLongRunningResponse>,
    operationGetter<PredictLongRunningResponse, Record<string, unknown>>(t),
  );
}

/** Video generation: start a Veo generation, follow it as an `Operation`, download the results. */
export class Videos {
  readonly #t: ClientTransport;
  readonly #files: Files;

  /** Usually reached as `client.videos` (or `client.models.generateVideos`). */
  constructor(transport: ClientTransport, files: Files) {
    this.#t = transport;
    this.#files = files;
  }

  /**
   * Starts a generation (`predictLongRunning`) and resolves with its operation at once; `await op.wait()`
   * polls until the videos exist and gives the typed response (or throws `OperationError`).
   */
  generate(input: GenerateVideosInput, options?: CallOptions): ApiPromise<VideoOperation> {
    return respond(this.#t, (t) => generateVideos(t, input, options));
  }

  /** The operation of a generation started earlier, from its name (`models/…/operations/…`). */
  resume(name: string): VideoOperation {
    if (!/^models\/[^/]+\/operations\/[^/]+$/.test(name))
      throw new InvalidArgumentError(`not a video operation name: ${JSON.stringify(name)}`);
    return resumeOperation<PredictLongRunningResponse, Record<string, unknown>>(this.#t, name);
  }

  /** Streams a generated video's bytes (follows the service's redirect; nothing buffered). */
  download(
    video: Video | string,
    options: { signal?: AbortSignal } = {},
  ): ApiPromise<ReadableStream<Uint8Array>> {
    return respond(this.#t, (t) => this.#files.download({ uri: uriOf(video) }, options));
  }

  /** Writes a generated video to a path (Node), a `WritableStream` or a Node writable; resolves with the byte count. */
  downloadTo(
    video: Video | string,
    destination: DownloadDestination,
    options: { signal?: AbortSignal } = {},
  ): ApiPromise<number> {
    return respond(this.#t, (t) => this.#files.downloadTo({ uri: uriOf(video) }, destination, options));
  }
}

function uriOf(video: Video | string): string {
  const uri = typeof video === 'string' ? video : video?.uri;
  if (typeof uri !== 'string' || !uri)
    throw new InvalidArgumentError('video: expected a generated video with a uri');
  return uri;
}
