// What the SDK needs from its runtime beyond fetch/streams/WebSocket globals. Two variants implement it,
// chosen when the package is built (tsup) or bundled (the `#platform` alias), never by sniffing at run
// time: `node.ts` (Node, Deno, Bun: files, Node streams, `ws`, proxies) and `web.ts` (browsers, workers).
import type { WebSocketConstructor } from '../realtime/socket.js';

/** A file opened for reading at any offset (upload path inputs). */
export interface ReadableFile {
  /** Size in bytes when opened. */
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `buffer` from `offset`; resolves with the count read. */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  /** Closes the file. */
  close(): Promise<void>;
}

/** A file opened for writing at any offset (WAV output). */
export interface WritableFile {
  /** Writes `bytes` at `position`. */
  write(bytes: Uint8Array, position: number): Promise<void>;
  /** Cuts the file to `length` bytes. */
  truncate(length: number): Promise<void>;
  /** Closes the file. */
  close(): Promise<void>;
}

/** A Node writable, as far as downloads need one. */
export interface NodeWritableLike {
  /** Writes one chunk. */
  write(chunk: Uint8Array, cb?: (error?: Error | null) => void): boolean;
  /** Ends the stream. */
  end(cb?: () => void): unknown;
  /** Subscribes once to an event (`drain`, `error`, `finish`). */
  once(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Where requests go out (Node): a proxy URL such as `http://proxy.corp:3128` (credentials in the URL are
 * sent as `Proxy-Authorization`), `false` for none (environment variables ignored), or an object that
 * also lists hosts to reach directly. Default: `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (any case).
 */
export type ProxyOption =
  | string
  | false
  | {
      /** The proxy for `https:`/`wss:` URLs (and for `http:`/`ws:` ones unless `http` is given). */
      url: string;
      /** The proxy for `http:`/`ws:` URLs (default: `url`); `false` reaches them directly. */
      http?: string | false | undefined;
      /** Hosts reached directly, in `NO_PROXY` syntax: `localhost,.corp.example,10.0.0.1:8080`, or `*`. */
      noProxy?: string | undefined;
    };

/** A fetch and a WebSocket constructor that go through a proxy (Node build). */
export interface ProxyRoute {
  /** Sends each request through the proxy, or directly when `NO_PROXY` says so. */
  fetch: typeof fetch;
  /** A constructor (`ws` with a CONNECT agent) that opens each socket through the proxy, or directly per `NO_PROXY`. */
  webSocket(): Promise<WebSocketConstructor>;
}

/** A file read from start to end as a stream (bulk JSONL inputs), with what tells its versions apart. */
export interface StreamableFile {
  /** Size in bytes when opened. */
  readonly size: number;
  /** Last modification time, in milliseconds since the epoch. */
  readonly modifiedMs: number;
  /** A new stream of the file's bytes from the start. */
  stream(): ReadableStream<Uint8Array>;
}

/**
 * A file read and written synchronously at any offset (the bulk journal, batch shard files): a write
 * has reached the operating system when the call returns, so a killed process loses nothing written.
 */
export interface SyncFile {
  /** Size in bytes when opened. */
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `buffer` from `offset`; returns the count read. */
  read(buffer: Uint8Array, offset: number, length: number, position: number): number;
  /** Writes `bytes` at `position`, or after the previous write when omitted. */
  write(bytes: Uint8Array, position?: number): void;
  /** Cuts the file to `length` bytes. */
  truncate(length: number): void;
  /** Closes the file. */
  close(): void;
}

/** How a `SyncFile` opens: `read` an existing file, `create` (or truncate) one, `update` one (created if missing). */
export type SyncFileMode = 'read' | 'create' | 'update';

/** A folder of working files (bulk batch shards): kept in place, or temporary and removed by `dispose`. */
export interface ScratchFolder {
  /** The folder's path. */
  readonly path: string;
  /** The path of the file `name` in the folder. */
  file(name: string): string;
  /** Whether the file `name` exists. */
  has(name: string): boolean;
  /** Removes the file `name` if it exists. */
  remove(name: string): void;
  /** Removes the folder if it is temporary. */
  dispose(): Promise<void>;
}
