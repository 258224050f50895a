/**
 * The Live Music area: the `BidiGenerateMusic` WebSocket endpoint (v1alpha and v1beta) on the core's
 * upgrade routes, and `control.music`. Errors close the socket with a code and reason (music.md §5):
 * a missing or rejected key and an unknown model → 1008, bad messages → 1007.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { checkApiKey } from '../../auth.js';
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { RpcError } from '../../errors.js';
import { requireModel } from '../models/lookup.js';
import { closeCodeFor, truncateReason } from '../live/close.js';
import { MusicState } from './control.js';
import { MusicSession, type MusicSessionContext } from './session.js';

/** Upgrade paths of the music method. */
export const MUSIC_PATH =
  /^\/ws\/google\.ai\.generativelanguage\.(v1alpha|v1beta)\.GenerativeService\.BidiGenerateMusic$/;

/** The model check of a setup: `undefined` when it serves bidiGenerateMusic, else the 1008 close. */
function modelCheck(core: EmulatorCore, version: string): MusicSessionContext['checkModel'] {
  return (model) => {
    try {
      requireModel(core, model, version, 'bidiGenerateMusic');
      return undefined;
    } catch (e) {
      if (e instanceof RpcError) return { code: closeCodeFor(e.status), reason: e.message };
      throw e;
    }
  };
}

function serve(core: EmulatorCore, state: MusicState, ws: WebSocket, req: IncomingMessage, url: URL): void {
  const version = MUSIC_PATH.exec(url.pathname)?.[1] ?? 'v1beta';
  const session = new MusicSession(
    state.nextId(),
    {
      // Binary frames of UTF-8 JSON, as production sends (live.md §2).
      send: (text, done) => ws.send(Buffer.from(text), { binary: true }, done),
      close: (code, reason) => ws.close(code, truncateReason(reason)),
    },
    { checkModel: modelCheck(core, version), cadence: () => state.cadence(), filters: () => state.filters() },
  );
  state.all.push(session);
  ws.on('message', (data: RawData) => {
    // A bug on one message must end this session, never throw out of the socket's event (the host process).
    try {
      session.receive(rawText(data));
    } catch {
      session.close(1011, 'Internal error encountered.');
    }
  });
  ws.on('close', () => session.dispose());
  ws.on('error', () => session.dispose());
  // Auth failures are reported like the service's other policy errors: after the handshake, as a close.
  const denied = checkApiKey(req.headers, url.searchParams, core.apiKeys);
  if (denied) session.close(1008, denied.message);
}

/** A frame's text (clients send text frames; binary UTF-8 JSON is accepted too). */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/** The Live Music feature area. */
export const musicFeature: EmulatorFeature = {
  name: 'music',
  install(core) {
    const state = new MusicState();
    const wss = new WebSocketServer({ noServer: true });
    const sockets = new Set<WebSocket>();
    core.upgrades.add(MUSIC_PATH, (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => {
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.once('close', () => sockets.delete(ws));
        serve(core, state, ws, req, url);
      });
    });
    core.closing.signal.addEventListener('abort', () => {
      for (const s of state.all) s.dispose();
      for (const ws of sockets) ws.terminate();
      wss.close();
    });
    core.extendControl('music', state);
    core.onReset(() => state.reset());
  },
};
