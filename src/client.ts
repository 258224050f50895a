// `new Gemini(options)`: one transport shared by every area of the API.
import { HttpTransport, DEFAULT_BASE_URL } from './core/transport.js';
import type { Logger } from './core/log.js';
import { Models } from './models/models.js';

/** Options of the client. Every one has a sensible default. */
export interface GeminiOptions {
  /** API key; defaults to `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. A missing key fails the first request, clearly. */
  apiKey?: string;
  /** Service root; point it at `startEmulator()`'s `url` in tests. Default `https://generativelanguage.googleapis.com`. */
  baseUrl?: string;
  /** API version of method paths (default `v1beta`); methods that exist in one version only pin their own. */
  apiVersion?: string;
  /** A custom fetch (default: the global one). */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout in ms (default 60 000). */
  timeout?: number;
  /** Retries of a retryable failure (default 2). */
  maxRetries?: number;
  /** Receives debug lines (method, URL without secrets, status, latency, retries); or set `GEMINI_LOG=debug`. */
  logger?: Logger;
}

/** The Gemini API client. */
export class Gemini {
  /** The transport every area uses; also what generated stubs take as their first argument. */
  readonly transport: HttpTransport;
  /** Models: metadata, generateContent (+ streaming), countTokens, embeddings. */
  readonly models: Models;

  /** Creates a client; nothing is sent until the first call. */
  constructor(options: GeminiOptions = {}) {
    this.transport = new HttpTransport({
      apiKey: options.apiKey,
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      apiVersion: options.apiVersion ?? 'v1beta',
      fetch: options.fetch,
      headers: options.headers,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      logger: options.logger,
    });
    this.models = new Models(this.transport);
  }
}
