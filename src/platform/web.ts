// The browser/worker variant of the platform: no file system, no Node streams, the runtime's own
// WebSocket and fetch (the browser handles proxies itself). Node-only features throw
// `UnsupportedRuntimeError` before anything is sent.
import type { WebSocketConstructor } from '../realtime/socket.js';
import { UnsupportedRuntimeError } from './errors.js';
import type {
  NodeWritableLike,
  ProxyOption,
  ProxyRoute,
  ReadableFile,
  ScratchFolder,
  StreamableFile,
  SyncFile,
  SyncFileMode,
  WritableFile,
} from './types.js';

/** Which variant this is. */
export const RUNTIME = 'web';

/** Browsers take a second WebSocket argument as subprotocols: handshake headers cannot be sent. */
export const HANDSHAKE_HEADERS = false;

/** Path inputs need a file system. */
export async function openFileForRead(_path: string): Promise<ReadableFile> {
  throw new UnsupportedRuntimeError('upload from a file path');
}

/** No file system: a path has no size here. */
export async function fileSize(_path: string): Promise<number | undefined> {
  return undefined;
}

/** WAV files need a file system. */
export async function openFileForWrite(_path: string): Promise<WritableFile> {
  throw new UnsupportedRuntimeError('writing a file');
}

/** No file system: bulk runs take arrays and (async) iterables, online. */
export const FILE_SYSTEM = false;

/** JSONL inputs by path need a file system (pass an array or an async iterable). */
export async function openFileStream(_path: string): Promise<StreamableFile | undefined> {
  throw new UnsupportedRuntimeError('a JSONL file path as a bulk source');
}

/** Journals and shard files need a file system. */
export async function openSyncFile(_path: string, _mode: SyncFileMode): Promise<SyncFile> {
  throw new UnsupportedRuntimeError('a bulk journal file');
}

/** Batch shard files need a file system. */
export async function openScratchFolder(_kept: string | undefined): Promise<ScratchFolder> {
  throw new UnsupportedRuntimeError('bulk batch mode (JSONL shard files)');
}

/** A data file shipped with the SDK, fetched (bundlers emit `new URL('…', import.meta.url)` files as assets). */
export async function readShippedFile(file: URL | string): Promise<Uint8Array> {
  if (typeof file === 'string') throw new UnsupportedRuntimeError(`reading ${file} without import.meta.url`);
  const res = await fetch(file);
  if (!res.ok) throw new Error(`${file.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Downloads go to a `WritableStream` here; paths and Node streams need Node. */
export async function pipeToNode(
  _body: ReadableStream<Uint8Array>,
  _destination: string | NodeWritableLike,
  _signal: AbortSignal | undefined,
): Promise<void> {
  throw new UnsupportedRuntimeError('downloadTo a file path or Node stream');
}

/** The runtime's WebSocket (every browser, Deno, Bun and workers have one). */
export async function defaultWebSocket(): Promise<WebSocketConstructor> {
  const global = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof global === 'function') return global as WebSocketConstructor;
  throw new UnsupportedRuntimeError('a WebSocket session without a global WebSocket (pass WebSocket)');
}

/** The browser (or the worker platform) decides about proxies: nothing to route here. */
export function proxyRoute(option: ProxyOption | undefined): ProxyRoute | undefined {
  if (option !== undefined && option !== false) throw new UnsupportedRuntimeError('the proxy option');
  return undefined;
}
