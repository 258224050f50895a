// The whole client, bundled from the built package for the browser (export condition `browser`), in
// real Chromium: a page on one loopback origin calls the emulator on another (CORS), over fetch and
// the browser's own WebSocket. Debian's chromium at /usr/bin/chromium (.ci/run installs it).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { bundleFor, expectScenario, requireBuild, scratchProject, SCENARIO } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const present = existsSync(CHROMIUM);
if (!present && process.env['CI'])
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
if (!present) console.warn(`browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!present)('the browser build in Chromium', () => {
  let emu: RunningEmulator;
  let page: Server;
  let pageOrigin: string;
  let context: BrowserContext;
  let profile: string;
  const scratch = scratchProject();

  beforeAll(async () => {
    requireBuild();
    const app = await bundleFor(
      scratch.dir,
      `import { Gemini } from 'gemini-ts';
import { runScenario } from ${JSON.stringify(SCENARIO)};
window.scenario = (baseUrl, steps) => runScenario(Gemini, baseUrl, steps);
window.ready = true;`,
      'browser',
    );
    emu = await startEmulator({ host: '127.0.0.1', port: 0 });
    page = createServer((req, res) => {
      if (req.url === '/app.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
      } else {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>gemini-ts</title><script type="module" src="/app.js"></script>');
      }
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'gemini-ts-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => page?.close(r));
    await emu?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    scratch.dispose();
  });

  it('runs generate, a stream, a Blob upload with progress, a Live turn and Live Music cross-origin', async () => {
    expect(new URL(emu.url).origin).not.toBe(pageOrigin);
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(pageOrigin);
    await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const steps = ['generate', 'stream', 'upload', 'live', 'music', 'bulk', 'nodeOnly'];
    const out = await tab.evaluate(
      ([base, s]) =>
        (
          window as unknown as { scenario: (b: string, s: string[]) => Promise<Record<string, unknown>> }
        ).scenario(base as string, s as string[]),
      [emu.url, steps] as const,
    );
    expectScenario(out, steps);
    expect(errors).toEqual([]);
    // The page really was cross-origin: the emulator saw the page's Origin on the API calls.
    const log = emu.control.requests;
    expect(log.some((r) => r.headers['origin'] === pageOrigin)).toBe(true);
  });
});
