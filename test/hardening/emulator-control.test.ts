// Issue 14 item 3: the control API answers only local same-origin callers (Host, Origin, Sec-Fetch-Site,
// optional token) and never carries CORS headers; every route refuses a foreign Host (DNS rebinding);
// Live/Music WebSockets accept pages on any origin, as the service does.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningEmulator } from '../../emulator/index.js';
import { httpCall, rawExchange, rpcError, start } from './emulator-support.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const gen = async (emu: RunningEmulator): Promise<number> =>
  (
    await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { ...JSON_TYPE, 'x-goog-api-key': 'k' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
      signal: AbortSignal.timeout(10_000),
    })
  ).status;

const noCors = (headers: Readonly<Record<string, unknown>>): void => {
  expect(Object.keys(headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
};

describe('control routes: local same-origin callers only', () => {
  it('refuses a foreign Origin (reads and CORS-simple writes) with 403 and queues nothing', async () => {
    const emu = await start();
    const host = `127.0.0.1:${emu.port}`;
    const read = await httpCall(emu, 'GET', '/__emulator/requests', { origin: 'http://evil.example' });
    expect(read.status).toBe(403);
    expect(rpcError(read.body)).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    noCors(read.headers);
    const write = await httpCall(
      emu,
      'POST',
      '/__emulator/faults/fail',
      { 'content-type': 'text/plain', origin: 'http://evil.example' },
      '{"count":1,"code":503}',
    );
    expect(write.status).toBe(403);
    noCors(write.headers);
    const nullOrigin = await httpCall(emu, 'POST', '/__emulator/reset', { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const otherPort = await httpCall(emu, 'POST', '/__emulator/reset', {
      origin: `http://127.0.0.1:${emu.port + 1}`,
    });
    expect(otherPort.status).toBe(403);
    const crossSite = await httpCall(emu, 'POST', '/__emulator/faults/fail', {
      'content-type': 'text/plain',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await httpCall(emu, 'GET', '/__emulator/requests', { 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    // Nothing above reached the fault plan: the next call succeeds.
    expect(await gen(emu)).toBe(200);
    // The emulator's own origin, and non-browser callers, are served.
    const own = await httpCall(emu, 'GET', '/__emulator/health', {
      origin: `http://${host}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
    noCors(own.headers);
    expect((await fetch(`${emu.url}/__emulator/health`)).status).toBe(200);
  });

  it('never answers a preflight for a control route', async () => {
    const emu = await start();
    const pre = await httpCall(emu, 'OPTIONS', '/__emulator/faults/fail', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(pre.status).toBe(403);
    noCors(pre.headers);
  });

  it('refuses a foreign or port-less Host (DNS rebinding) on control routes; local names are served', async () => {
    const emu = await start();
    for (const host of [
      'attacker.example',
      `attacker.example:${emu.port}`,
      '127.0.0.1',
      `127.0.0.1:${emu.port + 1}`,
    ]) {
      const res = await httpCall(emu, 'GET', '/__emulator/requests', { host });
      expect(res.status, host).toBe(403);
      expect(rpcError(res.body)?.message).toMatch(/Host/);
    }
    for (const host of [
      `localhost:${emu.port}`,
      `127.0.0.1:${emu.port}`,
      `[::1]:${emu.port}`,
      `LOCALHOST.:${emu.port}`,
    ]) {
      expect((await httpCall(emu, 'GET', '/__emulator/health', { host })).status, host).toBe(200);
    }
    const noHost = await rawExchange(emu.port, 'GET /__emulator/requests HTTP/1.0\r\n\r\n');
    expect(noHost.status).toBe(403);
    const absolute = await rawExchange(
      emu.port,
      `GET http://127.0.0.1:${emu.port}/__emulator/requests HTTP/1.1\r\nHost: 127.0.0.1:${emu.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(absolute.status).toBe(403);
  });

  it('a control token, when set, is required in x-emulator-control-token (401 otherwise); API routes need none', async () => {
    const emu = await start({ controlToken: 's3cret-token' });
    expect((await httpCall(emu, 'GET', '/__emulator/health')).status).toBe(401);
    expect(
      (await httpCall(emu, 'GET', '/__emulator/health', { 'x-emulator-control-token': 'wrong' })).status,
    ).toBe(401);
    const ok = await httpCall(emu, 'GET', '/__emulator/requests', {
      'x-emulator-control-token': 's3cret-token',
    });
    expect(ok.status).toBe(200);
    expect(await gen(emu)).toBe(200);
    // The token never shows in the request log.
    await fetch(`${emu.url}/v1beta/models?key=k`, {
      headers: { 'x-emulator-control-token': 's3cret-token' },
    });
    expect(JSON.stringify(emu.control.requests)).not.toContain('s3cret-token');
    await expect(start({ controlToken: '' })).rejects.toThrow(RangeError);
  });
});

describe('every route: foreign Host names are refused (DNS rebinding), WebSocket origins are not', () => {
  it('API routes answer 403 to Host: attacker.example and serve local names on any port', async () => {
    const emu = await start();
    const foreign = await httpCall(emu, 'GET', '/v1beta/files?key=k', { host: 'attacker.example' });
    expect(foreign.status).toBe(403);
    expect(rpcError(foreign.body)).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    // A proxy or port mapping may change the port: API routes check only the name.
    expect((await httpCall(emu, 'GET', '/v1beta/models?key=k', { host: 'localhost:8080' })).status).toBe(200);
    expect((await httpCall(emu, 'GET', '/v1beta/models?key=k', { host: '10.1.2.3' })).status).toBe(200);
  });

  it('allowedHosts adds names (exact or .suffix), and "all" turns the check off', async () => {
    const emu = await start({ allowedHosts: ['emulator', '.svc.test'] });
    expect((await httpCall(emu, 'GET', '/v1beta/models?key=k', { host: 'emulator:8080' })).status).toBe(200);
    expect((await httpCall(emu, 'GET', '/v1beta/models?key=k', { host: 'a.svc.test' })).status).toBe(200);
    expect((await httpCall(emu, 'GET', '/__emulator/health', { host: `emulator:${emu.port}` })).status).toBe(
      200,
    );
    expect((await httpCall(emu, 'GET', '/v1beta/models?key=k', { host: 'emulator.evil' })).status).toBe(403);
    const open = await start({ allowedHosts: 'all' });
    expect((await httpCall(open, 'GET', '/v1beta/models?key=k', { host: 'anything.example' })).status).toBe(
      200,
    );
  });

  it('a Live upgrade with Origin: http://evil.example opens (as the service does); a foreign Host does not', async () => {
    const emu = await start();
    const path = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=k';
    const opened = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}${path}`, { origin: 'http://evil.example' });
      ws.on('open', () => {
        ws.close();
        resolve(true);
      });
      ws.on('error', () => resolve(false));
    });
    expect(opened).toBe(true);
    const upgrade =
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
    const foreign = await rawExchange(
      emu.port,
      `GET ${path} HTTP/1.1\r\nHost: attacker.example\r\n${upgrade}\r\n`,
    );
    expect(foreign.status).toBe(403);
    const unknown = await rawExchange(
      emu.port,
      `GET /ws/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}\r\n`,
    );
    expect(unknown.status).toBe(404);
  });
});
