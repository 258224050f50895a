// Batch mode: items go through the emulator's Batch API in JSONL shards (uploaded with the resumable
// uploader) and come back in input order; failed items are re-run; a restart re-attaches to the jobs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { chooseMode, Gemini, type BulkResult, type GenerateContentResult } from '../../src/index.js';

let emu: RunningEmulator;
let client: Gemini;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator();
  client = new Gemini({ apiKey: 'test-key', baseUrl: emu.url });
  dir = mkdtempSync(join(tmpdir(), 'bulk-batch-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.control.reset();
  emu.control.batches.configure({ pendingMs: 0, perRequestMs: 0 });
});

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ contents: `batch item ${i}`, key: `k${i}` }));
const created = () => emu.control.requests.filter((r) => r.methodId === 'models.batchGenerateContent');
const online = () => emu.control.requests.filter((r) => r.methodId === 'models.generateContent');

describe('client.bulk in batch mode', () => {
  it('round-trips 1,000 items through the Batch API in input order, in shards', async () => {
    const run = client.bulk.generateContent(items(1000), {
      mode: 'batch',
      model: 'gemini-2.5-flash',
      batch: { maxItems: 400, pollInterval: 5 },
    });
    const out: BulkResult<GenerateContentResult>[] = [];
    for await (const r of run) out.push(r);
    expect(out.map((r) => r.index)).toEqual([...Array(1000).keys()]);
    expect(out.every((r) => r.ok)).toBe(true);
    expect(out[999]!.key).toBe('k999');
    expect(out[5]!.ok && out[5]!.response.text).toEqual(expect.any(String));
    const summary = await run.done();
    expect(summary).toMatchObject({ mode: 'batch', done: 1000, succeeded: 1000 });
    expect(summary.batches).toHaveLength(3); // 400 + 400 + 200
    expect(created()).toHaveLength(3);
    expect(online()).toHaveLength(0); // nothing went one by one
    const uploads = emu.control.requests.filter((r) => r.path.startsWith('/upload/'));
    expect(uploads.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('re-runs the items that failed in the batch online', async () => {
    // The batch's 3rd and 5th requests fail (scripted replies are consumed in request order).
    emu.control.script(
      'gemini-2.5-flash',
      { text: 'a' },
      { text: 'b' },
      { error: { code: 500, message: 'boom' } },
      { text: 'd' },
      { error: { code: 429, message: 'busy' } },
    );
    const out: BulkResult<GenerateContentResult>[] = [];
    for await (const r of client.bulk.generateContent(items(8), {
      mode: 'batch',
      model: 'gemini-2.5-flash',
      batch: { pollInterval: 5 },
    }))
      out.push(r);
    expect(out.map((r) => r.index)).toEqual([...Array(8).keys()]);
    expect(out.every((r) => r.ok)).toBe(true);
    expect(
      online()
        .map((r) => JSON.stringify(r.body))
        .join(),
    ).toMatch(/batch item 2.*batch item 4/);
    expect(online()).toHaveLength(2);
  });

  it('re-runs failed items in a follow-up batch with retryFailed: batch', async () => {
    emu.control.script(
      'gemini-2.5-flash',
      { text: 'a' },
      { error: { code: 500, message: 'boom' } },
      { text: 'c' },
      { text: 'again' },
    );
    const run = client.bulk.generateContent(items(3), {
      mode: 'batch',
      model: 'gemini-2.5-flash',
      batch: { pollInterval: 5, retryFailed: 'batch' },
    });
    const out: BulkResult<GenerateContentResult>[] = [];
    for await (const r of run) out.push(r);
    expect(out.map((r) => r.ok)).toEqual([true, true, true]);
    expect(out[1]!.ok && out[1]!.response.text).toBe('again');
    expect(created()).toHaveLength(2);
    expect(online()).toHaveLength(0);
  });

  it('keeps the errors with retryFailed: none', async () => {
    emu.control.script('gemini-2.5-flash', { text: 'a' }, { error: { code: 400, message: 'bad' } });
    const out: BulkResult<GenerateContentResult>[] = [];
    for await (const r of client.bulk.generateContent(items(3), {
      mode: 'batch',
      model: 'gemini-2.5-flash',
      batch: { pollInterval: 5, retryFailed: 'none' },
    }))
      out.push(r);
    expect(out.map((r) => r.ok)).toEqual([true, false, true]);
    expect(out[1]!.error?.message).toMatch(/bad/);
  });

  it('re-attaches to the recorded batch after a restart instead of submitting again', async () => {
    emu.control.batches.configure({ pendingMs: 60_000 }); // stays PENDING until the clock moves
    const journal = join(dir, 'attach.journal');
    const ac = new AbortController();
    const first = client.bulk.generateContent(items(50), {
      mode: 'batch',
      model: 'gemini-2.5-flash',
      journal,
      signal: ac.signal,
      batch: { pollInterval: 5 },
    });
    const firstDone = first.done().catch((e: unknown) => e);
    while (created().length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    ac.abort(); // the process "dies" while the batch runs
    expect(await firstDone).toBeInstanceOf(Error);
    expect(readFileSync(journal, 'utf8')).toMatch(/"batch":"batches\//);
    emu.control.clock.advance(120_000);
    const out: BulkResult<GenerateContentResult>[] = [];
    for await (const r of client.bulk.generateContent(items(50), {
      model: 'gemini-2.5-flash',
      journal,
      batch: { pollInterval: 5 },
    }))
      out.push(r);
    expect(out.map((r) => r.index)).toEqual([...Array(50).keys()]);
    expect(out.every((r) => r.ok)).toBe(true);
    expect(created()).toHaveLength(1); // re-attached, not resubmitted
    expect(online()).toHaveLength(0);
  });

  it('resumes a shard upload stopped by an abort instead of uploading again', async () => {
    const journal = join(dir, 'upload.journal');
    // The upload starts; its first chunk hangs on the server while the run is stopped.
    emu.control.faults.delayNext(0, { methodId: 'media.upload', count: 1 });
    emu.control.faults.delayNext(20_000, { methodId: 'media.upload', count: 1 });
    const ac = new AbortController();
    const first = client.bulk
      .generateContent(items(30), { mode: 'batch', model: 'gemini-2.5-flash', journal, signal: ac.signal })
      .done()
      .catch((e: unknown) => e);
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('"upload":')))
      await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    expect(await first).toBeInstanceOf(Error);
    expect(emu.control.files.sessions()[0]?.status).toBe('active'); // stopped, not cancelled
    emu.control.faults.clear();
    const out: BulkResult<GenerateContentResult>[] = [];
    for await (const r of client.bulk.generateContent(items(30), {
      mode: 'batch',
      model: 'gemini-2.5-flash',
      journal,
      batch: { pollInterval: 5 },
    }))
      out.push(r);
    expect(out.map((r) => r.index)).toEqual([...Array(30).keys()]);
    expect(out.every((r) => r.ok)).toBe(true);
    const starts = emu.control.requests.filter((r) => r.headers['x-goog-upload-command'] === 'start');
    expect(starts).toHaveLength(1); // one session, resumed
    expect(created()).toHaveLength(1);
  });

  it('runs embedContent batches', async () => {
    const out = [];
    for await (const r of client.bulk.embedContent(['x', 'y', 'z'], {
      mode: 'batch',
      model: 'gemini-embedding-001',
      batch: { pollInterval: 5 },
    }))
      out.push(r);
    expect(out.every((r) => r.ok && Array.isArray(r.response.embedding?.values))).toBe(true);
  });

  it('auto picks batch for large runs without a short deadline', () => {
    expect(chooseMode('auto', true, 5000, {})).toBe('batch');
    expect(chooseMode('auto', true, 50, {})).toBe('online');
    expect(chooseMode('auto', true, 5000, { deadline: 60 * 60 * 1000 })).toBe('online');
    expect(chooseMode('auto', true, undefined, {})).toBe('online');
    expect(chooseMode('auto', false, 5000, {})).toBe('online');
    expect(() => chooseMode('batch', false, 5, {})).toThrow(/no Batch API/);
  });
});
