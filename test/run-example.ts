// Runs a file of examples/ the way its header says (`npx tsx examples/<name>.ts …`), with no API key in
// the environment, so it uses its embedded emulator; resolves with what it printed.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs `examples/<name>` with `args` (20 s at most) and resolves with its stdout. */
export function runExample(name: string, args: readonly string[] = []): Promise<string> {
  const env = { ...process.env };
  delete env['GEMINI_API_KEY'];
  delete env['GOOGLE_API_KEY'];
  return new Promise<string>((done, fail) =>
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'examples', name), ...args],
      { cwd: ROOT, env, timeout: 20_000 },
      (err, text) => (err ? fail(err) : done(text)),
    ),
  );
}
