/**
 * `/__emulator/…`: the control API over HTTP (no API key needed). Base routes:
 *
 * | route | body | effect |
 * |---|---|---|
 * | `GET health` | | `{ ok: true }` |
 * | `POST reset` | | `control.reset()` |
 * | `GET requests` / `DELETE requests` | | the request log / clear it |
 * | `POST replies` | `{ model, replies: ScriptedReply[] }` | queue scripted replies |
 * | `DELETE replies` | | drop queued replies |
 * | `POST faults/fail` | `{ count, ...FailureFault }` | fail the next calls |
 * | `POST faults/rate` | `{ rate, count?, ...FailureFault }` | fail each matching call with probability `rate` |
 * | `POST faults/delay` | `{ ms, count?, methodId?, model? }` | delay the next calls |
 * | `POST faults/cut` | `{ afterBytes, count?, … }` | cut the next responses mid-body |
 * | `POST faults/truncate` | `{ afterEvents, count?, … }` | truncate the next SSE streams |
 * | `DELETE faults` | | drop pending faults |
 * | `POST latency` | `{ ms }` | latency for every request |
 * | `GET clock` | | `{ now, iso }` |
 * | `POST clock/advance` | `{ ms }` | move the clock forward |
 * | `POST clock/set` | `{ time }` (epoch ms or RFC 3339) | set the clock |
 * | `GET models` / `POST models` / `DELETE models/{id}` | model entry or `{ name }` | the model list |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorCore } from '../core.js';
import { RpcError } from '../errors.js';
import { parseJsonBody, readBody } from '../http/body.js';
import { sendJson } from '../http/write.js';
import type { FailureFault, FaultTarget } from './faults.js';
import type { ScriptedReply } from './replies.js';
import type { ModelInput } from '../features/models/store.js';

type Obj = Record<string, unknown>;

const obj = (body: unknown): Obj => (typeof body === 'object' && body !== null ? (body as Obj) : {});

function num(body: Obj, key: string): number {
  const v = body[key];
  if (typeof v !== 'number') throw new RpcError(400, `"${key}" must be a number`);
  return v;
}

function target(body: Obj): FaultTarget & { count?: number } {
  const out: { methodId?: string; model?: string; count?: number } = {};
  if (typeof body['methodId'] === 'string') out.methodId = body['methodId'];
  if (typeof body['model'] === 'string') out.model = body['model'];
  if (typeof body['count'] === 'number') out.count = body['count'];
  return out;
}

/** Registers the base control routes of an instance. */
export function installBaseControlRoutes(core: EmulatorCore): void {
  const r = core.controlRoutes;
  const c = core.control;
  r.add('GET', 'health', () => ({ ok: true }));
  r.add('POST', 'reset', () => c.reset());
  r.add('GET', 'requests', () => ({ requests: c.requests }));
  r.add('DELETE', 'requests', () => c.clearRequests());
  r.add('POST', 'replies', (body) => {
    const b = obj(body);
    if (typeof b['model'] !== 'string' || !Array.isArray(b['replies'])) {
      throw new RpcError(400, 'expected { model: string, replies: ScriptedReply[] }');
    }
    c.replies.enqueue(b['model'], ...(b['replies'] as ScriptedReply[]));
  });
  r.add('DELETE', 'replies', () => c.replies.clear());
  r.add('POST', 'faults/fail', (body) => {
    const b = obj(body);
    c.faults.failNext(typeof b['count'] === 'number' ? b['count'] : 1, b as FailureFault);
  });
  r.add('POST', 'faults/rate', (body) => {
    const b = obj(body);
    c.faults.failRate(num(b, 'rate'), b as FailureFault & { count?: number });
  });
  r.add('POST', 'faults/delay', (body) => c.faults.delayNext(num(obj(body), 'ms'), target(obj(body))));
  r.add('POST', 'faults/cut', (body) => c.faults.cutNext(num(obj(body), 'afterBytes'), target(obj(body))));
  r.add('POST', 'faults/truncate', (body) =>
    c.faults.truncateStream(num(obj(body), 'afterEvents'), target(obj(body))),
  );
  r.add('DELETE', 'faults', () => c.faults.clear());
  r.add('POST', 'latency', (body) => c.setLatency(num(obj(body), 'ms')));
  r.add('GET', 'clock', () => ({ now: c.clock.now(), iso: c.clock.isoNow() }));
  r.add('POST', 'clock/advance', (body) => c.clock.advance(num(obj(body), 'ms')));
  r.add('POST', 'clock/set', (body) => {
    const t = obj(body)['time'];
    if (typeof t !== 'number' && typeof t !== 'string')
      throw new RpcError(400, '"time" must be epoch ms or RFC 3339');
    c.clock.set(typeof t === 'number' ? t : Date.parse(t));
  });
  r.add('GET', 'models', () => ({ models: c.models.list() }));
  r.add('POST', 'models', (body) => c.models.add(body as ModelInput));
  r.add('DELETE', 'models/*', (_body, _query, path) => ({
    removed: c.models.remove(path.slice('models/'.length)),
  }));
}

/** Serves one `/__emulator/…` request. */
export async function serveControl(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice('/__emulator/'.length).replace(/\/+$/, '');
  const handler = core.controlRoutes.find(req.method ?? 'GET', path);
  const parsed = parseJsonBody(await readBody(req));
  if (!handler) throw new RpcError(404, `No emulator control route ${req.method} /__emulator/${path}`);
  if (!parsed.ok) throw parsed.error;
  try {
    const result = await handler(parsed.value, url.searchParams, path);
    sendJson(res, 200, result ?? {}, {}, { pretty: true });
  } catch (e) {
    if (e instanceof RpcError) throw e;
    throw new RpcError(400, e instanceof Error ? e.message : String(e));
  }
}
