// The JSON layer over the SSE reader: parses each event's data, stops at `[DONE]`, and turns error objects
// into typed `ApiError`s. A body that is not an event stream at all (a plain JSON error or a JSON array,
// sometimes labelled text/event-stream) is recognised by its first character and decoded as JSON.

import { ApiError, StreamError } from './errors.js';
import { decodeText, SseParser, type SseEvent } from './sse.js';
import { isObject } from './json.js';

/** Options of `readJsonStream`. */
export interface JsonStreamOptions {
  /** Response headers, attached to errors raised from the stream. */
  headers?: Headers | undefined;
  /** Applied to server text before it is put into an error (e.g. to remove the API key). */
  redact?: ((text: string) => string) | undefined;
  /** Called for every chunk of bytes read (e.g. to restart an idle timer). */
  onChunk?: (() => void) | undefined;
}

type Json = Record<string, unknown>;

/** The `ApiError` for an `{error: {...}}` object found in a stream (its status is the error's `code`). */
function streamError(text: string, value: unknown, options: JsonStreamOptions): ApiError {
  const err = isObject(value) && isObject(value.error) ? value.error : {};
  const code = err.code;
  const status = typeof code === 'number' && code >= 400 && code <= 599 ? code : 500;
  return ApiError.from(status, options.redact ? options.redact(text) : text, options.headers ?? {});
}

/** Throws if `value` is an error envelope; otherwise returns it. */
function check(value: unknown, text: () => string, options: JsonStreamOptions): unknown {
  if (isObject(value) && isObject(value.error)) throw streamError(text(), value, options);
  return value;
}

function parse(text: string, what: string, options: JsonStreamOptions): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const shown = (options.redact ? options.redact(text) : text).slice(0, 80);
    throw new StreamError(`invalid JSON in ${what}: ${JSON.stringify(shown)}`);
  }
}

/** Parses one SSE event; `undefined` means `[DONE]`. */
function eventValue(ev: SseEvent, options: JsonStreamOptions): { value: unknown } | undefined {
  if (ev.data === '[DONE]') return undefined;
  if (ev.event === 'error' && !ev.data.trimStart().startsWith('{')) throw streamError(ev.data, {}, options);
  const value = check(parse(ev.data, 'event', options), () => ev.data, options);
  if (ev.event === 'error') throw streamError(ev.data, value, options);
  return { value };
}

/**
 * Yields the parsed JSON of each event of an SSE body until the stream ends or sends `data: [DONE]`.
 * Throws `ApiError` for an `{error}` event (or `event: error`), `StreamError` for invalid JSON or a stream
 * cut mid-event. A non-SSE JSON body is decoded whole: an error envelope throws, an array yields its elements.
 */
export async function* readJsonStream<T>(
  body: ReadableStream<Uint8Array>,
  options: JsonStreamOptions = {},
): AsyncGenerator<T, void, undefined> {
  const parser = new SseParser();
  let mode: 'sniff' | 'sse' | 'json' = 'sniff';
  let json = '';
  for await (const text of decodeText(body, options.onChunk)) {
    if (mode === 'sniff') {
      const first = text.trimStart()[0];
      if (first === undefined) {
        json += text;
        continue;
      }
      mode = first === '{' || first === '[' ? 'json' : 'sse';
    }
    if (mode === 'json') {
      json += text;
      continue;
    }
    const events = parser.feed(json + text);
    json = '';
    for (const ev of events) {
      const r = eventValue(ev, options);
      if (!r) return;
      yield r.value as T;
    }
  }
  if (mode !== 'json') return parser.end(options.redact);
  const value = parse(json, 'response body', options);
  for (const item of Array.isArray(value) ? value : [value]) {
    yield check(item, () => JSON.stringify(item), options) as T;
  }
}
