// Environment access that works in browsers too: `process` is looked up lazily and only if it exists.

/** Reads an environment variable (trimmed, empty → `undefined`); `undefined` where there is no `process`. */
export function readEnv(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name]?.trim() || undefined;
}

/** Replaces every occurrence of `secret` in `text` with `[REDACTED]`. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[REDACTED]') : text;
}
