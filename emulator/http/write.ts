/**
 * Writing responses the way the service frames them, with the byte/event-level faults applied:
 * pretty-printed JSON, SSE as `data: {json}\r\n\r\n` with no `[DONE]`, or (without `alt=sse`) one
 * JSON array whose elements are separated by `,\r\n`.
 */
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';

/** Faults and format switches for one response. */
export interface WriteOptions {
  /** Pretty-print JSON (the service's default, `prettyPrint=true`). */
  readonly pretty: boolean;
  /** Destroy the socket after this many body bytes. */
  readonly cutAfterBytes?: number;
  /** Destroy the socket after this many stream events. */
  readonly truncateAfterEvents?: number;
  /** Applied to every JSON payload before serialization (e.g. enums as numbers). */
  readonly encode?: (value: unknown) => unknown;
  /** Chunks are `{ event?, id?, data }` frames, written with their `event:`/`id:` lines. */
  readonly frames?: boolean;
}

/** One frame as SSE text: `event:` and `id:` lines when set, then `data:` (strings verbatim, else JSON). */
function frameText(chunk: unknown, opts: WriteOptions): string {
  const f = (typeof chunk === 'object' && chunk !== null ? chunk : { data: chunk }) as {
    event?: string;
    id?: string;
    data?: unknown;
  };
  const data = typeof f.data === 'string' ? f.data : serialize(f.data, opts, false);
  return `${f.event ? `event: ${f.event}\n` : ''}${f.id ? `id: ${f.id}\n` : ''}data: ${data}\n\n`;
}

/** Content type of every JSON answer, as recorded. */
export const JSON_TYPE = 'application/json; charset=UTF-8';

const serialize = (value: unknown, opts: WriteOptions, pretty = opts.pretty): string =>
  JSON.stringify(opts.encode ? opts.encode(value) : value, null, pretty ? 2 : undefined) ?? 'null';

/** Destroys the connection once `bytes` have been flushed: a response cut mid-body. */
function cut(res: ServerResponse, bytes: Buffer): void {
  res.flushHeaders();
  if (bytes.length === 0) setImmediate(() => res.destroy());
  else res.write(bytes, () => res.destroy());
}

/** Sends a complete body (JSON text, HTML, raw bytes), honouring a mid-body cut. */
export function sendBody(
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  opts: Pick<WriteOptions, 'cutAfterBytes'> = {},
): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  if (opts.cutAfterBytes !== undefined && opts.cutAfterBytes < body.length) {
    cut(res, body.subarray(0, opts.cutAfterBytes));
  } else {
    res.end(body);
  }
}

/** Sends a JSON value (pretty-printed unless turned off). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
  opts: WriteOptions,
): void {
  const text = `${serialize(body, opts)}${opts.pretty ? '\n' : ''}`;
  sendBody(res, status, { 'content-type': JSON_TYPE, ...headers }, Buffer.from(text, 'utf8'), opts);
}

/**
 * Streams chunks as SSE events or as one JSON array. Stops early when the client goes away, when
 * a fault fires (socket destroyed, no clean end) or after a chunk carrying `error`.
 */
export async function sendStream(
  res: ServerResponse,
  chunks: Iterable<unknown> | AsyncIterable<unknown>,
  sse: boolean,
  opts: WriteOptions,
): Promise<void> {
  res.writeHead(200, { 'content-type': sse ? 'text/event-stream' : JSON_TYPE });
  res.flushHeaders();
  let sentBytes = 0;
  let events = 0;
  const write = async (text: string): Promise<boolean> => {
    const limit = opts.cutAfterBytes;
    if (limit !== undefined) {
      // Only a cut needs the bytes in hand; otherwise the string goes to the socket as it is (no copy).
      const buf = Buffer.from(text, 'utf8');
      if (sentBytes + buf.length >= limit) {
        cut(res, buf.subarray(0, limit - sentBytes));
        return false;
      }
      sentBytes += buf.length;
    }
    if (!res.write(text, 'utf8')) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    return !res.destroyed;
  };
  if (!sse && !(await write('['))) return;
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (opts.truncateAfterEvents !== undefined && events >= opts.truncateAfterEvents) {
      res.destroy();
      return;
    }
    const text = opts.frames
      ? frameText(chunk, opts)
      : sse
        ? `data: ${serialize(chunk, opts, false)}\r\n\r\n`
        : `${events > 0 ? '\n,\r\n' : ''}${serialize(chunk, opts)}`;
    if (!(await write(text))) return;
    events++;
    const isError = typeof chunk === 'object' && chunk !== null && 'error' in chunk;
    if (isError) break;
    // Let each event leave as its own write, as a real stream would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (opts.truncateAfterEvents !== undefined && events >= opts.truncateAfterEvents) {
    res.destroy();
    return;
  }
  if (!sse && !(await write(']'))) return;
  res.end();
}
