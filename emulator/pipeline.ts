/**
 * The request pipeline of the emulator: route (manifest, or an explicit extra route) → read body → log → latency → auth → injected
 * failure → query/body validation → handler → write (with byte/event faults).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkApiKey } from './auth.js';
import { serveControl } from './control/http-control.js';
import type { CallInfo } from './control/faults.js';
import type { EmulatorCore } from './core.js';
import type { ExtraRoute } from './extra-routes.js';
import { invalidArgument, methodNotFound, RpcError, unimplemented } from './errors.js';
import { parseJsonBody, readBody } from './http/body.js';
import { controlRefusal } from './http/local-only.js';
import { answerPreflight, applyCors } from './http/cors.js';
import { notFoundPage } from './http/not-found-page.js';
import { framingError, parseTarget } from './http/request-target.js';
import { sendBody, sendJson, sendStream, type WriteOptions } from './http/write.js';
import type { ApiCall, HandlerResult } from './registry.js';
import type { RouteMatch } from './router.js';
import { validateBody } from './validation/body.js';
import { encodeEnumsAsInts, wantsIntEnums } from './validation/enum-encoding.js';
import { bindQuery } from './validation/query.js';

/** Waits `ms`, ending early (without error) when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Sends an error answer unless the response already started; never throws. */
function sendError(res: ServerResponse, e: unknown, pretty: boolean): void {
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const err = e instanceof RpcError ? e : new RpcError(500, 'Internal error encountered.');
    sendJson(res, err.code, err.toBody(), err.headers, { pretty });
  } catch {
    res.destroy();
  }
}

/** Handles one HTTP request end to end; never throws. */
export async function handleRequest(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let pretty = true;
  try {
    const framing = framingError(req);
    if (framing !== undefined) throw invalidArgument(framing);
    const target = parseTarget(req);
    if (!target) throw invalidArgument('Invalid request target.');
    const { url } = target;
    const method = req.method ?? 'GET';
    pretty = url.searchParams.get('prettyPrint')?.toLowerCase() !== 'false';
    if (url.pathname.startsWith('/__emulator/')) {
      // Control routes: local same-origin callers only, and never any CORS header (http/local-only.ts).
      const refusal = controlRefusal(req, core.hosts, core.controlToken, target.authority !== undefined);
      if (refusal) throw refusal;
      await serveControl(core, req, res, url);
      return;
    }
    const host = core.hosts.refused(req, target.authority, { withPort: false, required: false });
    if (host !== undefined)
      throw new RpcError(403, `Host ${JSON.stringify(host)} is not served by this emulator.`);
    // API routes only: control routes above are never opened to other origins.
    if (answerPreflight(req, res)) return;
    applyCors(req, res);
    const extra = core.extraRoutes.match(method, url.pathname);
    if (extra) {
      await handleExtra(core, extra, req, res, url, pretty);
      return;
    }
    const route = core.router.match(method, url.pathname);
    const streamed = route.kind === 'method' && core.registry.streamsBody(route.entry.id, route.routeKind);
    const raw = streamed ? Buffer.alloc(0) : await readBody(req);
    core.log.add({
      method,
      path: url.pathname,
      search: url.searchParams,
      headers: req.headers,
      raw,
      ...(route.kind === 'method' ? { methodId: route.entry.id } : {}),
      time: core.clock.now(),
    });
    if (route.kind === 'miss') {
      if (route.json) sendJson(res, 404, methodNotFound().toBody(), {}, { pretty });
      else
        sendBody(
          res,
          404,
          { 'content-type': 'text/html; charset=UTF-8' },
          Buffer.from(notFoundPage(url.pathname)),
        );
      return;
    }
    await handleCall(core, route, req, res, url, raw, pretty);
  } catch (e) {
    sendError(res, e, pretty);
  }
}

/** A route outside the manifest: logged like any API call, latency applied, the handler answers. */
async function handleExtra(
  core: EmulatorCore,
  route: ExtraRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pretty: boolean,
): Promise<void> {
  const raw = await readBody(req);
  const search = url.searchParams;
  core.log.add({
    method: req.method ?? 'GET',
    path: url.pathname,
    search,
    headers: req.headers,
    raw,
    methodId: route.id,
    time: core.clock.now(),
  });
  const abort = new AbortController();
  const onClose = (): void => abort.abort();
  res.once('close', onClose);
  try {
    await sleep(core.latencyMs, abort.signal);
    if (abort.signal.aborted) return;
    const result = await route.handle({ request: req, search, rawBody: raw, signal: abort.signal, core });
    await writeResult(res, result, false, { pretty }, undefined);
  } finally {
    res.off('close', onClose);
  }
}

