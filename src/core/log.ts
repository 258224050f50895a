// Debug logging of requests: method, URL (never secrets), status, latency and retry decisions.

import { readEnv } from './env.js';

/** Receives the transport's debug messages. */
export interface Logger {
  /** One debug line with optional structured data. */
  debug(message: string, data?: Record<string, unknown>): void;
}

/** A logger writing to `console.debug` with a `[gemini]` prefix. */
export const consoleLogger: Logger = {
  debug: (message, data) => console.debug(`[gemini] ${message}`, data ?? ''),
};

/** The given logger, else `consoleLogger` when the environment has `GEMINI_LOG=debug`, else none. */
export function resolveLogger(logger: Logger | undefined): Logger | undefined {
  return logger ?? (readEnv('GEMINI_LOG') === 'debug' ? consoleLogger : undefined);
}
