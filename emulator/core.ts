/**
 * One emulator instance's state and plumbing, shared by the server and every feature area. Nothing
 * here is global: two emulators in one process never see each other.
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createClock, type ClockOptions, type EmulatorClock } from './clock.js';
import type { EmulatorControl } from './control/control.js';
import { ControlRoutes } from './control/control-routes.js';
import { FaultPlan } from './control/faults.js';
import { ReplyQueue } from './control/replies.js';
import { RequestLog, type RequestLogOptions } from './control/request-log.js';
import { ExtraRoutes } from './extra-routes.js';
import { HostCheck, type AllowedHosts } from './http/host-check.js';
import { ModelStore, type ModelSelection } from './features/models/store.js';
import { HandlerRegistry } from './registry.js';
import { Router } from './router.js';
import { UpgradeRoutes } from './upgrade.js';
import { manifest, versionMethods } from './spec-source.js';

/** Settings fixed at start. */
export interface CoreOptions {
  /** Accepted API keys; without a list any non-empty key is accepted. */
  readonly apiKeys?: readonly string[];
  /** Clock start and mode, or a clock to share (e.g. with test code). */
  readonly clock?: ClockOptions | EmulatorClock;
  /** Latency added to every API request, in ms. */
  readonly latencyMs?: number;
  /** Extra Host names to serve besides local ones (`'all'`: no Host check). */
  readonly allowedHosts?: AllowedHosts;
  /** When set, control routes need it in the `x-emulator-control-token` header. */
  readonly controlToken?: string;
  /** Caps of the request log. */
  readonly requestLog?: RequestLogOptions;
  /** Which models to serve (default `'current'`). */
  readonly models?: ModelSelection;
}

/** A feature area: registers handlers, control namespaces, control routes and reset hooks. */
export interface EmulatorFeature {
  readonly name: string;
  install(core: EmulatorCore): void;
}

/** The shared state of one emulator instance. */
export class EmulatorCore {
  /** Emulated time; every timestamp and expiry reads it. */
  readonly clock: EmulatorClock;
  /** Manifest routes. */
  readonly router = new Router(manifest, versionMethods);
  /** Method handlers registered by feature areas. */
  readonly registry = new HandlerRegistry();
  /** Routes outside the discovery document (the OpenAI-compatible endpoint). */
  readonly extraRoutes = new ExtraRoutes();
  /** Host names this instance answers (bound to its address once it listens). */
  readonly hosts: HostCheck;
  /** The control token, if control routes need one. */
  readonly controlToken: string | undefined;
  /** WebSocket endpoints (`/ws/…`): Live, Music. */
  readonly upgrades: UpgradeRoutes;
  /** `/__emulator/…` routes. */
  readonly controlRoutes = new ControlRoutes();
  /** Received API requests. */
  readonly log: RequestLog;
  /** Pending injected faults. */
  readonly faults = new FaultPlan();
  /** Scripted model replies. */
  readonly replies = new ReplyQueue();
  /** The model list. */
  readonly models: ModelStore;
  /** Aborted when the emulator closes; pending waits end with it. */
  readonly closing = new AbortController();
  /** Accepted keys, or `undefined` to accept any non-empty key. */
  readonly apiKeys: ReadonlySet<string> | undefined;
  /** Current global latency (ms). */
  latencyMs: number;
  /** The public control object (features extend it). */
  readonly control: EmulatorControl;

  private readonly initialLatency: number;
  private readonly resetHooks: (() => void)[] = [];
  private seq = 0;

  constructor(options: CoreOptions = {}) {
    // Every in-flight call listens on `closing`; many concurrent calls are normal, not a leak.
    setMaxListeners(0, this.closing.signal);
    const clock = options.clock;
    this.clock = clock && 'now' in clock ? clock : createClock(clock);
    this.apiKeys = options.apiKeys ? new Set(options.apiKeys) : undefined;
    this.hosts = new HostCheck(options.allowedHosts);
    this.upgrades = new UpgradeRoutes(this.hosts);
    if (options.controlToken === '') throw new RangeError('controlToken must not be empty');
    this.controlToken = options.controlToken;
    this.log = new RequestLog(options.requestLog);
    this.models = new ModelStore(options.models);
    this.initialLatency = options.latencyMs ?? 0;
    this.latencyMs = this.initialLatency;
    const core = this;
    // Feature areas add their namespaces in `install` (extendControl), after this base object exists.
    this.control = {
      clock: this.clock,
      faults: this.faults,
      replies: this.replies,
      models: this.models,
      get requests() {
        return core.log.list();
      },
      script: (model, ...replies) => this.replies.enqueue(model, ...replies),
      setLatency: (ms) => {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
        this.latencyMs = ms;
      },
      clearRequests: () => this.log.clear(),
      requestLogUsage: () => this.log.usage(),
      reset: () => this.reset(),
    } as Partial<EmulatorControl> as EmulatorControl;
  }

  /** Adds a namespace to the control object (see control/control.ts for the typing pattern). */
  extendControl<K extends keyof EmulatorControl>(name: K, value: EmulatorControl[K]): void {
    Object.defineProperty(this.control, name, { value, enumerable: true });
  }

  /** Runs `hook` on every `control.reset()`. */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  /** Clears all state back to the start (the clock keeps its time). */
  reset(): void {
    this.log.clear();
    this.faults.clear();
    this.replies.clear();
    this.models.reset();
    this.latencyMs = this.initialLatency;
    this.seq = 0;
    for (const hook of this.resetHooks) hook();
  }

  /** A deterministic per-instance id: `length` base64url characters from a counter. */
  newId(length = 23): string {
    const n = ++this.seq;
    return createHash('sha256').update(`gemini-emulator:${n}`).digest('base64url').slice(0, length);
  }
}
