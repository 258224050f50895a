// `new Gemini(options)`: one transport shared by every area of the API.
import { HttpTransport, DEFAULT_BASE_URL } from './core/transport.js';
import type { Logger } from './core/log.js';
import type { BackoffOptions } from './core/retry.js';
import { Models } from './models/models.js';
import { Chats } from './chats/chats.js';
import { Caches } from './caches/caches.js';
import { Batches } from './batches/batches.js';
import { Operations } from './operations/families.js';
import { Videos } from './videos/videos.js';
import { Files } from './files/files.js';
import { GeneratedFiles } from './files/generated-files.js';
import { FileSearchStores } from './file-search/stores.js';
import { Interactions } from './interactions/interactions.js';
import { Live } from './live/live.js';
import { AuthTokens } from './auth-tokens/auth-tokens.js';
import type { WebSocketConstructor } from './realtime/socket.js';
import type { ProxyOption } from './platform/types.js';
import { proxyRoute } from '#platform';
import { Bulk } from './bulk/bulk.js';
import { Tunings } from './tunings/tunings.js';

/** Options of the client. Every one has a sensible default. */
export interface GeminiOptions {
  /** API key; defaults to `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. A missing key fails the first request, clearly. */
  apiKey?: string;
  /** Service root; point it at `startEmulator()`'s `url` in tests. Default `https://generativelanguage.googleapis.com`. */
  baseUrl?: string;
  /** API version of method paths (default `v1beta`); methods that exist in one version only pin their own. */
  apiVersion?: string;
  /** A custom fetch (default: the global one, or a proxied one when `proxy` / `HTTPS_PROXY` is set). */
  fetch?: typeof fetch;
  /**
   * A WebSocket constructor for Live and Live Music (default: the global one, else `ws`; through the
   * proxy when one is set). A `connect` call's own `WebSocket` wins.
   */
  WebSocket?: WebSocketConstructor;
  /**
   * Node only: the proxy for REST calls, uploads and WebSockets, e.g. `'http://proxy.corp:3128'` or
   * `{ url, noProxy }`; `false` ignores the environment. Default: `HTTPS_PROXY` / `HTTP_PROXY` /
   * `NO_PROXY`. A custom `fetch` / `WebSocket` is used as given (not proxied). Browsers and workers use
   * the platform's own proxy settings (the option throws `UnsupportedRuntimeError` there).
   */
  proxy?: ProxyOption;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Per-attempt timeout in ms (for streams: the longest wait for headers and between chunks). Default: none —
   * model calls can take minutes; Node's fetch gives up by itself after 300 s without headers or data.
   */
  timeout?: number;
  /** Retries of a retryable failure (default 2). */
  maxRetries?: number;
  /** Overall time budget of a call in ms, across attempts and backoff (default: none). */
  deadline?: number;
  /** Backoff between retries (base/max delay, random source); server-requested delays are always honoured. */
  backoff?: BackoffOptions;
  /** Receives debug lines (method, URL without secrets, status, latency, retries); or set `GEMINI_LOG=debug`. */
  logger?: Logger;
}

/** The Gemini API client. */
export class Gemini {
  /** The transport every area uses; also what generated stubs take as their first argument. */
  readonly transport: HttpTransport;
  /** Models: metadata, generateContent (+ streaming), countTokens, embeddings. */
  readonly models: Models;
  /** Chats: multi-turn conversations that keep their history (`chats.create({ model })`). */
  readonly chats: Chats;
  /** Context caches: create, get, list, update (ttl / expireTime), delete; use with `cachedContent`. */
  readonly caches: Caches;
  /** Batch jobs of generateContent / embedContent requests (inline or JSONL): create, get, list, wait, results, cancel. */
  readonly batches: Batches;
  /** Long-running operations of every family by name: get, resume, wait, list, cancel, delete. */
  readonly operations: Operations;
  /** Veo video generation: generate (an Operation to wait on), resume, download. */
  readonly videos: Videos;
  /** Files: resumable uploads (paths, bytes, Blobs, streams), get, list, delete, waitUntilActive, download. */
  readonly files: Files;
  /** Files the service generated (`list()`). */
  readonly generatedFiles: GeneratedFiles;
  /** File search stores, their documents, uploads/imports (long-running operations). */
  readonly fileSearchStores: FileSearchStores;
  /** Interactions API: stateful conversations, streamed events, background agent runs (snake_case wire names). */
  readonly interactions: Interactions;
  /** Live API: realtime sessions over a WebSocket (`live.connect({ model, config })`). */
  readonly live: Live;
  /** Ephemeral tokens for Live sessions from browsers (v1alpha `auth_tokens`). */
  readonly authTokens: AuthTokens;
  /** Bulk runs over arrays, iterables or JSONL files: rate budgets, 429 back-off, a resumable journal, the Batch API. */
  readonly bulk: Bulk;
  /** Tuning jobs (@google/genai's `tunings`): tune, get, list, cancel, wait, over the tunedModels methods. */
  readonly tunings: Tunings;

  /** Creates a client; nothing is sent until the first call. */
  constructor(options: GeminiOptions = {}) {
    const route = options.fetch && options.WebSocket ? undefined : proxyRoute(options.proxy);
    this.transport = new HttpTransport({
      apiKey: options.apiKey,
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      apiVersion: options.apiVersion ?? 'v1beta',
      fetch: options.fetch ?? route?.fetch,
      headers: options.headers,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      deadline: options.deadline,
      backoff: options.backoff,
      logger: options.logger,
    });
    this.models = new Models(this.transport);
    this.chats = new Chats(this.transport);
    this.caches = new Caches(this.transport);
    this.files = new Files(this.transport);
    this.batches = new Batches(this.transport, this.files);
    this.operations = new Operations(this.transport);
    this.videos = new Videos(this.transport, this.files);
    this.generatedFiles = new GeneratedFiles(this.transport);
    this.fileSearchStores = new FileSearchStores(this.transport);
    this.interactions = new Interactions(this.transport);
    const ws = options.WebSocket;
    this.live = new Live(this.transport, ws ? async () => ws : route?.webSocket);
    this.authTokens = new AuthTokens(this.transport);
    this.bulk = new Bulk(this.transport, this.models, this.files, this.batches);
    this.tunings = new Tunings(this.transport);
  }
}
