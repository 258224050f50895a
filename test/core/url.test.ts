import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MethodCall, MethodSpec } from '../../generated/transport.js';
import { InvalidArgumentError } from '../../src/core/index.js';
import { buildUrl, expandPath, joinUrl } from '../../src/core/url.js';
import { createAuthToken, gen, getModel, listFiles, streamGen } from './support/specs.js';

const BASE = 'https://generativelanguage.googleapis.com';

describe('buildUrl', () => {
  it('prefixes the version and keeps / in {+x}', () => {
    expect(buildUrl(BASE, 'v1beta', gen())).toBe(`${BASE}/v1beta/models/gemini-2.0-flash:generateContent`);
    expect(buildUrl(`${BASE}///`, 'v1', gen())).toBe(`${BASE}/v1/models/gemini-2.0-flash:generateContent`);
  });

  it('uses a pinned method version', () => {
    expect(buildUrl(BASE, 'v1beta', { spec: createAuthToken, params: {} })).toBe(
      `${BASE}/v1alpha/auth_tokens`,
    );
  });

  it('adds alt=sse for streaming methods', () => {
    expect(buildUrl(BASE, 'v1beta', streamGen())).toBe(
      `${BASE}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`,
    );
  });

  it('puts non-path params in the query (repeated, numbers, booleans; undefined skipped) plus per-call query', () => {
    const spec: MethodSpec = {
      ...listFiles,
      params: { ...listFiles.params, tags: { location: 'query', type: 'string', repeated: true } },
    };
    const call: MethodCall = {
      spec,
      params: { pageSize: 10, pageToken: undefined, tags: ['a b', 'c&d'], flag: true },
    };
    expect(buildUrl(BASE, 'v1beta', call, { extra: 1, on: false })).toBe(
      `${BASE}/v1beta/files?pageSize=10&tags=a+b&tags=c%26d&flag=true&extra=1&on=false`,
    );
  });

  it('requires required query params', () => {
    const spec: MethodSpec = {
      ...listFiles,
      params: { q: { location: 'query', type: 'string', required: true } },
    };
    expect(() => buildUrl(BASE, 'v1beta', { spec, params: {} })).toThrow(
      /missing required query parameter "q"/,
    );
  });
});

describe('expandPath', () => {
  it('encodes each segment of {+x} but keeps slashes; {x} encodes slashes', () => {
    const spec: MethodSpec = {
      id: 't.x',
      httpMethod: 'GET',
      path: '{+name}/x/{id}',
      params: { name: { location: 'path', type: 'string' }, id: { location: 'path', type: 'string' } },
    };
    expect(expandPath(spec.path, { spec, params: { name: 'a b/c?d#e', id: 'p/q r' } })).toBe(
      'a%20b/c%3Fd%23e/x/p%2Fq%20r',
    );
  });

  it('validates path params against their pattern before sending', () => {
    const bad = () => expandPath(getModel.path, { spec: getModel, params: { name: 'gemini-2.0-flash' } });
    expect(bad).toThrow(InvalidArgumentError);
    expect(bad).toThrow(
      'models.get: path parameter "name" must match ^models/[^/]+$, got "gemini-2.0-flash"',
    );
    expect(() => expandPath(getModel.path, { spec: getModel, params: { name: 'models/a/b' } })).toThrow(
      InvalidArgumentError,
    );
    expect(expandPath(getModel.path, { spec: getModel, params: { name: 'models/gemini-2.5-pro' } })).toBe(
      'models/gemini-2.5-pro',
    );
  });

  it('rejects missing and empty path params', () => {
    expect(() => expandPath(getModel.path, { spec: getModel, params: {} })).toThrow(
      'models.get: missing required path parameter "name"',
    );
    expect(() => expandPath(getModel.path, { spec: getModel, params: { name: '' } })).toThrow(
      InvalidArgumentError,
    );
  });

  it('rejects dot segments (path traversal) even when the pattern allows them', () => {
    const spec: MethodSpec = {
      id: 'files.get',
      httpMethod: 'GET',
      path: '{+name}',
      params: { name: { location: 'path', type: 'string', pattern: '^files/.+$' } },
    };
    expect(() => expandPath(spec.path, { spec, params: { name: 'files/..' } })).toThrow(
      /"\." or "\.\." segments/,
    );
    expect(() => expandPath(spec.path, { spec, params: { name: 'files/a/../../x' } })).toThrow(
      InvalidArgumentError,
    );
    expect(expandPath(spec.path, { spec, params: { name: 'files/a..b' } })).toBe('files/a..b');
  });
});

describe('expandPath fast paths', () => {
  // The expansion skips encodeURIComponent when a value has nothing to encode; it must give exactly what
  // encoding every segment would.
  const spec: MethodSpec = {
    id: 't.x',
    httpMethod: 'GET',
    path: 'v/{+name}:do/{id}',
    params: { name: { location: 'path', type: 'string' }, id: { location: 'path', type: 'string' } },
  };
  const dotFree = (s: string): boolean => !s.split('/').some((x) => x === '.' || x === '..');
  const chars = fc.constantFrom(..."aZ9-_.!~*'()/%?#:@&=+$, é\u0000😀[]".split(/(?:)/u));
  const value = fc.string({ unit: chars, minLength: 1 }).filter(dotFree);
  it('equals per-segment encoding for any value', () => {
    fc.assert(
      fc.property(value, value, (name, id) => {
        const want = `v/${name.split('/').map(encodeURIComponent).join('/')}:do/${encodeURIComponent(id)}`;
        expect(expandPath(spec.path, { spec, params: { name, id } })).toBe(want);
      }),
      { numRuns: 500 },
    );
  });
});

describe('joinUrl', () => {
  it('joins relative, absolute and full URLs', () => {
    expect(joinUrl(BASE, 'v1beta', 'files/abc')).toBe(`${BASE}/v1beta/files/abc`);
    expect(joinUrl(`${BASE}/`, 'v1beta', '/upload/v1beta/files')).toBe(`${BASE}/upload/v1beta/files`);
    expect(joinUrl(BASE, 'v1beta', 'https://up.example/x?id=1')).toBe('https://up.example/x?id=1');
  });
});
