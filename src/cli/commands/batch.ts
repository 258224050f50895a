// `gemini batch run in.jsonl -o out.jsonl`: every line through client.bulk (online, Batch API or
// auto), a live progress bar, results in input order. A journal next to the output makes an
// interrupted run (Ctrl-C, a crash) resume when the same command runs again; it is removed at the end.
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { BulkMode, BulkProgress } from '../../bulk/types.js';
import { EXIT, intOption, interrupt, str, UsageError, type Context } from '../app.js';
import { clock, ProgressBar } from '../progress.js';

const MODES: readonly BulkMode[] = ['online', 'batch', 'auto'];

/** `gemini batch run …`. */
export async function batchCommand(ctx: Context): Promise<number> {
  const [sub, input, extra] = ctx.args;
  if (sub !== 'run' || !input || extra !== undefined)
    throw new UsageError(
      'usage: gemini batch run <in.jsonl> -o <out.jsonl> [--mode online|batch|auto] [-m model]',
    );
  const output = str(ctx, 'output');
  if (!output) throw new UsageError('give the output file: -o out.jsonl');
  const inPath = resolve(input);
  if (!existsSync(inPath)) throw new UsageError(`no such file: ${inPath}`);
  const mode = (str(ctx, 'mode') ?? 'auto') as BulkMode;
  if (!MODES.includes(mode)) throw new UsageError(`--mode must be online, batch or auto, got ${mode}`);
  const outPath = resolve(output);
  const journal = resolve(str(ctx, 'journal') ?? `${outPath}.journal`);
  const resuming = existsSync(journal);
  const model = str(ctx, 'model') ?? process.env['GEMINI_MODEL'];
  const concurrency = intOption(ctx, 'concurrency');
  const requestsPerMinute = intOption(ctx, 'rpm');
  const tokensPerMinute = intOption(ctx, 'tpm');
  const pollInterval = intOption(ctx, 'poll-interval');
  const deadline = intOption(ctx, 'deadline');

  const stop = interrupt();
  const bar = new ProgressBar();
  const show = (p: BulkProgress): void =>
    bar.update({
      done: p.done,
      total: p.total,
      detail: [
        p.mode,
        p.failed ? `${p.failed} failed` : '',
        p.mode === 'online' ? `${p.inFlight} in flight` : `${p.inFlight} in batch`,
        p.perSecond ? `${p.perSecond.toFixed(1)}/s` : '',
        p.etaMs !== undefined && p.etaMs > 0 ? `ETA ${clock(p.etaMs)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    });
  const run = ctx.client().bulk.generateContent(inPath, {
    mode,
    journal,
    signal: stop.signal,
    onProgress: show,
    progressInterval: 100,
    ...(model ? { model } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(requestsPerMinute ? { requestsPerMinute } : {}),
    ...(tokensPerMinute ? { tokensPerMinute } : {}),
    ...(deadline ? { deadline } : {}),
    ...(pollInterval ? { batch: { pollInterval } } : {}),
  });
  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial);
  let failed = 0;
  try {
    for await (const r of run) {
      const line = r.ok
        ? { index: r.index, ...(r.key !== undefined ? { key: r.key } : {}), response: r.response }
        : {
            index: r.index,
            ...(r.key !== undefined ? { key: r.key } : {}),
            error: {
              name: r.error.name,
              message: r.error.message,
              ...('status' in r.error ? { status: r.error.status } : {}),
            },
          };
      if (!r.ok) failed++;
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    }
  } catch (e) {
    out.end();
    await once(out, 'close').catch(() => undefined);
    rmSync(partial, { force: true });
    if (stop.signal.aborted) {
      bar.end(
        `stopped after ${run.progress.done} items; run the same command to resume (journal: ${journal})`,
      );
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    stop.dispose();
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, outPath);
  const s = run.summary;
  rmSync(journal, { force: true });
  rmSync(`${journal}.shards`, { recursive: true, force: true });
  const text = `${s.done} items (${s.succeeded} ok, ${s.failed} failed${s.resumed ? `, ${s.resumed} from the journal` : ''}) in ${clock(s.elapsedMs)} · ${s.mode}${s.batches.length ? ` · ${s.batches.length} batch job(s)` : ''}${resuming ? ' · resumed' : ''} → ${outPath}`;
  bar.end(text);
  if (ctx.json) ctx.out(`${JSON.stringify(s)}\n`);
  return failed > 0 ? EXIT.partial : EXIT.ok;
}
