// Bun and Deno (their npm packages ship the binaries) run the built package, resolved by name as users
// install it (Deno and Bun take the Node build: `deno`/`bun` conditions), against an emulator started
// by Node: generate, a stream, a Blob upload with progress, and a Live text turn over their WebSocket.
import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { startProxy } from '../platform/proxy-server.js';
import { expectScenario, requireBuild, ROOT, SCENARIO, scratchProject } from './support.js';

const STEPS = ['generate', 'stream', 'upload', 'live', 'music', 'bulk', 'path'];

/** Runs `command args` in `cwd`; resolves with stdout, rejects with stderr on a non-zero exit or after 90 s. */
function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited with ${code}:\n${err}\n${out}`));
    });
  });
}

describe('Bun and Deno run the built package', () => {
  let emu: RunningEmulator;
  const scratch = scratchProject();
  const runner = join(scratch.dir, 'run.mjs');

  beforeAll(async () => {
    requireBuild();
    writeFileSync(
      runner,
      `import { Gemini } from 'gemini-ts';
import { runScenario } from ${JSON.stringify(pathToFileURL(SCENARIO).href)};
const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const out = await runScenario(Gemini, args[0], args[1].split(','), args[2]);
console.log(JSON.stringify(out));
`,
    );
    emu = await startEmulator({ host: '127.0.0.1', port: 0 });
  });

  /** The scenario's checks, plus the path upload that only the Node build can do. */
  const expectResult = (stdout: string): void => {
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expectScenario(out, STEPS);
    expect(out['path']).toBe(String(statSync(runner).size));
  };

  afterAll(async () => {
    await emu?.close();
    scratch.dispose();
  });

  it('Bun', async () => {
    const bun = join(ROOT, 'node_modules/.bin/bun');
    const version = (await run(bun, ['--version'], scratch.dir, {})).trim();
    expect(version).toMatch(/^\d+\.\d+/);
    const out = await run(bun, ['run', runner, emu.url, STEPS.join(','), runner], scratch.dir, {});
    expectResult(out);
  });

  it.each(['bun', 'deno'])(
    '%s through HTTP_PROXY (the Node build routes every call and socket)',
    async (name) => {
      const proxy = await startProxy();
      try {
        const steps = ['generate', 'stream', 'upload', 'live'];
        const env = { HTTP_PROXY: proxy.url, NO_PROXY: '', DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
        const bin = join(ROOT, 'node_modules/.bin', name);
        const args =
          name === 'bun'
            ? ['run', runner, emu.url, steps.join(',')]
            : [
                'run',
                '--allow-net=127.0.0.1',
                '--allow-read',
                '--allow-env',
                runner,
                emu.url,
                steps.join(','),
              ];
        const before = emu.control.requests.length;
        const out = await run(bin, args, scratch.dir, env);
        expectScenario(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>, steps);
        const forwarded = proxy.carried.filter((c) => !c.line.startsWith('CONNECT'));
        expect(forwarded).toHaveLength(emu.control.requests.length - before);
        expect(proxy.carried.filter((c) => c.line.startsWith('CONNECT'))).toHaveLength(1); // the Live socket
      } finally {
        await proxy.close();
      }
    },
  );

  it('Deno', async () => {
    const deno = join(ROOT, 'node_modules/.bin/deno');
    const env = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    const out = await run(
      deno,
      [
        'run',
        '--allow-net=127.0.0.1',
        '--allow-read',
        '--allow-env',
        runner,
        emu.url,
        STEPS.join(','),
        runner,
      ],
      scratch.dir,
      env,
    );
    expectResult(out);
  });
});
