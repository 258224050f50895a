/**
 * `control.batches`: batch timing, inspection and failures on demand, plus the same over HTTP under
 * `/__emulator/batches/…`. Per-request failures come from scripted replies (`control.script(model,
 * { error })`), consumed in request order.
 */
import type { EmulatorCore } from '../../core.js';
import { RpcError } from '../../errors.js';
import type { RequestStatus } from './process.js';
import type { BatchStore, StoredBatch } from './store.js';

/** Timing of new batches (emulated ms). */
export interface BatchSettings {
  /** Time a new batch stays PENDING (default 500). */
  pendingMs: number;
  /** Time each request takes once RUNNING (default 5; 0 finishes them all at once). */
  perRequestMs: number;
}

/** The public batches control API. */
export interface BatchesControl {
  /** Changes the timing of batches created from now on; returns the settings in force. */
  configure(settings: Partial<BatchSettings>): BatchSettings;
  /** A batch as the API would answer `batches.get` now (`undefined` when unknown). */
  get(name: string): Promise<Record<string, unknown> | undefined>;
  /** Names of every batch, newest first. */
  list(): Promise<readonly string[]>;
  /** Runs every remaining request now (SUCCEEDED). */
  finish(name: string): Promise<void>;
  /** Fails a batch now (FAILED) with this google.rpc.Status (default INTERNAL). */
  fail(name: string, error?: RequestStatus): Promise<void>;
  /** Expires a batch now (EXPIRED). */
  expire(name: string): Promise<void>;
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Batches (batchGenerateContent, asyncBatchEmbedContent). */
    readonly batches: BatchesControl;
  }
}

/** Builds `control.batches` and its HTTP routes. */
export function installBatchesControl(core: EmulatorCore, store: BatchStore, settings: BatchSettings): void {
  const defaults = { ...settings };
  const need = async (name: string): Promise<StoredBatch> => {
    const b = await store.get(name);
    if (!b) throw new Error(`no batch named ${name}`);
    return b;
  };
  const control: BatchesControl = {
    configure(next) {
      for (const key of ['pendingMs', 'perRequestMs'] as const) {
        const v = next[key];
        if (v === undefined) continue;
        if (!Number.isFinite(v) || v < 0) throw new RangeError(`${key} must be >= 0, got ${v}`);
        settings[key] = v;
      }
      return { ...settings };
    },
    async get(name) {
      const b = await store.get(name);
      return b ? store.operation(b) : undefined;
    },
    list: async () => (await store.list()).map((b) => b.name),
    finish: async (name) => store.finish(await need(name)),
    fail: async (name, error) =>
      store.stop(await need(name), 'FAILED', error ?? { code: 13, message: 'The batch failed.' }),
    expire: async (name) =>
      store.stop(await need(name), 'EXPIRED', { code: 4, message: 'The batch expired before it completed.' }),
  };
  core.extendControl('batches', control);
  core.onReset(() => {
    store.clear();
    Object.assign(settings, defaults);
  });

  const r = core.controlRoutes;
  const obj = (b: unknown): Record<string, unknown> =>
    typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : {};
  const named = (path: string): string => `batches/${path.split('/')[1] ?? ''}`;
  const guard = (p: Promise<void>): Promise<void> =>
    p.catch((e: unknown) => {
      throw new RpcError(404, (e as Error).message);
    });
  r.add('GET', 'batches', async () => ({
    batches: await Promise.all((await control.list()).map((n) => control.get(n))),
  }));
  r.add('POST', 'batches/configure', (body) => control.configure(obj(body) as Partial<BatchSettings>));
  r.add('POST', 'batches/*/finish', (_b, _q, path) => guard(control.finish(named(path))));
  r.add('POST', 'batches/*/fail', (body, _q, path) =>
    guard(control.fail(named(path), obj(body)['error'] as RequestStatus | undefined)),
  );
  r.add('POST', 'batches/*/expire', (_b, _q, path) => guard(control.expire(named(path))));
}
