// HTTPS through a proxy: an https: service (a TLS front on the emulator, test certificate) reached via
// HTTPS_PROXY, so REST calls and the wss: Live socket go through CONNECT tunnels with TLS inside.
// The client runs in a child process because trusting a test CA takes NODE_EXTRA_CA_CERTS at startup.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { startProxy, type TestProxy } from './proxy-server.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const ROOT = join(import.meta.dirname, '..', '..');

describe('HTTPS_PROXY with an https: service', () => {
  let emu: RunningEmulator;
  let proxy: TestProxy;
  let front: Server;
  let frontPort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    emu = await startEmulator({ host: '127.0.0.1', port: 0 });
    proxy = await startProxy();
    const key = readFileSync(join(FIXTURES, 'localhost.key'));
    const cert = readFileSync(join(FIXTURES, 'localhost.crt'));
    // TLS terminator: decrypts and passes the bytes to the emulator's plain HTTP port.
    front = createServer({ key, cert }, (tls) => {
      const plain = connect(emu.port, '127.0.0.1');
      sockets.add(plain).add(tls);
      tls.pipe(plain).pipe(tls);
      plain.once('error', () => tls.destroy());
      tls.once('error', () => plain.destroy());
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    frontPort = (front.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => front?.close(r));
    await proxy?.close();
    await emu?.close();
  });

  it('tunnels the calls, the stream and the wss: socket through CONNECT', async () => {
    const base = `https://127.0.0.1:${frontPort}`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, 'https-client.ts'), base], {
        cwd: ROOT,
        env: {
          ...process.env,
          HTTPS_PROXY: proxy.url,
          NO_PROXY: '',
          HTTP_PROXY: '',
          NODE_EXTRA_CA_CERTS: join(FIXTURES, 'localhost.crt'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(stdout);
        else reject(new Error(`client exited with ${code}: ${stderr}`));
      });
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as {
      generate: string;
      chunks: number;
      live: string;
    };
    expect(result.generate).toMatch(/\S/);
    expect(result.chunks).toBeGreaterThan(1);
    expect(result.live).toMatch(/\S/);
    // Only tunnels, all to the service; the emulator saw the calls (through the TLS front).
    expect(proxy.carried.length).toBeGreaterThanOrEqual(2);
    expect(proxy.carried.every((c) => c.line === `CONNECT 127.0.0.1:${frontPort}`)).toBe(true);
    expect(emu.control.requests.length).toBe(2);
  });
});
