/**
 * `models.predictLongRunning` (Veo video generation) as a long-running operation in the shared store:
 * the create call answers `{ name }` only, polls answer `{ name }` until done, then
 * `{ name, done, response: { @type, generateVideoResponse: { generatedSamples: [{ video: { uri } }] } } }`
 * as recorded. Each sample is a generated file (a tiny MP4) downloadable through `files/{id}:download`.
 */
import { createHash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { json, type ApiCall, type HandlerResult } from '../../registry.js';
import { lowerId } from '../files/store.js';
import { requireModel } from '../models/lookup.js';
import { operationsStore, type OperationOutcome, type OperationStatus } from '../operations-store.js';
import { asObj } from '../../json.js';

type Obj = Readonly<Record<string, unknown>>;

/** Settings of video generation. */
export interface VideoSettings {
  /** Emulated time a generation takes (default 1000 ms; tests that need long waits move the clock). */
  durationMs: number;
}

/** `control.videos`: timing and failures of predictLongRunning. */
export interface VideosControl {
  /** Changes settings; returns the settings in force. */
  configure(settings: Partial<VideoSettings>): VideoSettings;
  /** The next `count` predictLongRunning operations end with this error instead of videos. */
  failNext(error: OperationStatus, count?: number): void;
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Video generation (predictLongRunning). */
    readonly videos: VideosControl;
  }
}

/** A small but well-formed MP4 header (ftyp box) followed by bytes derived from the prompt. */
export function fakeMp4(seed: string): Buffer {
  const ftyp = Buffer.from([
    0,
    0,
    0,
    0x18,
    ...Buffer.from('ftypmp42'),
    0,
    0,
    0,
    0,
    ...Buffer.from('mp42isom'),
  ]);
  const body = Buffer.alloc(2048);
  const digest = createHash('sha256').update(seed).digest();
  for (let i = 0; i < body.length; i++) body[i] = digest[i % digest.length] ?? 0;
  const mdat = Buffer.concat([Buffer.from([0, 0, 0x08, 0x08]), Buffer.from('mdat'), body]);
  return Buffer.concat([ftyp, mdat]);
}

const RESPONSE_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse';

/** Installs predictLongRunning and `control.videos`. */
export function installVideos(core: EmulatorCore): void {
  const ops = operationsStore(core);
  const defaults: VideoSettings = { durationMs: 1000 };
  const settings: VideoSettings = { ...defaults };
  const failures: OperationStatus[] = [];

  core.registry.register('models.predictLongRunning', (call: ApiCall): HandlerResult => {
    const model = call.params['model'] ?? '';
    requireModel(core, model, call.version, 'predictLongRunning');
    const body = asObj(call.body);
    const instances = Array.isArray(body['instances']) ? body['instances'] : [];
    if (instances.length === 0)
      throw invalidArgument('* PredictLongRunningRequest.instances: instances is not specified\n');
    const instance = asObj(instances[0]);
    if (typeof instance['prompt'] !== 'string' && instance['image'] === undefined) {
      throw invalidArgument('A prompt or an image is required.');
    }
    const params = asObj(body['parameters']);
    const sampleCount = typeof params['sampleCount'] === 'number' ? params['sampleCount'] : 1;
    if (!Number.isInteger(sampleCount) || sampleCount < 1 || sampleCount > 4) {
      throw invalidArgument(`sampleCount must be between 1 and 4, got ${String(params['sampleCount'])}.`);
    }
    const host = call.headers['host'] ?? '127.0.0.1';
    const name = `${model}/operations/${lowerId(core)}`;
    const failure = failures.shift();
    const outcome = (): OperationOutcome => {
      if (failure) return { error: failure };
      const samples = Array.from({ length: sampleCount }, (_, i) => {
        const file = core.control.files.create({
          bytes: fakeMp4(`${name}:${i}:${String(instance['prompt'] ?? '')}`),
          mimeType: 'video/mp4',
          source: 'GENERATED',
        });
        const id = String(file['name']).slice('files/'.length);
        return { video: { uri: `http://${host}/${call.version}/files/${id}:download?alt=media` } };
      });
      return { response: { '@type': RESPONSE_TYPE, generateVideoResponse: { generatedSamples: samples } } };
    };
    ops.create({ name, doneAt: core.clock.now() + settings.durationMs, outcome });
    return json({ name });
  });

  const control: VideosControl = {
    configure(next) {
      if (next.durationMs !== undefined) {
        if (!Number.isFinite(next.durationMs) || next.durationMs < 0)
          throw new RangeError(`durationMs must be >= 0, got ${next.durationMs}`);
        settings.durationMs = next.durationMs;
      }
      return { ...settings };
    },
    failNext(error, count = 1) {
      for (let i = 0; i < count; i++) failures.push(error);
    },
  };
  core.extendControl('videos', control);
  core.onReset(() => {
    Object.assign(settings, defaults);
    failures.length = 0;
  });
  const obj = (b: unknown): Record<string, unknown> =>
    typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : {};
  core.controlRoutes.add('POST', 'videos/configure', (b) =>
    control.configure(obj(b) as Partial<VideoSettings>),
  );
  core.controlRoutes.add('POST', 'videos/fail', (b) => {
    const e = obj(b)['error'];
    if (typeof e !== 'object' || e === null)
      throw new RpcError(400, 'expected { error: { code, message }, count? }');
    control.failNext(
      e as OperationStatus,
      typeof obj(b)['count'] === 'number' ? (obj(b)['count'] as number) : 1,
    );
  });
}
