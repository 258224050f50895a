// The journal: a run killed with SIGKILL resumes where it stopped. Finished items are never sent again
// and none is lost; only the items in flight at the kill (≤ concurrency) may be sent twice.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { Gemini, RateLimitError, type BulkResult, type GenerateContentResult } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'journal-child.ts');
let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'bulk-journal-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const finishedLines = (path: string): number =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{"i":')).length
    : 0;

function runChild(
  journal: string,
  count: number,
  killAfter?: number,
): Promise<{ stdout: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, emu.url, journal, String(count)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer =
      killAfter === undefined
        ? undefined
        : setInterval(() => {
            if (finishedLines(journal) >= killAfter) child.kill('SIGKILL');
          }, 5);
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      clearTimeout(guard);
      if (signal === 'SIGKILL' || code === 0) resolve({ stdout, killed: signal === 'SIGKILL' });
      else reject(new Error(`child exited ${code}: ${stderr.slice(-500)}`));
    });
  });
}

describe('bulk journal', () => {
  it('resumes a SIGKILLed run: nothing lost, only in-flight items sent again', async () => {
    emu.control.reset();
    emu.control.setLatency(15); // a few hundred ms of work, so the kill lands mid-run
    const journal = join(dir, 'kill.journal');
    const first = await runChild(journal, 200, 60);
    expect(first.killed).toBe(true);
    const before = finishedLines(journal);
    expect(before).toBeGreaterThanOrEqual(60);
    expect(before).toBeLessThan(200);
    const second = await runChild(journal, 200);
    expect(second.stdout).toMatch(/^DONE 200 \d+/m);
    const resumed = Number(/DONE 200 (\d+)/.exec(second.stdout)![1]);
    expect(resumed).toBeGreaterThanOrEqual(before);

    const perItem = new Map<string, number>();
    for (const r of emu.control.requests) {
      if (r.methodId !== 'models.generateContent') continue;
      const text = JSON.stringify(r.body);
      const m = /journal (\d+)/.exec(text);
      if (m) perItem.set(m[1]!, (perItem.get(m[1]!) ?? 0) + 1);
    }
    expect(perItem.size).toBe(200); // nothing lost
    const twice = [...perItem.values()].filter((n) => n > 1);
    expect(twice.length).toBeLessThanOrEqual(4); // concurrency 4: only what was in flight
    expect(Math.max(...perItem.values())).toBe(twice.length ? 2 : 1);
    emu.control.setLatency(0);
  }, 60_000);

  it('replays finished results, failures included, and survives a torn last line', async () => {
    emu.control.reset();
    const client = new Gemini({ apiKey: 'test-key', baseUrl: emu.url });
    const journal = join(dir, 'torn.journal');
    const items = Array.from({ length: 10 }, (_, i) => ({
      model: 'gemini-2.5-flash',
      contents: `torn ${i}`,
      key: `k${i}`,
    }));
    emu.control.faults.failNext(1, { code: 429, retryDelay: 0 });
    const firstRun = await client.bulk.generateContent(items, { journal, maxRetries: 0 }).done();
    expect(firstRun.failed).toBe(1);
    writeFileSync(journal, `${readFileSync(journal, 'utf8')}{"i":3,"r":{"cand`); // killed mid-write
    const sent = emu.control.requests.length;
    const again: BulkResult<GenerateContentResult>[] = [];
    for await (const r of client.bulk.generateContent(items, { journal })) again.push(r);
    expect(emu.control.requests.length).toBe(sent); // nothing sent: every item had finished
    expect(again.map((r) => r.index)).toEqual([...Array(10).keys()]);
    expect(again.every((r) => r.resumed)).toBe(true);
    expect(again[4]!.key).toBe('k4');
    const failed = again.find((r) => !r.ok)!;
    expect(failed.error).toBeInstanceOf(RateLimitError);
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true); // the torn line is gone
  });

  it('refuses a journal of another method', async () => {
    const client = new Gemini({ apiKey: 'test-key', baseUrl: emu.url });
    const journal = join(dir, 'method.journal');
    await client.bulk.countTokens(['x'], { model: 'gemini-2.5-flash', journal }).done();
    await expect(
      client.bulk.generateContent(['x'], { model: 'gemini-2.5-flash', journal }).done(),
    ).rejects.toThrow(/journal of a countTokens run/);
  });
});
