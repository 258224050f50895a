import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSse, SseParser, StreamError, type SseEvent } from '../../src/core/index.js';
import { collect, splitAt, streamOf } from './support/streams.js';

const parse = (text: string): SseEvent[] => {
  const p = new SseParser();
  const out = p.feed(text);
  p.end();
  return out;
};

describe('SseParser', () => {
  it('parses Gemini framing (data lines, CRLF, no [DONE])', () => {
    expect(parse('data: {"a":1}\r\n\r\ndata: {"a":2}\r\n\r\n')).toEqual([
      { event: 'message', data: '{"a":1}', id: '' },
      { event: 'message', data: '{"a":2}', id: '' },
    ]);
  });

  it('accepts LF, CRLF and CR line ends, mixed', () => {
    expect(parse('data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\r\n\n').map((e) => e.data)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('joins multi-line data with LF and strips exactly one leading space', () => {
    expect(parse('data: one\ndata:two\ndata:  three\ndata\n\n')[0]?.data).toBe('one\ntwo\n three\n');
  });

  it('handles comments, event, id (persistent) and retry fields', () => {
    const events = parse(
      ': keep-alive\nevent: step.delta\nid: 7\nretry: 1500\ndata: x\n\n: c\ndata: y\n\nid\ndata: z\n\n',
    );
    expect(events).toEqual([
      { event: 'step.delta', data: 'x', id: '7', retry: 1500 },
      { event: 'message', data: 'y', id: '7', retry: 1500 },
      { event: 'message', data: 'z', id: '', retry: 1500 },
    ]);
  });

  it('ignores ids with NUL, bad retry values, unknown fields and data-less events', () => {
    expect(parse('id: a\0b\nretry: 1x\nfoo: bar\nevent: e\n\ndata: q\n\n')).toEqual([
      { event: 'message', data: 'q', id: '' },
    ]);
  });

  it('keeps a CRLF split across chunks as one line end', () => {
    const p = new SseParser();
    expect(p.feed('data: a\r')).toEqual([]);
    expect(p.feed('\n')).toEqual([]);
    expect(p.feed('')).toEqual([]);
    expect(p.feed('\r')).toEqual([{ event: 'message', data: 'a', id: '' }]);
    expect(p.feed('\ndata: b\n\n')).toEqual([{ event: 'message', data: 'b', id: '' }]);
    p.end();
  });

  it('throws StreamError when the stream ends mid-event or mid-line', () => {
    const a = new SseParser();
    a.feed('data: {"a":1}\r\n\r\ndata: {"a":');
    expect(() => a.end()).toThrow(StreamError);
    const b = new SseParser();
    b.feed('data: complete line but no blank line\n');
    expect(() => b.end()).toThrow(/middle of an event/);
    const c = new SseParser();
    c.feed(': only a comment\nevent: x\n');
    expect(() => c.end()).not.toThrow();
  });
});

// --- property tests: random events, random line ends, random byte splits ---

const text = (exclude: RegExp) =>
  fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !exclude.test(s));
const arbEvent = fc.record({
  event: fc.option(text(/[\r\n]/), { nil: undefined }),
  id: fc.option(text(/[\r\n\0]/), { nil: undefined }),
  data: fc.array(text(/[\r\n]/), { minLength: 1, maxLength: 3 }),
  comment: fc.boolean(),
});
type Ev = typeof arbEvent extends fc.Arbitrary<infer T> ? T : never;
const EOLS = ['\n', '\r\n', '\r'] as const;

/** Serialises events with line ends chosen by `eols` (a CR never precedes an LF-ended blank line). */
function serialise(events: readonly Ev[], eols: readonly number[]): { wire: string; expected: SseEvent[] } {
  let wire = '';
  let k = 0;
  let prev = '';
  let lastId = '';
  const expected: SseEvent[] = [];
  const line = (l: string) => {
    let eol: string = EOLS[(eols[k++ % eols.length] ?? 0) % 3] ?? '\n';
    if (prev === '\r' && l === '' && eol !== '\r') eol = '\r';
    wire += l + eol;
    prev = eol;
  };
  for (const e of events) {
    if (e.comment) line(': a comment');
    if (e.event !== undefined) line(`event: ${e.event}`);
    if (e.id !== undefined) line(`id: ${e.id}`);
    for (const d of e.data) line(`data: ${d}`);
    line('');
    if (e.id !== undefined) lastId = e.id;
    expected.push({ event: e.event || 'message', data: e.data.join('\n'), id: lastId });
  }
  return { wire, expected };
}

describe('readSse properties', () => {
  it('yields the same events for any chunking of the UTF-8 bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEvent, { maxLength: 8 }),
        fc.array(fc.nat(2), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(400), { maxLength: 30 }),
        async (events, eols, cuts) => {
          const { wire, expected } = serialise(events, eols);
          const bytes = new TextEncoder().encode(wire);
          const got = await collect(readSse(streamOf(splitAt(bytes, cuts))));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses the same events for any split of the text (CRLF split included)', () => {
    fc.assert(
      fc.property(
        fc.array(arbEvent, { maxLength: 6 }),
        fc.array(fc.nat(2), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(300), { maxLength: 30 }),
        (events, eols, cuts) => {
          const { wire, expected } = serialise(events, eols);
          const points = [...new Set(cuts.map((c) => Math.min(c, wire.length)))].sort((a, b) => a - b);
          const p = new SseParser();
          const got: SseEvent[] = [];
          let prev = 0;
          for (const c of [...points, wire.length]) {
            got.push(...p.feed(wire.slice(prev, c)));
            prev = c;
          }
          p.end();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('raises StreamError for any truncation inside an event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbEvent, { minLength: 1, maxLength: 4 }), fc.nat(), async (events, n) => {
        const { wire } = serialise(events, [0]);
        const lastStart = serialise(events.slice(0, -1), [0]).wire.length;
        const cut = lastStart + (n % (wire.length - lastStart));
        const body = streamOf([wire.slice(0, cut)]);
        const run = collect(readSse(body));
        if (/^(: a comment\n|event: [^\n]*\n|id: [^\n]*\n)*$/.test(wire.slice(lastStart, cut))) {
          await run; // only complete non-data lines of the last event: nothing pending
        } else {
          await expect(run).rejects.toThrow(StreamError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decodes multibyte UTF-8 split inside a code point', async () => {
    const bytes = new TextEncoder().encode('data: héllo 😀 世界\r\n\r\n');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(await collect(readSse(streamOf(chunks)))).toEqual([
      { event: 'message', data: 'héllo 😀 世界', id: '' },
    ]);
  });

  it('drops a leading BOM', async () => {
    const got = await collect(
      readSse(streamOf([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf]), 'data: x\n\n'])),
    );
    expect(got).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('cancels the source when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new TextEncoder().encode('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const e of readSse(body)) {
      expect(e.data).toBe('x');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
