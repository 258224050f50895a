// The progress bar on a real terminal: `gemini batch run` inside tmux (a pseudo-terminal) draws a bar
// while it works and leaves only its summary line when done. Skipped, saying why, without tmux.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { CLI, ROOT } from './support.js';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasTmux)
  console.warn(
    'test/cli/terminal.test.ts: tmux is not installed (apt-get install tmux); the terminal test is skipped',
  );

let emu: RunningEmulator;
let dir: string;
const socket = `gemini-cli-test-${process.pid}`;
const tmux = (...args: string[]): string =>
  execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'gemini-tty-'));
});
afterAll(async () => {
  if (hasTmux) {
    try {
      tmux('kill-server'); // only the server on this test's own socket
    } catch {
      // already gone
    }
  }
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('gemini batch run on a terminal', () => {
  it('draws a live progress bar and ends on a clean summary line', async () => {
    const input = join(dir, 'in.jsonl');
    writeFileSync(
      input,
      Array.from({ length: 40 }, (_, i) => JSON.stringify({ contents: `t${i}` })).join('\n'),
    );
    emu.control.setLatency(60);
    const out = join(dir, 'out.jsonl');
    const cmd = [
      'env',
      'GEMINI_API_KEY=test-key',
      process.execPath,
      '--import',
      'tsx',
      CLI,
      'batch',
      'run',
      input,
      '-o',
      out,
      '-m',
      'gemini-2.5-flash',
      '--concurrency',
      '2',
      '--base-url',
      emu.url,
    ]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    tmux(
      'new-session',
      '-d',
      '-s',
      'bar',
      '-x',
      '120',
      '-y',
      '20',
      '-c',
      ROOT,
      `${cmd}; echo EXIT=$?; sleep 60`,
    );
    const screens: string[] = [];
    const t0 = Date.now();
    let screen = '';
    while (Date.now() - t0 < 40_000) {
      screen = tmux('capture-pane', '-p', '-t', 'bar');
      screens.push(screen);
      if (/EXIT=\d+/.test(screen)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    emu.control.setLatency(0);
    expect(screen).toMatch(/EXIT=0/);
    // While it ran: a bar with a percentage, counts and the engine.
    const drawn = screens.find((s) => /\[█*░+\]\s+\d+% \d+\/40 · online/.test(s));
    expect(drawn, screens.slice(-3).join('\n---\n')).toBeDefined();
    // At the end: the summary alone on its line, no bar left behind, the exit marker right below it.
    const rows = screen.split('\n').filter((l) => l.trim());
    const summary = rows.findIndex((l) => /^40 items \(40 ok, 0 failed\) in \d+:\d\d · online → /.test(l));
    expect(summary, screen).toBeGreaterThanOrEqual(0);
    expect(rows[summary + 1]).toBe('EXIT=0');
    expect(screen).not.toMatch(/░/);
  }, 60_000);
});
