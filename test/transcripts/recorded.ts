/**
 * The recorded real traffic (test/fixtures/transcripts/*.json) and a loopback server that answers with one
 * recorded response at a time, bytes as recorded: JSON bodies re-serialized, SSE events framed as
 * `data: <json>` plus the recorded separator (`\r\n\r\n` unless the recording says `\n\n`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One recorded interaction (see test/fixtures/transcripts/README.md). */
export interface Transcript {
  /** File name, for messages. */
  readonly file: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly request_body: unknown;
  readonly status: number;
  readonly response_headers: Readonly<Record<string, string>>;
  readonly response_body?: unknown;
  readonly response_sse_events?: readonly unknown[];
  readonly sse_event_separator?: string;
  readonly response_raw?: string;
  readonly note?: string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The committed recordings, `test/fixtures/transcripts/` (where each came from: its README.md). */
export const TRANSCRIPTS_DIR = join(root, 'test/fixtures/transcripts');

/** Every recorded interaction, sorted by file name. */
export function loadTranscripts(): Transcript[] {
  return readdirSync(TRANSCRIPTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(
      (file) =>
        ({
          file,
          ...(JSON.parse(readFileSync(join(TRANSCRIPTS_DIR, file), 'utf8')) as object),
        }) as Transcript,
    );
}

/** The SSE event separator of a recording: `\n\n` or `\r\n\r\n` (the service's framing, the default). */
export function separatorOf(t: Transcript): string {
  return t.sse_event_separator === '\\n\\n' ? '\n\n' : '\r\n\r\n';
}

/** The bytes a recorded response is replayed as, with its status and headers. */
export interface Replay {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Body pieces, written one by one (each flushed as its own chunk). */
  readonly chunks: readonly Uint8Array[];
}

/** The replay of a recorded response: JSON as recorded, SSE events re-framed. */
export function replayOf(t: Transcript, contentType?: string): Replay {
  const headers: Record<string, string> = { ...t.response_headers };
  if (t.response_sse_events) {
    const text = t.response_sse_events.map((e) => `data: ${JSON.stringify(e)}${separatorOf(t)}`).join('');
    headers['content-type'] = contentType ?? 'text/event-stream';
    return { status: t.status, headers, chunks: [Buffer.from(text, 'utf8')] };
  }
  const body = t.response_body;
  const text =
    body === undefined || body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  headers['content-type'] = contentType ?? headers['content-type'] ?? 'application/json; charset=UTF-8';
  return { status: t.status, headers, chunks: text ? [Buffer.from(text, 'utf8')] : [] };
}

/** What the replay server received. */
export interface Received {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, the text when not JSON, `undefined` when empty. */
  readonly body: unknown;
}

/** A loopback server answering every request with the current replay. */
export interface ReplayServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Requests received since the last `serve`. */
  readonly received: Received[];
  /** Sets the answer to the following requests. */
  serve(replay: Replay): void;
  /** Closes the server and its connections. */
  close(): Promise<void>;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts a replay server on 127.0.0.1:0. */
export async function startReplayServer(): Promise<ReplayServer> {
  let current: Replay = { status: 500, headers: {}, chunks: [] };
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: parseBody(Buffer.concat(body).toString('utf8')),
      });
      const replay = current;
      res.writeHead(replay.status, replay.headers);
      void (async () => {
        for (const chunk of replay.chunks) {
          if (res.destroyed) return;
          res.write(chunk);
          // Each piece leaves as its own TCP write, so the client sees the recorded split points.
          await new Promise((r) => setImmediate(r));
        }
        res.end();
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    serve(replay) {
      current = replay;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A JSON round trip: exactly the enumerable data a value would serialize to. */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}
