// Environment access that works in browsers too: `process` is looked up lazily and only if it exists.
// Plus redaction, the one way secrets are removed from text that an error or a log line may show.

/** Reads an environment variable (trimmed, empty → `undefined`); `undefined` where there is no `process`. */
export function readEnv(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name]?.trim() || undefined;
}

/**
 * Replaces each given secret (and its URL-encoded form) in `text` with `[REDACTED]`, and so the value
 * of every `key=` / `access_token=` URL parameter. A secret of 8 or more characters goes wherever it
 * occurs; a shorter one (a test key like `'k'`) only as a whole token, not next to a letter, digit, `_`
 * or `-`, so that words merely containing it stay readable (`terminated` keeps its `e`s).
 */
export function redact(text: string, ...secrets: (string | undefined)[]): string {
  for (const s of secrets) {
    for (const v of s ? new Set([s, encodeURIComponent(s)]) : []) {
      text =
        v.length > 7
          ? text.split(v).join('[REDACTED]')
          : text.replace(new RegExp(`(?<![\\w-])${v.replace(/\W/g, '\\$&')}(?![\\w-])`, 'g'), '[REDACTED]');
    }
  }
  return text.replace(/([?&](key|access_token)=)[^&#\s"'\\]+/g, '$1[REDACTED]');
}
