/**
 * Paths, time and keys as users meet them: the official client's `//ws/…` WebSocket paths, long-running
 * operations that finish in about a second by default (the clock stays controllable), and API keys
 * restricted with `apiKeys` (the start-up line says which keys the CLI accepts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClock } from '../../emulator/index.js';
import { api, body, KEY, start, userTurn, type ErrorEnvelope } from '../emulator/helpers.js';

/** Opens a WebSocket, sends `setup`, resolves with the first message (or the close code). */
function firstMessage(url: string, setup: unknown): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => resolve('timeout'), 10_000);
    ws.on('open', () => ws.send(JSON.stringify({ setup })));
    ws.on('message', (d) => {
      clearTimeout(timer);
      ws.close();
      resolve(String(d));
    });
    ws.on('close', (code) => resolve(`closed ${code}`));
    ws.on('error', () => resolve('error'));
  });
}

describe("the official client's //ws/ paths", () => {
  it('serves Live, constrained Live and Music under //ws/…, as the service does', async () => {
    const emu = await start();
    const ws = emu.url.replace(/^http/, 'ws');
    const live = `${ws}//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=${KEY}`;
    expect(await firstMessage(live, { model: 'models/gemini-live-2.5-flash-preview' })).toContain(
      'setupComplete',
    );

    const music = `${ws}//ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateMusic?key=${KEY}`;
    expect(await firstMessage(music, { model: 'models/lyria-realtime-exp' })).toContain('setupComplete');

    const token = await body<{ name: string }>(await api(emu, '/v1alpha/auth_tokens', { json: { uses: 1 } }));
    const constrained = `${ws}//ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained?access_token=${token.name}`;
    expect(await firstMessage(constrained, { model: 'models/gemini-live-2.5-flash-preview' })).toContain(
      'setupComplete',
    );
  });
});

describe('long-running operations', () => {
  it('a Veo operation finishes in about a second of real time by default', async () => {
    const emu = await start();
    const t0 = Date.now();
    const op = await body<{ name: string }>(
      await api(emu, '/v1beta/models/veo-3.0-generate-001:predictLongRunning', {
        json: { instances: [{ prompt: 'a cat' }] },
      }),
    );
    let done = false;
    while (!done && Date.now() - t0 < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      done =
        (await body<{ done?: boolean }>(await api(emu, `/v1beta/${op.name}`, { method: 'GET' }))).done ===
        true;
    }
    expect(done).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5_000); // 1 s emulated; generous on a loaded machine
  });

  it('keeps the clock controllable for long waits (frozen clock, configured durations)', async () => {
    const emu = await start({ clock: createClock({ frozen: true }) });
    emu.control.videos.configure({ durationMs: 120_000 });
    const op = await body<{ name: string }>(
      await api(emu, '/v1beta/models/veo-3.1-generate-preview:predictLongRunning', {
        json: { instances: [{ prompt: 'a slow sunrise' }] },
      }),
    );
    const poll = async (): Promise<boolean> =>
      (await body<{ done?: boolean }>(await api(emu, `/v1beta/${op.name}`, { method: 'GET' }))).done === true;
    emu.control.clock.advance(60_000);
    expect(await poll()).toBe(false);
    emu.control.clock.advance(60_000);
    expect(await poll()).toBe(true);
  });
});

describe('API keys', () => {
  it('accepts only the given keys, with the service 400 API_KEY_INVALID for the rest (REST and Live)', async () => {
    const emu = await start({ apiKeys: ['right-key'] });
    const path = '/v1beta/models/gemini-2.5-flash:generateContent';
    const ok = await api(emu, path, { json: userTurn('hi'), headers: { 'x-goog-api-key': 'right-key' } });
    expect(ok.status).toBe(200);
    const bad = await api(emu, path, { json: userTurn('hi'), headers: { 'x-goog-api-key': 'rigth-key' } });
    expect(bad.status).toBe(400);
    const err = (await body<ErrorEnvelope>(bad)).error;
    expect(err).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'API key not valid. Please pass a valid API key.',
    });
    expect(err.details?.[0]).toMatchObject({ reason: 'API_KEY_INVALID', domain: 'googleapis.com' });
    const ws = emu.url.replace(/^http/, 'ws');
    const live = `${ws}/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=rigth-key`;
    expect(await firstMessage(live, { model: 'models/gemini-live-2.5-flash-preview' })).toBe('closed 1008');
  });

  it('the CLI start-up line says which keys it accepts', { timeout: 60_000 }, async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const line = (args: string[]): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', ...args],
          {
            cwd: root,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += String(d);
          if (out.includes('\n')) {
            child.kill('SIGTERM');
            resolve(out.trim());
          }
        });
        child.on('error', reject);
        child.on('exit', () => resolve(out.trim()));
      });
    expect(await line([])).toMatch(
      /^Gemini emulator listening on http:\/\/127\.0\.0\.1:\d+ \(API keys: any non-empty key/,
    );
    expect(await line(['--api-key', 'a', '--api-key', 'b'])).toMatch(
      /\(API keys: only the 2 keys given with --api-key\)$/,
    );
  });
});
