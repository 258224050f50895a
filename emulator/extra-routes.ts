/**
 * Routes outside the discovery document (the OpenAI-compatible endpoint under `/v1beta/openai/…`):
 * an exact verb + path, served by a feature's handler. They pass the same Host, CORS and request-log
 * steps as manifest routes (pipeline.ts); the handler checks keys and shapes its own answers.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorCore } from './core.js';
import type { HandlerResult } from './registry.js';

/** One request to an explicit route. */
export interface ExtraCall {
  readonly request: IncomingMessage;
  /** The query string. */
  readonly search: URLSearchParams;
  /** The whole request body. */
  readonly rawBody: Buffer;
  /** Aborted when the client goes away or the emulator closes. */
  readonly signal: AbortSignal;
  readonly core: EmulatorCore;
}

/** A route outside the manifest. */
export interface ExtraRoute {
  /** The name the request log shows as `methodId` (e.g. `openai.chat.completions.create`). */
  readonly id: string;
  handle(call: ExtraCall): HandlerResult | Promise<HandlerResult>;
}

/** Exact `VERB /path` → route. */
export class ExtraRoutes {
  private readonly routes = new Map<string, ExtraRoute>();

  /** Adds (or replaces) the route of `httpMethod path`. */
  add(httpMethod: string, path: string, route: ExtraRoute): void {
    this.routes.set(`${httpMethod} ${path}`, route);
  }

  /** The route of a request, if any. */
  match(httpMethod: string, pathname: string): ExtraRoute | undefined {
    return this.routes.get(`${httpMethod} ${pathname}`);
  }
}
