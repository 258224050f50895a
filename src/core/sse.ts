// A server-sent events reader following the WHATWG "event stream interpretation" rules:
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
// LF, CRLF and CR line ends; multi-line `data:`; `:` comments; `event:`, `id:` and `retry:` fields; events
// and UTF-8 sequences split across chunks. It never buffers more than the current event.

import { StreamError } from './errors.js';

/** One dispatched server-sent event. */
export interface SseEvent {
  /** The `event:` field, `message` when absent. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last event id seen so far (`id:` persists across events), `''` if none. */
  id: string;
  /** The latest `retry:` reconnection time in ms, if the stream sent one. */
  retry?: number;
}

const EOL = /[\r\n]/g;

/** Incremental SSE parser over decoded text: feed chunks, collect dispatched events, then `end()`. */
export class SseParser {
  #line = '';
  #afterCR = false;
  #data: string[] = [];
  #event = '';
  #id = '';
  #retry: number | undefined;

  /** Parses a chunk of text and returns the events it completed. */
  feed(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    if (chunk === '') return out;
    let start = 0;
    if (this.#afterCR && chunk.charCodeAt(0) === 10) start = 1;
    this.#afterCR = false;
    EOL.lastIndex = start;
    for (let m = EOL.exec(chunk); m !== null; m = EOL.exec(chunk)) {
      const end = m.index;
      const line = this.#line + chunk.slice(start, end);
      this.#line = '';
      start = end + 1;
      if (chunk.charCodeAt(end) === 13) {
        if (start === chunk.length) this.#afterCR = true;
        else if (chunk.charCodeAt(start) === 10) start++;
      }
      EOL.lastIndex = start;
      this.#processLine(line, out);
    }
    this.#line += chunk.slice(start);
    return out;
  }

  /**
   * Ends the stream; throws `StreamError` if an event (or a line) was left incomplete. The error quotes the
   * start of the pending text after passing it through `redact`.
   */
  end(redact: (text: string) => string = (t) => t): void {
    if (this.#line !== '' || this.#data.length > 0) {
      const pending = redact(this.#line || this.#data.join('\n')).slice(0, 80);
      throw new StreamError(`stream ended in the middle of an event: ${JSON.stringify(pending)}`);
    }
  }

  #processLine(line: string, out: SseEvent[]): void {
    if (line === '') return this.#dispatch(out);
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id') {
      if (!value.includes('\0')) this.#id = value;
    } else if (field === 'retry') {
      if (/^\d+$/.test(value)) this.#retry = Number(value);
    }
  }

  #dispatch(out: SseEvent[]): void {
    if (this.#data.length > 0) {
      const e: SseEvent = { event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id };
      if (this.#retry !== undefined) e.retry = this.#retry;
      out.push(e);
    }
    this.#data = [];
    this.#event = '';
  }
}

/**
 * Reads server-sent events from a byte stream as they arrive. UTF-8 is decoded in stream mode (a leading
 * BOM is dropped). Throws `StreamError` when the stream ends mid-event. Returning early cancels the stream.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent, void, undefined> {
  const parser = new SseParser();
  for await (const text of decodeText(body)) yield* parser.feed(text);
  parser.end();
}

/**
 * Decodes a UTF-8 byte stream to text chunks (stream mode: sequences split across chunks are joined).
 * Calls `onChunk` for every chunk read. Cancels the stream if the consumer stops early.
 */
export async function* decodeText(
  body: ReadableStream<Uint8Array>,
  onChunk?: () => void,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      onChunk?.();
      const text = decoder.decode(r.value, { stream: true });
      if (text) yield text;
    }
    done = true;
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    if (!done) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
