// Runs the `gemini` CLI from source in a child process (node --import tsx src/cli/main.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'src', 'cli', 'main.ts');

/** What a finished run printed and how it ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of one CLI run. */
export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Called once with the child (e.g. to send SIGINT at the right moment). */
  onSpawn?: (child: ChildProcess, output: { stdout: () => string; stderr: () => string }) => void;
  timeout?: number;
}

/** Runs `gemini …args`; resolves when it exits (killed after `timeout`, default 30 s). */
export function gemini(args: string[], o: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const env: Record<string, string | undefined> = { ...process.env, GEMINI_API_KEY: 'test-key', ...o.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    if (o.input !== undefined) child.stdin.end(o.input);
    else child.stdin.end();
    const guard = setTimeout(() => child.kill('SIGKILL'), o.timeout ?? 30_000);
    o.onSpawn?.(child, { stdout: () => stdout, stderr: () => stderr });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      // Let the pipes drain.
      setTimeout(() => resolve({ code, signal, stdout, stderr }), 20);
    });
  });
}
