/**
 * The Live API endpoint: WebSocket upgrades at
 * `/ws/google.ai.generativelanguage.{v1alpha,v1beta}.GenerativeService.BidiGenerateContent?key=…` and the
 * v1alpha `…BidiGenerateContentConstrained?access_token=auth_tokens/…`, plus `POST /v1alpha/auth_tokens`.
 * Auth failures close the socket with 1008 and the REST wording (the upgrade itself succeeds).
 */
import { WebSocketServer } from 'ws';
import { apiKeyOf, checkApiKey } from '../../auth.js';
import type { EmulatorFeature } from '../../core.js';
import { apiKeyInvalid, unregisteredCaller } from '../../errors.js';
import { parseDuration } from './duration.js';
import { policy, type LiveClose } from './close.js';
import { LiveConnection, type ConnectionAuth, type LiveArea } from './connection.js';
import type { LiveControl } from './control.js';
import { SessionStore } from './sessions.js';
import { TokenStore, type TokenRecord } from './tokens.js';

const PATH =
  /^\/ws\/google\.ai\.generativelanguage\.(v1alpha|v1beta)\.GenerativeService\.(BidiGenerateContent|BidiGenerateContentConstrained)$/;

function tokenOf(url: URL, authorization: string | undefined): string | undefined {
  const header = /^Token\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return url.searchParams.get('access_token') ?? header;
}

/** Installs the Live endpoint, its control namespace and the auth_tokens method. */
export const liveFeature: EmulatorFeature = {
  name: 'live',
  install(core) {
    const area: LiveArea = {
      core,
      tokens: new TokenStore(core),
      sessions: new SessionStore(core),
      connections: new Set(),
      chunkDelayMs: 0,
      rejectNext: undefined,
    };
    const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
    core.registry.register('authTokens.create', (call) => area.tokens.create(call));

    core.upgrades.add(PATH, (req, socket, head, url) => {
      const [, version = 'v1beta', method] = PATH.exec(url.pathname) ?? [];
      const constrained = method === 'BidiGenerateContentConstrained';
      let token: TokenRecord | undefined;
      let error: LiveClose | undefined;
      if (constrained) {
        if (version !== 'v1alpha') error = policy('Method not found.');
        const name = tokenOf(url, req.headers.authorization);
        token = name === undefined ? undefined : area.tokens.get(name);
        if (name === undefined) error ??= policy(unregisteredCaller().message);
        else if (!token) error ??= policy(apiKeyInvalid().message);
      } else {
        const key = apiKeyOf(req.headers, url.searchParams);
        const rejected = key?.startsWith('auth_tokens/')
          ? apiKeyInvalid()
          : checkApiKey(req.headers, url.searchParams, core.apiKeys);
        if (rejected) error = policy(rejected.message);
      }
      const auth: ConnectionAuth = { version, token, error };
      wss.handleUpgrade(req, socket, head, (ws) => new LiveConnection(area, ws, auth));
    });

    core.clock.onChange(() => {
      for (const c of area.connections) c.checkToken();
    });
    core.closing.signal.addEventListener('abort', () => {
      for (const c of area.connections) c.drop();
    });
    core.onReset(() => {
      area.tokens.clear();
      area.sessions.clear();
      area.chunkDelayMs = 0;
      area.rejectNext = undefined;
    });

    const targets = (sessionId: string | undefined): LiveConnection[] =>
      [...area.connections].filter(
        (c) => c.session && (sessionId === undefined || c.session.id === sessionId),
      );
    const control: LiveControl = {
      sessions: () =>
        area.sessions.list().map((s) => ({
          id: s.id,
          model: s.model,
          open: s.open,
          connections: s.connections,
          clientMessages: s.clientMessages,
          history: structuredClone(s.history),
          setup: structuredClone(s.setup),
        })),
      get openConnections() {
        return area.connections.size;
      },
      goAway(options = {}) {
        const timeLeft = options.timeLeft ?? '10s';
        const ms = parseDuration(timeLeft);
        if (ms === undefined)
          throw new RangeError(`timeLeft must be a duration such as "10s", got ${JSON.stringify(timeLeft)}`);
        const list = targets(options.sessionId);
        for (const c of list) c.goAway(timeLeft, ms);
        return list.length;
      },
      drop(options = {}) {
        const list = targets(options.sessionId);
        for (const c of list) {
          if (options.afterMessages === undefined) c.drop();
          else c.dropDuringNextTurn(options.afterMessages);
        }
        return list.length;
      },
      rejectNext(close) {
        area.rejectNext = { code: close.code, reason: close.reason };
      },
      setChunkDelay(ms) {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`chunk delay must be >= 0 ms, got ${ms}`);
        area.chunkDelayMs = ms;
      },
      tokenUses: (name) => area.tokens.get(name)?.usesLeft,
    };
    core.extendControl('live', control);
  },
};
