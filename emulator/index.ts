/**
 * A local Gemini API emulator: a real HTTP server answering the REST API in the service's shapes,
 * deterministic by default and scriptable through `control`. Never imported by the client (src/).
 *
 * ```ts
 * const emu = await startEmulator();
 * emu.control.script('gemini-2.5-flash', { text: 'Hi!' });
 * await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:generateContent`, { … });
 * await emu.close();
 * ```
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ClockOptions, EmulatorClock } from './clock.js';
import type { ModelSelection } from './features/models/store.js';
import type { EmulatorControl } from './control/control.js';
import type { BatchesControl } from './features/batches/control.js';
import type { CachesControl } from './features/caches/index.js';
import type { FileSearchControl } from './features/file-search/index.js';
import type { FilesControl } from './features/files/control.js';
import type { InteractionsControl } from './features/interactions/index.js';
import type { LiveControl } from './features/live/control.js';
import type { MusicControl } from './features/music/control.js';
import type { VideosControl } from './features/operations/videos.js';
import type { OperationsControl } from './features/operations-store.js';
import type { CorporaControl } from './features/corpora/index.js';
import type { TunedModelsControl } from './features/tuned-models/control.js';
import { installBaseControlRoutes } from './control/http-control.js';
import type { RequestLogOptions } from './control/request-log.js';
import type { AllowedHosts } from './http/host-check.js';
import { answerClientError } from './http/client-error.js';
import { EmulatorCore, type EmulatorFeature } from './core.js';
import { FEATURES } from './features/index.js';
import { handleRequest } from './pipeline.js';

export type { EmulatorClock, ClockOptions } from './clock.js';
export type { EmulatorControl } from './control/control.js';
export type {
  BatchesControl,
  CachesControl,
  FileSearchControl,
  FilesControl,
  InteractionsControl,
  LiveControl,
  MusicControl,
  OperationsControl,
  VideosControl,
  CorporaControl,
  TunedModelsControl,
};
export type { FailureFault, FaultControl, FaultTarget } from './control/faults.js';
export type { ReplyControl, ScriptedReply, ScriptedError, ScriptedFunctionCall } from './control/replies.js';
export type { LoggedRequest, RequestLogOptions, RequestLogUsage } from './control/request-log.js';
export type { AllowedHosts } from './http/host-check.js';
export type { ModelsControl, ModelInput, ModelSelection } from './features/models/store.js';
export type { ModelInfo, Retirement } from './features/models/catalog.js';
export type { EmulatorCore, EmulatorFeature } from './core.js';
export type { ApiCall, Handler, HandlerResult } from './registry.js';
export type { UpgradeHandler } from './upgrade.js';
export { RpcError } from './errors.js';
export { json } from './registry.js';
export { createClock } from './clock.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port (default 0: a free port). */
  readonly port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  readonly host?: string;
  /**
   * Accepted API keys: any other key gets the service's 400 `API_KEY_INVALID`. Without a list any
   * non-empty key is accepted.
   */
  readonly apiKeys?: readonly string[];
  /**
   * Which models to serve: `'current'` (default) the models the service serves today, `'all'` every
   * model it ever offered (retired ones too). `control.models.add()` adds custom names either way.
   */
  readonly models?: ModelSelection;
  /** Clock start time and mode, or a clock to share (default: real time, movable with `control.clock.advance`). */
  readonly clock?: ClockOptions | EmulatorClock;
  /** Latency added to every API request, in ms (default 0). */
  readonly latencyMs?: number;
  /** Extra feature areas to install after the built-in ones (e.g. in a test). */
  readonly features?: readonly EmulatorFeature[];
  /**
   * Host names served besides `localhost`, IP literals and the bound host (DNS-rebinding defence):
   * e.g. `['emulator']` in docker compose; a leading dot allows subdomains; `'all'` turns the check off.
   */
  readonly allowedHosts?: AllowedHosts;
  /**
   * A secret the control API (`/__emulator/…`) then requires in the `x-emulator-control-token` header,
   * for shared machines where other local users must not steer the emulator.
   */
  readonly controlToken?: string;
  /** Caps of the request log (defaults: 32 MiB in all, 1 MiB of body per entry, 10,000 entries). */
  readonly requestLog?: RequestLogOptions;
}

/**
 * The control object with every area spelled out. Areas also augment `EmulatorControl` in their own
 * files (which is what the source sees), but bundled declaration files drop module augmentations, so
 * the published type lists them here too.
 */
export type FullEmulatorControl = EmulatorControl & {
  readonly batches: BatchesControl;
  readonly caches: CachesControl;
  readonly fileSearch: FileSearchControl;
  readonly files: FilesControl;
  readonly interactions: InteractionsControl;
  readonly live: LiveControl;
  readonly music: MusicControl;
  readonly operations: OperationsControl;
  readonly videos: VideosControl;
  readonly tunedModels: TunedModelsControl;
  readonly corpora: CorporaControl;
};

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:53121` (append `/v1beta/...`). */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Scripts, faults, request log, models and clock, plus every feature area's controls. */
  readonly control: FullEmulatorControl;
  /** Stops listening and destroys every connection (keep-alive and streaming too); idempotent. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Starts an emulator on `host:port` and resolves once it accepts connections. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const core = new EmulatorCore({
    ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.controlToken !== undefined ? { controlToken: options.controlToken } : {}),
    ...(options.requestLog !== undefined ? { requestLog: options.requestLog } : {}),
    ...(options.models ? { models: options.models } : {}),
  });
  installBaseControlRoutes(core);
  for (const feature of [...FEATURES, ...(options.features ?? [])]) feature.install(core);

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handleRequest(core, req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head: Buffer) => core.upgrades.handle(req, socket, head));
  // A request Node cannot parse (bad request line, huge headers, reset) gets a 4xx, never a crash.
  server.on('clientError', answerClientError);

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  core.hosts.bind(host, port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    control: core.control,
    close() {
      closing ??= new Promise<void>((resolve) => {
        core.closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
