// Issue 14 item 9: wrong types get InvalidArgumentError before anything is sent — upload option bags,
// path parameters (a lone surrogate, an object) and request bodies (one JSON-safety check where the
// transport serialises, naming the JSON path of the bad value).
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/index.js';
import { toJson } from '../../src/core/body.js';
import type { GenerateContentInput } from '../../src/models/request.js';
import { MODEL, rejection, setup } from '../integration/helpers.js';

const bad = (x: unknown): GenerateContentInput => x as GenerateContentInput;

describe('wrong types are refused before sending', () => {
  it('upload option bags', async () => {
    const { emu, client } = await setup();
    const buf = Buffer.from('x');
    const calls: [string, () => Promise<unknown>][] = [
      ['mimeType: 123', () => client.files.upload(buf, { mimeType: 123 as unknown as string })],
      ['null options', () => client.files.upload(buf, null as unknown as undefined)],
      ['string options', () => client.files.upload(buf, 'text/plain' as unknown as undefined)],
      [
        'displayName: {}',
        () => client.files.upload(buf, { mimeType: 'text/plain', displayName: {} as string }),
      ],
      [
        'onProgress: 1',
        () => client.files.upload(buf, { mimeType: 'text/plain', onProgress: 1 as unknown as () => void }),
      ],
      ['signal: {}', () => client.files.upload(buf, { mimeType: 'text/plain', signal: {} as AbortSignal })],
      ['chunkSize: NaN', () => client.files.upload(buf, { mimeType: 'text/plain', chunkSize: NaN })],
      ['timeout: -1', () => client.files.upload(buf, { mimeType: 'text/plain', timeout: -1 })],
      [
        'resume null',
        () => client.files.resumeUpload('http://127.0.0.1:1/x', buf, null as unknown as undefined),
      ],
      [
        'store upload mimeType',
        () =>
          client.fileSearchStores.uploadToFileSearchStore('fileSearchStores/s', buf, {
            mimeType: 5 as unknown as string,
          }),
      ],
    ];
    for (const [what, call] of calls)
      expect(await rejection(call()), what).toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
  });

  it('path parameters: a lone surrogate or an object', async () => {
    const { emu, client } = await setup();
    for (const model of ['\uD800', 'gemini-\uDC00x', { toString: () => 'gemini-2.5-flash' }]) {
      const e = await rejection(client.models.generateContent(bad({ model, contents: 'hi' })));
      expect(e, String(model)).toBeInstanceOf(InvalidArgumentError);
    }
    for (const name of ['files/\uD800', 'files/a\uDFFFb']) {
      expect(await rejection(client.files.get(name))).toBeInstanceOf(InvalidArgumentError);
    }
    // A well-formed pair (an emoji) is fine: it is encoded, and the server answers.
    const e = await rejection(client.models.generateContent({ model: 'gemini-😀', contents: 'hi' }));
    expect(e).not.toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(1);
  });

  it('request bodies: NaN, Infinity, a symbol, a function, a bigint, undefined in an array', async () => {
    const { emu, client } = await setup();
    const cases: [unknown, RegExp][] = [
      [
        { model: MODEL, contents: 'x', generationConfig: { temperature: NaN } },
        /\$\.generationConfig\.temperature .*\(NaN\)/,
      ],
      [
        { model: MODEL, contents: 'x', generationConfig: { topP: Infinity } },
        /\$\.generationConfig\.topP .*\(Infinity\)/,
      ],
      [
        { model: MODEL, contents: [{ role: 'user', parts: [{ text: Symbol('t') }] }] },
        /\$\.contents\[0\]\.parts\[0\]\.text .*\(symbol\)/,
      ],
      [
        { model: MODEL, contents: [{ role: 'user', parts: [{ text: 'a', extra: () => 1 }] }] },
        /parts\[0\]\.extra .*\(function\)/,
      ],
      [
        { model: MODEL, contents: 'x', generationConfig: { seed: 1n } },
        /\$\.generationConfig\.seed .*\(bigint\)/,
      ],
      [
        { model: MODEL, contents: 'x', generationConfig: { stopSequences: ['a', undefined] } },
        /stopSequences\[1\] .*\(undefined\)/,
      ],
    ];
    for (const [input, message] of cases) {
      const e = await rejection(client.models.generateContent(bad(input)));
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect((e as Error).message).toMatch(message);
    }
    expect(emu.control.requests).toHaveLength(0);
  });

  it('toJson keeps what JSON keeps: undefined properties left out, toJSON honoured, nested paths', () => {
    expect(toJson({ a: 1, b: undefined, d: new Date(0) })).toBe('{"a":1,"d":"1970-01-01T00:00:00.000Z"}');
    expect(() => toJson({ tools: [{ x: [1, -Infinity] }] })).toThrow(
      /\$\.tools\[0\]\.x\[1\] .*\(-Infinity\)/,
    );
    expect(() => toJson(NaN)).toThrow(/request body: \$ cannot/);
  });
});
