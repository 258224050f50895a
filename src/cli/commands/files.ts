// `gemini files upload|ls|get|rm|download`. Uploads show a progress bar as bytes go out; Ctrl-C stops
// without cancelling the session, which is remembered (by path, size and mtime) so the same command
// resumes it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { File } from '../../../generated/types/File.js';
import { UploadError, UploadStoppedError } from '../../upload/errors.js';
import { EXIT, interrupt, str, UsageError, type Context } from '../app.js';
import { bytes, clock, ProgressBar } from '../progress.js';

/** Where the CLI keeps upload sessions: `GEMINI_STATE_DIR`, else `$XDG_STATE_HOME/gemini-ts`, else `~/.local/state/gemini-ts`. */
export function stateDir(): string {
  return (
    process.env['GEMINI_STATE_DIR'] ??
    join(process.env['XDG_STATE_HOME'] ?? join(homedir(), '.local', 'state'), 'gemini-ts')
  );
}

type Sessions = Record<string, { sessionUrl: string; path: string; at: string }>;

const sessionsFile = (): string => join(stateDir(), 'uploads.json');

function readSessions(): Sessions {
  try {
    return JSON.parse(readFileSync(sessionsFile(), 'utf8')) as Sessions;
  } catch {
    return {};
  }
}

function writeSessions(s: Sessions): void {
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(sessionsFile(), `${JSON.stringify(s, null, 2)}\n`);
}

/** `gemini files <sub> …`. */
export async function filesCommand(ctx: Context): Promise<number> {
  const [sub, ...rest] = ctx.args;
  switch (sub) {
    case 'upload':
      return upload(ctx, rest);
    case 'ls':
    case 'list': {
      const size = ctx.opts['page-size'] === undefined ? 100 : Number(ctx.opts['page-size']);
      for await (const f of ctx.client().files.list({ pageSize: size })) {
        ctx.out(ctx.json ? `${JSON.stringify(f)}\n` : `${line(f)}\n`);
      }
      return EXIT.ok;
    }
    case 'get': {
      const f = await ctx.client().files.get(need(rest[0], 'get'));
      ctx.out(ctx.json ? `${JSON.stringify(f)}\n` : `${line(f)}\n`);
      return EXIT.ok;
    }
    case 'rm':
    case 'delete': {
      if (rest.length === 0) need(undefined, 'rm');
      for (const name of rest) {
        await ctx.client().files.delete(name);
        if (!ctx.json) ctx.out(`deleted ${name}\n`);
      }
      if (ctx.json) ctx.out(`${JSON.stringify({ deleted: rest })}\n`);
      return EXIT.ok;
    }
    case 'download': {
      const name = need(rest[0], 'download');
      const to = str(ctx, 'output') ?? basename(name);
      const n = await ctx.client().files.downloadTo(name, to);
      ctx.out(ctx.json ? `${JSON.stringify({ name, path: to, bytes: n })}\n` : `${to} (${bytes(n)})\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(
        'usage: gemini files upload <path> | ls | get <name> | rm <name> | download <name> [-o path]',
      );
  }
}

function need(v: string | undefined, sub: string): string {
  if (!v) throw new UsageError(`usage: gemini files ${sub} <name>`);
  return v;
}

const line = (f: File): string =>
  `${(f.name ?? '').padEnd(24)} ${(f.state ?? '').padEnd(10)} ${bytes(Number(f.sizeBytes ?? 0)).padStart(9)}  ${f.mimeType ?? ''}  ${f.displayName ?? ''}`;

async function upload(ctx: Context, args: string[]): Promise<number> {
  const path = resolve(need(args[0], 'upload'));
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  const client = ctx.client();
  const id = createHash('sha256')
    .update(`${client.transport.baseUrl}|${path}|${st.size}|${st.mtimeMs}`)
    .digest('hex')
    .slice(0, 32);
  const sessions = readSessions();
  const saved = sessions[id]?.sessionUrl;
  const bar = new ProgressBar(bytes);
  const t0 = Date.now();
  const stop = interrupt();
  const onProgress = ({
    bytesSent,
    totalBytes,
  }: {
    bytesSent: number;
    totalBytes: number | undefined;
  }): void => {
    const s = (Date.now() - t0) / 1000;
    const rate = s > 0 ? bytesSent / s : 0;
    const eta = totalBytes && rate > 0 ? ` · ETA ${clock(((totalBytes - bytesSent) / rate) * 1000)}` : '';
    bar.update(
      { done: bytesSent, total: totalBytes, detail: `${bytes(rate)}/s${eta}` },
      bytesSent === totalBytes,
    );
  };
  const common = { stopSignal: stop.signal, onProgress };
  const remember = (sessionUrl: string): void => {
    const all = readSessions();
    all[id] = { sessionUrl, path, at: new Date().toISOString() };
    writeSessions(all);
  };
  const forget = (): void => {
    const all = readSessions();
    delete all[id];
    writeSessions(all);
  };
  try {
    let file: File | undefined;
    if (saved) {
      try {
        file = await client.files.resumeUpload(saved, path, common);
      } catch (e) {
        if (e instanceof UploadStoppedError || !(e instanceof UploadError)) throw e;
        forget(); // the session expired or was cancelled: start again
      }
    }
    const mimeType = str(ctx, 'mime-type');
    const displayName = str(ctx, 'display-name');
    file ??= await client.files.upload(path, {
      ...common,
      ...(mimeType ? { mimeType } : {}),
      ...(displayName ? { displayName } : {}),
      onSession: remember,
    });
    forget();
    bar.end(
      ctx.json
        ? `uploaded ${file.name ?? ''}`
        : `uploaded ${bytes(st.size)} in ${clock(Date.now() - t0)}${saved ? ' (resumed)' : ''}`,
    );
    ctx.out(ctx.json ? `${JSON.stringify(file)}\n` : `${file.name ?? ''}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UploadStoppedError) {
      if (e.sessionUrl) remember(e.sessionUrl);
      bar.end(`stopped at ${bytes(e.bytesUploaded)}; run the same command to resume`);
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    stop.dispose();
  }
}
