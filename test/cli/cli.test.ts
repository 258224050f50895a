// The `gemini` CLI in child processes against the emulator: every command, --json, exit codes, an
// upload stopped with Ctrl-C and resumed, a batch run interrupted and resumed from its journal.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { gemini } from './support.js';

let emu: RunningEmulator;
let dir: string;
let base: string[];
let env: Record<string, string>;
beforeAll(async () => {
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'gemini-cli-'));
  base = ['--base-url', emu.url];
  env = { GEMINI_STATE_DIR: join(dir, 'state') };
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.control.reset());

const jsonl = (path: string, n: number, tag = 'q'): void =>
  writeFileSync(
    path,
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        key: `k${i}`,
        request: { contents: [{ role: 'user', parts: [{ text: `${tag}${i}` }] }] },
      }),
    ).join('\n'),
  );
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('gemini CLI', () => {
  it('generate: text, --json, --stream, stdin, -m', async () => {
    emu.control.script('gemini-2.5-pro', { text: 'from pro' });
    const plain = await gemini(['generate', 'hello', ...base, '-m', 'gemini-2.5-pro'], { env });
    expect(plain).toMatchObject({ code: 0, stdout: 'from pro\n' });
    const json = await gemini(['generate', 'hello', '--json', ...base], { env });
    expect(JSON.parse(json.stdout).candidates[0].content.parts[0].text).toBe('Echo: hello');
    emu.control.script('gemini-2.5-flash', { text: 'one two', chunks: ['one ', 'two'] });
    const stream = await gemini(['generate', 'x', '--stream', ...base], { env });
    expect(stream.stdout).toBe('one two\n');
    const piped = await gemini(['generate', ...base], { env, input: 'from stdin' });
    expect(piped.stdout).toBe('Echo: from stdin\n');
    const sent = emu.control.requests.filter((r) => r.methodId === 'models.generateContent');
    expect(sent.every((r) => r.headers['x-goog-api-key'] === undefined)).toBe(true); // the log strips it; it was sent
  });

  it('count, models ls, chat with history, live', async () => {
    expect((await gemini(['count', 'hello world', ...base], { env })).stdout).toMatch(/^\d+\n$/);
    const models = await gemini(['models', 'ls', ...base], { env });
    expect(models.stdout).toMatch(/^gemini-2\.5-flash\s/m);
    const modelsJson = await gemini(['models', 'ls', '--json', ...base], { env });
    expect(JSON.parse(modelsJson.stdout.split('\n')[0]!).name).toMatch(/^models\//);
    const chat = await gemini(['chat', ...base], { env, input: 'first\nsecond\n/history\n' });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('Echo: first\nEcho: second\n');
    expect(chat.stdout).toContain('user: first\nmodel: Echo: first\nuser: second\n');
    const calls = emu.control.requests.filter((r) => r.methodId === 'models.streamGenerateContent');
    expect(JSON.stringify(calls[1]?.body)).toContain('Echo: first'); // the second turn carried the history
    const live = await gemini(['live', ...base], { env, input: 'ping\n' });
    expect(live.code).toBe(0);
    expect(live.stdout.trim().length).toBeGreaterThan(0);
  });

  it('files upload (progress, Ctrl-C, resume), ls, get, download, rm', async () => {
    emu.control.files.configure({ chunkGranularity: 64 * 1024 });
    const path = join(dir, 'data.bin');
    const data = Buffer.alloc(2 * 1024 * 1024, 7);
    writeFileSync(path, data);
    // The start goes through; the first chunk hangs on the server, and Ctrl-C lands while it is out.
    emu.control.faults.delayNext(0, { methodId: 'media.upload', count: 1 });
    emu.control.faults.delayNext(20_000, { methodId: 'media.upload', count: 1 });
    const first = await gemini(
      ['files', 'upload', path, '--mime-type', 'application/octet-stream', ...base],
      {
        env,
        onSpawn: (child) => {
          const t = setInterval(() => {
            if (existsSync(join(dir, 'state', 'uploads.json'))) {
              clearInterval(t);
              setTimeout(() => child.kill('SIGINT'), 100);
            }
          }, 20);
        },
      },
    );
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/run the same command to resume/);
    expect(emu.control.files.sessions()[0]?.status).toBe('active');
    emu.control.faults.clear();
    const second = await gemini(
      ['files', 'upload', path, '--mime-type', 'application/octet-stream', ...base],
      { env },
    );
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/resumed/);
    const name = second.stdout.trim();
    expect(name).toMatch(/^files\//);
    expect(emu.control.files.sessions()).toHaveLength(1); // the same session, finished
    expect(Buffer.compare(emu.control.files.bytes(name) ?? Buffer.alloc(0), data)).toBe(0);
    expect((await gemini(['files', 'ls', ...base], { env })).stdout).toContain(name);
    expect(JSON.parse((await gemini(['files', 'get', name, '--json', ...base], { env })).stdout).name).toBe(
      name,
    );
    const rm = await gemini(['files', 'rm', name, ...base], { env });
    expect(rm).toMatchObject({ code: 0, stdout: `deleted ${name}\n` });
    const gone = await gemini(['files', 'get', name, ...base], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/NotFoundError/);
  }, 60_000);

  it('batch run: online and through the Batch API, in input order', async () => {
    const input = join(dir, 'in.jsonl');
    jsonl(input, 20);
    const out = join(dir, 'out.jsonl');
    const online = await gemini(['batch', 'run', input, '-o', out, '-m', 'gemini-2.5-flash', ...base], {
      env,
    });
    expect(online.code).toBe(0);
    expect(online.stderr).toMatch(/20 items \(20 ok, 0 failed\).*online/);
    const rows = lines(out);
    expect(rows.map((r) => r['key'])).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`));
    expect(existsSync(`${out}.journal`)).toBe(false); // done: the journal is gone
    emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
    const viaBatch = await gemini(
      [
        'batch',
        'run',
        input,
        '-o',
        out,
        '-m',
        'gemini-2.5-flash',
        '--mode',
        'batch',
        '--poll-interval',
        '10',
        '--json',
        ...base,
      ],
      { env },
    );
    expect(viaBatch.code).toBe(0);
    expect(JSON.parse(viaBatch.stdout)).toMatchObject({ mode: 'batch', done: 20 });
    expect(lines(out).map((r) => r['index'])).toEqual([...Array(20).keys()]);
  });

  it('batch run: Ctrl-C, then the same command resumes from the journal; failed items exit 4', async () => {
    const input = join(dir, 'resume.jsonl');
    jsonl(input, 60, 'r');
    const out = join(dir, 'resume-out.jsonl');
    emu.control.setLatency(40);
    const first = await gemini(
      ['batch', 'run', input, '-o', out, '-m', 'gemini-2.5-flash', '--concurrency', '2', ...base],
      {
        env,
        onSpawn: (child) => {
          const t = setInterval(() => {
            const j = `${out}.journal`;
            if (existsSync(j) && readFileSync(j, 'utf8').split('\n').length > 12) {
              clearInterval(t);
              child.kill('SIGINT');
            }
          }, 10);
        },
      },
    );
    expect(first.stderr).toMatch(/run the same command to resume/);
    expect(first.code).toBe(130);
    expect(existsSync(out)).toBe(false);
    emu.control.setLatency(0);
    const before = emu.control.requests.length;
    const second = await gemini(['batch', 'run', input, '-o', out, '-m', 'gemini-2.5-flash', ...base], {
      env,
    });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/60 items .* from the journal.*resumed/);
    expect(lines(out)).toHaveLength(60);
    expect(emu.control.requests.length - before).toBeLessThan(60 - 10);
    emu.control.faults.failNext(1, { code: 400, methodId: 'models.generateContent' });
    const partial = await gemini(['batch', 'run', input, '-o', out, '-m', 'gemini-2.5-flash', ...base], {
      env,
    });
    expect(partial.code).toBe(4);
    expect(lines(out).filter((r) => r['error'])).toHaveLength(1);
  }, 60_000);

  it('exit codes: usage 2, no key 3, API failure 1, help 0', async () => {
    expect((await gemini(['frobnicate'], { env })).code).toBe(2);
    expect((await gemini(['generate', 'x', '--bogus'], { env })).code).toBe(2);
    expect((await gemini(['batch', 'run', 'in.jsonl'], { env })).code).toBe(2);
    const noKey = await gemini(['generate', 'x', ...base], {
      env: { ...env, GEMINI_API_KEY: undefined, GOOGLE_API_KEY: undefined },
    });
    expect(noKey.code).toBe(3);
    expect(noKey.stderr).toMatch(/GEMINI_API_KEY/);
    const missing = await gemini(['generate', 'x', '-m', 'no-such-model', '--json', ...base], { env });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.status).toBe(404);
    expect(missing.stderr).not.toContain('test-key');
    const help = await gemini(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/batch run/);
  });

  it('emulator: starts one and stops on SIGINT', async () => {
    let url = '';
    const r = await gemini(['emulator', '--port', '0'], {
      env,
      onSpawn: (child, output) => {
        const t = setInterval(async () => {
          const m = /http:\/\/127\.0\.0\.1:\d+/.exec(output.stdout() + output.stderr());
          if (!m) return;
          clearInterval(t);
          url = m[0];
          const health = await fetch(`${url}/__emulator/health`).then(
            (res) => res.json() as Promise<{ ok: boolean }>,
          );
          if (health.ok) child.kill('SIGINT');
        }, 50);
      },
    });
    expect(url).toMatch(/^http:/);
    expect(r.code === 0 || r.signal === 'SIGINT').toBe(true);
  });
});