async function handleCall(
  core: EmulatorCore,
  route: RouteMatch,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
  pretty: boolean,
): Promise<void> {
  const { entry } = route;
  const search = url.searchParams;
  const sse = entry.streaming && search.get('alt') === 'sse';
  const model = route.params['model'] ?? route.params['name'];
  const info: CallInfo = model === undefined ? { methodId: entry.id } : { methodId: entry.id, model };
  const abort = new AbortController();
  const onClose = (): void => abort.abort();
  res.once('close', onClose);
  core.closing.signal.addEventListener('abort', onClose, { once: true });
  const intEnums = wantsIntEnums(search);
  const responseSchema = entry.response;
  const base: WriteOptions = {
    pretty,
    ...(intEnums && responseSchema ? { encode: (v: unknown) => encodeEnumsAsInts(responseSchema, v) } : {}),
  };
  const writeOpts = (): WriteOptions => {
    const cutAfterBytes = core.faults.takeCut(info);
    return cutAfterBytes === undefined ? base : { ...base, cutAfterBytes };
  };
  try {
    await sleep(core.latencyMs + (core.faults.takeDelay(info) ?? 0), abort.signal);
    if (abort.signal.aborted) return;
    const result = await runCall(core, route, req, search, raw, abort.signal, info);
    await writeResult(res, result, sse, writeOpts(), core.faults.takeTruncation(info));
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const err = e instanceof RpcError ? e : new RpcError(500, 'Internal error encountered.');
    // On alt=sse calls the service labels even error bodies as an event stream.
    const headers = sse ? { ...err.headers, 'content-type': 'text/event-stream' } : err.headers;
    sendJson(res, err.code, err.toBody(), headers, { ...writeOpts(), encode: (v) => v });
  } finally {
    res.off('close', onClose);
    core.closing.signal.removeEventListener('abort', onClose);
  }
}

async function runCall(
  core: EmulatorCore,
  route: RouteMatch,
  req: IncomingMessage,
  search: URLSearchParams,
  raw: Buffer,
  signal: AbortSignal,
  info: CallInfo,
): Promise<HandlerResult> {
  const { entry } = route;
  const authError = checkApiKey(req.headers, search, core.apiKeys);
  if (authError) throw authError;
  const failure = core.faults.takeFailure(info);
  if (failure) throw failure;
  const query = bindQuery(entry, search);
  if (!query.ok) throw query.error;
  let body: unknown;
  if (route.routeKind === 'rest' && entry.request !== null) {
    const parsed = parseJsonBody(raw);
    if (!parsed.ok) throw parsed.error;
    const checked = validateBody(entry.request, parsed.value, {
      pathBound: new Set(Object.keys(route.params)),
      partial: entry.httpMethod === 'PATCH', // recorded: PATCH cachedContents with only {"ttl"} is accepted
    });
    if (!checked.ok) throw checked.error;
    body = checked.value;
  }
  const handler = core.registry.get(entry.id, route.routeKind);
  if (!handler) throw unimplemented(entry.id);
  const call: ApiCall = {
    entry,
    routeKind: route.routeKind,
    version: route.version,
    params: route.params,
    query: query.value,
    search,
    headers: req.headers,
    body,
    rawBody: raw,
    request: req,
    signal,
    core,
  };
  return handler(call);
}

async function writeResult(
  res: ServerResponse,
  result: HandlerResult,
  sse: boolean,
  opts: WriteOptions,
  truncateAfterEvents: number | undefined,
): Promise<void> {
  switch (result.kind) {
    case 'json':
      sendJson(res, result.status ?? 200, result.body, result.headers ?? {}, opts);
      return;
    case 'raw': {
      const body = typeof result.body === 'string' ? Buffer.from(result.body) : Buffer.from(result.body);
      sendBody(res, result.status ?? 200, result.headers ?? {}, body, opts);
      return;
    }
    case 'drop':
      res.destroy();
      return;
    case 'stream': {
      const framed = result.frames ? { ...opts, frames: true } : opts;
      await sendStream(
        res,
        result.chunks,
        sse || result.frames === true,
        truncateAfterEvents === undefined ? framed : { ...framed, truncateAfterEvents },
      );
      return;
    }
  }
}
