// Issue 14 item 1: no request line, target, header or body kills the process that embeds the emulator;
// every failure answers a 4xx in the google.rpc shape. Raw sockets to 127.0.0.1 only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningEmulator } from '../../emulator/index.js';
import { httpCall, rawExchange, rpcError, start } from './emulator-support.js';

const UPGRADE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

async function stillServes(emu: RunningEmulator): Promise<void> {
  const res = await fetch(`${emu.url}/v1beta/models?key=k`, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
}

function bodyOf(text: string): string {
  return text.slice(text.indexOf('\r\n\r\n') + 4);
}

describe('malformed request targets', () => {
  it('OPTIONS * answers 400 INVALID_ARGUMENT (request and upgrade handlers)', async () => {
    const emu = await start();
    const plain = await rawExchange(
      emu.port,
      'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(plain.status).toBe(400);
    expect(rpcError(bodyOf(plain.text))).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    const upgrade = await rawExchange(emu.port, `OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`);
    expect(upgrade.status).toBe(400);
    await stillServes(emu);
  });

  it('a broken absolute-form target (http://[::1/ws) answers 400 on both handlers, as do an HTTP/2.0 request line and two Host headers', async () => {
    const emu = await start();
    const upgrade = await rawExchange(emu.port, `GET http://[::1/ws HTTP/1.1\r\nHost: x\r\n${UPGRADE}\r\n`);
    expect(upgrade.status).toBe(400);
    expect(rpcError(bodyOf(upgrade.text))).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    const plain = await rawExchange(
      emu.port,
      'GET http://[::1/ws HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(plain.status).toBe(400);
    const garbage = await rawExchange(
      emu.port,
      'GET v1beta/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(garbage.status).toBe(400);
    const h2 = await rawExchange(
      emu.port,
      `GET /v1beta/models?key=k HTTP/2.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(h2.status).toBe(400);
    const twoHosts = await rawExchange(
      emu.port,
      `GET /v1beta/models?key=k HTTP/1.1\r\nHost: 127.0.0.1:${emu.port}\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`,
    );
    expect(twoHosts.status).toBe(400);
    await stillServes(emu);
  });

  it('a well-formed absolute-form target is served, and its authority replaces Host', async () => {
    const emu = await start();
    const ok = await rawExchange(
      emu.port,
      `GET http://127.0.0.1:${emu.port}/v1beta/models?key=k HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`,
    );
    expect(ok.status).toBe(200);
    const foreign = await rawExchange(
      emu.port,
      `GET http://attacker.example/v1beta/models?key=k HTTP/1.1\r\nHost: 127.0.0.1:${emu.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(foreign.status).toBe(403);
  });

  it('bad percent-encoding, huge headers, bad JSON, invalid UTF-8 and a non-object root answer 4xx', async () => {
    const emu = await start();
    const gen = '/v1beta/models/gemini-2.5-flash:generateContent';
    const badPath = await httpCall(emu, 'POST', '/v1beta/models/%E0%A4%A:generateContent?key=k', {}, '{}');
    expect(badPath.status).toBeGreaterThanOrEqual(400);
    expect(badPath.status).toBeLessThan(500);
    const badQuery = await httpCall(emu, 'GET', '/v1beta/models?key=k&pageSize=%FF%', {});
    expect(badQuery.status).toBe(400);
    const huge = await rawExchange(
      emu.port,
      `GET /v1beta/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(huge.status).toBe(431);
    expect(rpcError(bodyOf(huge.text))).toMatchObject({ code: 431 });
    const json = { 'content-type': 'application/json', 'x-goog-api-key': 'k' };
    const badJson = await httpCall(emu, 'POST', gen, json, '{"contents": [');
    expect(badJson.status).toBe(400);
    expect(rpcError(badJson.body)?.message).toMatch(/^Invalid JSON payload received/);
    const badUtf8 = await httpCall(
      emu,
      'POST',
      gen,
      json,
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    );
    expect(badUtf8.status).toBe(400);
    const root = await httpCall(emu, 'POST', gen, json, '[1,2]');
    expect(root.status).toBe(400);
    const nul = await rawExchange(
      emu.port,
      'GET /v1beta/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\0b\r\n\r\n',
    );
    expect(nul.status).toBe(400);
    const control = await httpCall(
      emu,
      'POST',
      '/__emulator/faults/fail',
      { 'content-type': 'application/json' },
      '{"count":',
    );
    expect(control.status).toBe(400);
    await stillServes(emu);
  });

  it('WebSocket frames with bad JSON, binary garbage or a non-object close the session, never the process', async () => {
    const emu = await start();
    const ws = emu.url.replace(/^http/, 'ws');
    const paths = [
      '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=k',
      '/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic?key=k',
    ];
    const frames: (string | Buffer)[] = [
      '{"setup":',
      Buffer.from([0xff, 0x00, 0xc3]),
      '[]',
      '"x"',
      '{"__proto__":{"polluted":1}}',
    ];
    for (const path of paths) {
      for (const frame of frames) {
        const code = await new Promise<number>((resolve) => {
          const sock = new WebSocket(`${ws}${path}`);
          const timer = setTimeout(() => {
            sock.terminate();
            resolve(-1);
          }, 5000);
          sock.on('open', () => sock.send(frame));
          sock.on('close', (c) => {
            clearTimeout(timer);
            resolve(c);
          });
          sock.on('error', () => undefined);
        });
        expect(code, `${path} ${String(frame)}`).toBeGreaterThanOrEqual(1000);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await stillServes(emu);
  });
});

// ---- fuzz: 1,000 malformed requests over raw sockets, every answer a 4xx, the process stays up ----

const token = fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-]{1,12}$/);
const junk = fc.string({ unit: 'binary', maxLength: 40 });
const crlfFree = (s: string): string => s.replace(/[\r\n]/g, '');

/** Targets that name nothing the emulator serves or cannot be parsed at all. */
const badTarget = fc.oneof(
  fc.constant('*'),
  fc.constantFrom(
    'http://[::1/ws',
    'http://[',
    'http://',
    'https://:0/',
    'foo',
    'v1beta/models',
    '//',
    '/%',
    '/%zz/%E0%A4%A',
  ),
  junk.map((s) => `http://[${crlfFree(s).replace(/ /g, '')}`),
  junk.map((s) => `/${encodeURIComponent(s)}%`),
  junk.map((s) => `/nope/${crlfFree(s).replace(/ /g, '%20')}`),
  fc.constant(`/${'x/'.repeat(3000)}`),
);

const badHeader = fc.oneof(
  fc.constant('Host: attacker.example'),
  fc.constant(`X-Big: ${'b'.repeat(17_000)}`),
  fc.constant('No colon here'),
  fc.constant(' Leading: space'),
  fc.constant('Bad Name: x'),
  fc.constant('X-Nul: a\0b'),
  fc.constant('Content-Length: 1\r\nContent-Length: 2'),
  fc.constant('Transfer-Encoding: chunked\r\nContent-Length: 3'),
  fc.constant('Transfer-Encoding: gzip, chunked, x'),
);

const badBody = fc.oneof(
  fc.constant('{"contents": ['),
  fc.constant('[1,2,3]'),
  fc.constant('"just a string"'),
  fc.constant('{"contents":[{"parts":[{"text":1}]}],"unknownField":{"__proto__":{"polluted":1}}}'),
  junk.map((s) => `{${s}`),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((b) => Buffer.concat([Buffer.from('{"'), Buffer.from(b), Buffer.from([0xff])]).toString('latin1')),
);

interface Case {
  readonly kind: 'target' | 'header' | 'body' | 'version';
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly header: string;
  readonly body: string;
  readonly upgrade: boolean;
}

const fuzzCase: fc.Arbitrary<Case> = fc.record({
  kind: fc.constantFrom('target', 'header', 'body', 'version'),
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'OPTIONS', 'PATCH', 'DELETE', 'PUT', 'HEAD'), token),
  target: badTarget,
  version: fc.constantFrom('HTTP/2.0', 'HTTP/1.2', 'HTTP/7.7', 'HTTP/1.1x', 'HTTP/x', 'http/1.1', 'FOO'),
  header: badHeader,
  body: badBody,
  upgrade: fc.boolean(),
});

/** One malformed request: exactly one part is broken on purpose, the rest are random but plausible. */
function render(c: Case, port: number): string {
  const host = `Host: 127.0.0.1:${port}`;
  const up = c.upgrade ? UPGRADE : '';
  switch (c.kind) {
    case 'target':
      return `${c.method} ${c.target} HTTP/1.1\r\n${host}\r\n${up}Connection: close\r\n\r\n`;
    case 'header':
      return `${c.method === 'HEAD' ? 'GET' : c.method} /v1beta/models?key=k HTTP/1.1\r\n${host}\r\n${c.header}\r\n${up}Connection: close\r\n\r\n`;
    case 'version':
      return `GET /v1beta/models?key=k ${c.version}\r\n${host}\r\nConnection: close\r\n\r\n`;
    case 'body': {
      const body = Buffer.from(c.body, 'latin1');
      return `POST /v1beta/models/gemini-2.5-flash:generateContent?key=k HTTP/1.1\r\n${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${c.body}`;
    }
  }
}

describe('fuzz: malformed request lines, headers and bodies over raw sockets', () => {
  it('1,000 seeded cases: every one answers 4xx and the emulator keeps serving', async () => {
    const emu = await start();
    const started = Date.now();
    // Sampled (seeded) rather than fc.assert, so a failure lists short request heads, not 17 KB headers.
    const cases = fc.sample(fuzzCase, { seed: 20261202, numRuns: 1000 });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < cases.length; i += 10) {
      await Promise.all(
        cases.slice(i, i + 10).map(async (c) => {
          const text = render(c, emu.port);
          const answer = await rawExchange(emu.port, Buffer.from(text, 'latin1'), 5000, true);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status < 400 || answer.status >= 500)
            failures.push(`${answer.status} ← ${c.kind}: ${JSON.stringify(text.slice(0, 120))}`);
        }),
      );
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect(statuses.size).toBeGreaterThanOrEqual(3); // 400, 403, 404, 431…: the cases reach different layers
    expect(Date.now() - started).toBeLessThan(60_000);
    await stillServes(emu);
  }, 90_000);
});
