// The CLI's hardening switches: GEMINI_EMULATOR_CONTROL_TOKEN (an environment variable, so the token
// never shows in the process list) and --allowed-host. The CLI runs in its own process on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

async function startCli(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the CLI did not start within 20 s')), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code}`)));
  });
}

describe('gemini-emulator CLI', () => {
  it('requires the control token from GEMINI_EMULATOR_CONTROL_TOKEN and serves --allowed-host names', async () => {
    const url = await startCli(['--allowed-host', 'emulator'], {
      GEMINI_EMULATOR_CONTROL_TOKEN: 'cli-token',
    });
    expect((await fetch(`${url}/__emulator/health`)).status).toBe(401);
    const ok = await fetch(`${url}/__emulator/health`, {
      headers: { 'x-emulator-control-token': 'cli-token' },
    });
    expect(ok.status).toBe(200);
    expect((await fetch(`${url}/v1beta/models?key=k`)).status).toBe(200);
    const withHost = (host: string): Promise<number> =>
      new Promise((resolve, reject) => {
        get(`${url}/v1beta/models?key=k`, { headers: { host }, timeout: 10_000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    expect(await withHost('emulator:8080')).toBe(200);
    expect(await withHost('attacker.example')).toBe(403);
  }, 40_000);
});
