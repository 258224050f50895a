// The Node variant of the platform (also used by Deno and Bun, which run Node's modules): files, Node
// streams, `ws` where there is no global WebSocket, and proxies. Node modules load on first use only.
import { InvalidArgumentError } from '../core/errors.js';
import type { WebSocketConstructor } from '../realtime/socket.js';
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
export const RUNTIME = 'node';

/** Server runtimes can send headers on the WebSocket handshake (`{ headers }` second argument). */
export const HANDSHAKE_HEADERS = true;

/** Opens `path` for reading; rejects with the system error (ENOENT…), or `InvalidArgumentError` for a non-file. */
export async function openFileForRead(path: string): Promise<ReadableFile> {
  const fs = await import('node:fs/promises');
  const handle = await fs.open(path, 'r');
  const stat = await handle.stat().catch(async (e: unknown) => {
    await handle.close();
    throw e;
  });
  if (!stat.isFile()) {
    await handle.close();
    throw new InvalidArgumentError(`${JSON.stringify(path)} is not a file`);
  }
  return {
    size: stat.size,
    read: async (buffer, offset, length, position) =>
      (await handle.read(buffer, offset, length, position)).bytesRead,
    close: () => handle.close(),
  };
}

/** The size of the regular file at `path`, or `undefined` (missing, not a file). */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const st = await (await import('node:fs/promises')).stat(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/** Creates (or truncates) `path` for writing at any offset. */
export async function openFileForWrite(path: string): Promise<WritableFile> {
  const file = await (await import('node:fs/promises')).open(path, 'w');
  return {
    write: async (bytes, position) => void (await file.write(bytes, 0, bytes.byteLength, position)),
    truncate: (length) => file.truncate(length),
    close: () => file.close(),
  };
}

/** Server runtimes have a file system: bulk JSONL paths, journals and batch shard files work. */
export const FILE_SYSTEM = true;

/** Opens `path` to stream it from the start, or `undefined` when nothing is there. */
export async function openFileStream(path: string): Promise<StreamableFile | undefined> {
  const fs = await import('node:fs');
  const { Readable } = await import('node:stream');
  if (!fs.existsSync(path)) return undefined;
  const st = fs.statSync(path);
  return {
    size: st.size,
    modifiedMs: st.mtimeMs,
    stream: () => Readable.toWeb(fs.createReadStream(path)) as ReadableStream<Uint8Array>,
  };
}

const SYNC_FLAGS = { read: 'r', create: 'w', update: 'r+' } as const;

/** Opens `path` for synchronous reads and writes (`update` creates it when missing). */
export async function openSyncFile(path: string, mode: SyncFileMode): Promise<SyncFile> {
  const fs = await import('node:fs');
  const fd = fs.openSync(path, mode === 'update' && !fs.existsSync(path) ? 'w+' : SYNC_FLAGS[mode]);
  return {
    size: fs.fstatSync(fd).size,
    read: (buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
    write: (bytes, position) => void fs.writeSync(fd, bytes, 0, bytes.byteLength, position ?? null),
    truncate: (length) => fs.ftruncateSync(fd, length),
    close: () => fs.closeSync(fd),
  };
}

/** `kept` (created if missing, left in place), or a new temporary folder that `dispose` removes. */
export async function openScratchFolder(kept: string | undefined): Promise<ScratchFolder> {
  const fs = await import('node:fs');
  const { join } = await import('node:path');
  let path: string;
  if (kept) {
    path = kept;
    fs.mkdirSync(path, { recursive: true });
  } else {
    const { tmpdir } = await import('node:os');
    path = fs.mkdtempSync(join(tmpdir(), 'gemini-bulk-'));
  }
  return {
    path,
    file: (name) => join(path, name),
    has: (name) => fs.existsSync(join(path, name)),
    remove: (name) => fs.rmSync(join(path, name), { force: true }),
    dispose: async () => {
      if (!kept) fs.rmSync(path, { recursive: true, force: true });
    },
  };
}

/**
 * A data file shipped with the SDK: a `file:` URL is read from disk, another URL fetched; a relative
 * path (the CommonJS build, where `import.meta.url` is empty) is found next to the built code.
 */
export async function readShippedFile(file: URL | string): Promise<Uint8Array> {
  if (typeof file === 'string' || file.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    if (typeof file !== 'string') return readFile((await import('node:url')).fileURLToPath(file));
    return readFile((await import('node:path')).join(__dirname, file));
  }
  return fetchShippedFile(file);
}

async function fetchShippedFile(file: URL): Promise<Uint8Array> {
  const res = await fetch(file);
  if (!res.ok) throw new Error(`${file.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Pipes a web stream into a file path or a Node writable (back-pressure and errors as `pipeline`). */
export async function pipeToNode(
  body: ReadableStream<Uint8Array>,
  destination: string | NodeWritableLike,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { Readable, Writable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const target =
    typeof destination === 'string'
      ? (await import('node:fs')).createWriteStream(destination)
      : (destination as unknown as InstanceType<typeof Writable>);
  const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  await pipeline(source, target, signal ? { signal } : {});
}

/** The global `WebSocket` (Node ≥ 22, Deno, Bun), else `ws` (Node 20). */
export async function defaultWebSocket(): Promise<WebSocketConstructor> {
  const global = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof global === 'function') return global as WebSocketConstructor;
  const mod = (await import('ws')) as unknown as { WebSocket?: unknown; default?: unknown };
  return (mod.WebSocket ?? mod.default) as WebSocketConstructor;
}

/** Environment variable by lower-case name, else upper-case (curl's convention), empty → undefined. */
function proxyEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  return (env[name] ?? env[name.toUpperCase()])?.trim() || undefined;
}

/**
 * The proxy route for `option` (default: the environment's `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`), or
 * `undefined` when no proxy is configured: then the plain global fetch and WebSocket are used. The
 * proxy code itself (node:http, node:net, node:tls, `ws`) loads with the first request.
 */
export function proxyRoute(option: ProxyOption | undefined): ProxyRoute | undefined {
  if (option === false) return undefined;
  if (option === undefined) {
    const https = proxyEnv('https_proxy');
    const http = proxyEnv('http_proxy');
    if (!https && !http) return undefined;
    // As undici's EnvHttpProxyAgent: https: targets use HTTPS_PROXY, else HTTP_PROXY; http: ones HTTP_PROXY only.
    option = { url: https ?? http!, http: http ?? false, noProxy: proxyEnv('no_proxy') };
  }
  const config = typeof option === 'string' ? { url: option } : option;
  let agents: ReturnType<typeof loadAgents> | undefined;
  const loadAgents = () => import('./proxy/index.js').then((m) => m.createProxyAgents(config));
  const ready = (): ReturnType<typeof loadAgents> => (agents ??= loadAgents());
  return {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
      (await ready()).fetch(input, init)) as typeof fetch,
    webSocket: async () => (await ready()).WebSocket,
  };
}
