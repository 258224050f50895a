// The `gemini` CLI: global options, the command table, errors → exit codes. Arguments are parsed with
// Node's own `util.parseArgs` (no dependency: the package's only runtime dependency stays `ws`).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Gemini } from '../client.js';
import {
  ApiError,
  AuthenticationError,
  GeminiError,
  InvalidArgumentError,
  PermissionDeniedError,
} from '../core/errors.js';
import { batchCommand } from './commands/batch.js';
import { chatCommand, liveCommand } from './commands/chat.js';
import { emulatorCommand } from './commands/emulator.js';
import { filesCommand } from './commands/files.js';
import { countCommand, generateCommand, modelsCommand } from './commands/generate.js';

/** Exit codes of the CLI. */
export const EXIT = {
  /** Everything worked. */
  ok: 0,
  /** The API or the run failed (message on stderr). */
  failed: 1,
  /** Bad command line (usage on stderr). */
  usage: 2,
  /** No API key (GEMINI_API_KEY / --api-key), or the service rejected it. */
  auth: 3,
  /** `batch run` finished but some items failed (their errors are in the output). */
  partial: 4,
  /** Stopped by Ctrl-C (an upload or batch run resumes when the same command runs again). */
  interrupted: 130,
} as const;

/** A usage error: printed with a hint, exit code 2. */
export class UsageError extends Error {}

/** What every command gets. */
export interface Context {
  /** Positional arguments after the command words. */
  args: string[];
  /** Parsed options. */
  opts: Record<string, string | boolean | string[] | undefined>;
  /** `--json`: machine-readable stdout. */
  json: boolean;
  /** The client (created on first use, so `emulator` and `--help` need no key). */
  client: () => Gemini;
  /** Text for stdout. */
  out: (text: string) => void;
  /** Text for stderr. */
  err: (text: string) => void;
}

const GLOBAL: ParseArgsConfig['options'] = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  model: { type: 'string', short: 'm' },
  stream: { type: 'boolean' },
  system: { type: 'string' },
  local: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  mode: { type: 'string' },
  concurrency: { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  journal: { type: 'string' },
  'mime-type': { type: 'string' },
  'display-name': { type: 'string' },
  'page-size': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'poll-interval': { type: 'string' },
  deadline: { type: 'string' },
};

export const HELP = `gemini — the Gemini API from the command line (gemini-ts)

Usage: gemini <command> [options]

Commands:
  generate "prompt" [-m model] [--stream] [--system text]   one generation (prompt from stdin if omitted)
  chat [-m model]                                           a conversation with history (/exit to leave)
  count "text" [-m model] [--local]                         token count (--local: offline tokenizer)
  files upload <path> [--mime-type t] [--display-name n]    resumable upload with progress; Ctrl-C, then
                                                            the same command resumes it
  files ls | files get <name> | files rm <name>             manage files
  files download <name> [-o path]                           download a file's bytes
  batch run <in.jsonl> -o <out.jsonl> [--mode online|batch|auto] [-m model]
            [--concurrency n] [--rpm n] [--tpm n] [--journal path]
                                                            run every line; resumes from its journal
  models ls                                                 list models
  live [-m model]                                           a text session over the Live API
  emulator [--port n] [--host h]                            start the local emulator

Options:
  --base-url <url>   service root (default: GEMINI_BASE_URL, else the Gemini API)
  --api-key <key>    API key (default: GEMINI_API_KEY, then GOOGLE_API_KEY)
  --json             machine-readable output on stdout
  -h, --help         this help

Exit codes: 0 ok · 1 failed · 2 usage · 3 no or rejected API key · 4 batch run with failed items ·
130 interrupted (Ctrl-C)
`;

type Command = (ctx: Context) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  generate: generateCommand,
  chat: chatCommand,
  count: countCommand,
  files: filesCommand,
  batch: batchCommand,
  models: modelsCommand,
  live: liveCommand,
  emulator: emulatorCommand,
};

const redact = (text: string, key: string | undefined): string =>
  key ? text.split(key).join('<API key>') : text;

/** Runs the CLI with `argv` (without node and the script); resolves with the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (t: string): void => void process.stdout.write(t);
  const err = (t: string): void => void process.stderr.write(t);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: GLOBAL, allowPositionals: true, strict: true });
  } catch (e) {
    err(`gemini: ${(e as Error).message}\nRun gemini --help for usage.\n`);
    return EXIT.usage;
  }
  const opts = parsed.values as Context['opts'];
  const [name, ...args] = parsed.positionals;
  if (opts['version']) {
    out('gemini-ts 0.1.0\n');
    return EXIT.ok;
  }
  if (!name || opts['help']) {
    (name || opts['help'] ? out : err)(HELP);
    return name || opts['help'] ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`gemini: unknown command "${name}"\nRun gemini --help for usage.\n`);
    return EXIT.usage;
  }
  const apiKey = (opts['api-key'] as string | undefined) ?? env['GEMINI_API_KEY'] ?? env['GOOGLE_API_KEY'];
  let client: Gemini | undefined;
  const ctx: Context = {
    args,
    opts,
    json: opts['json'] === true,
    out,
    err,
    client: () => {
      if (!apiKey) throw new MissingKey();
      const baseUrl = (opts['base-url'] as string | undefined) ?? env['GEMINI_BASE_URL'];
      client ??= new Gemini({ apiKey, ...(baseUrl ? { baseUrl } : {}) });
      return client;
    },
  };
  try {
    return await command(ctx);
  } catch (e) {
    if (e instanceof MissingKey) {
      err('gemini: no API key: set GEMINI_API_KEY (or pass --api-key)\n');
      return EXIT.auth;
    }
    if (e instanceof UsageError || e instanceof InvalidArgumentError) {
      err(`gemini ${name}: ${redact(e.message, apiKey)}\nRun gemini --help for usage.\n`);
      return EXIT.usage;
    }
    const message = redact(e instanceof Error ? e.message : String(e), apiKey);
    if (ctx.json)
      out(
        `${JSON.stringify({ error: { name: (e as Error)?.name, message, ...(e instanceof ApiError ? { status: e.status, code: e.code } : {}) } })}\n`,
      );
    err(`gemini ${name}: ${e instanceof GeminiError ? `${e.name}: ` : ''}${message}\n`);
    if (
      e instanceof AuthenticationError ||
      (e instanceof ApiError && e.status === 400 && /API key/i.test(e.message))
    )
      return EXIT.auth;
    if (e instanceof PermissionDeniedError && /API key/i.test(e.message)) return EXIT.auth;
    return EXIT.failed;
  }
}

class MissingKey extends Error {}

/** A positive integer option, or undefined. */
export function intOption(ctx: Context, name: string): number | undefined {
  const v = ctx.opts[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive integer, got ${String(v)}`);
  return n;
}

/** A string option, or undefined. */
export const str = (ctx: Context, name: string): string | undefined => ctx.opts[name] as string | undefined;

/** Resolves on the first Ctrl-C (SIGINT) with an AbortSignal; `dispose` removes the handler. */
export function interrupt(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onSigint = (): void => ac.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  return { signal: ac.signal, dispose: () => process.off('SIGINT', onSigint) };
}
