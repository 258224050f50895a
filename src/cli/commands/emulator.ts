// `gemini emulator`: starts the local emulator in a child process (the `gemini-emulator` program next
// to this one; src/ never imports the emulator) and passes its output and signals through.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, str, type Context } from '../app.js';

/** The emulator program: `emulator-cli.js` beside the built CLI, or `emulator/cli.ts` in a source checkout. */
export function emulatorProgram(): string[] | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'emulator-cli.js');
  if (existsSync(built)) return [built];
  const source = join(here, '..', '..', '..', 'emulator', 'cli.ts');
  return existsSync(source) ? ['--import', 'tsx', source] : undefined;
}

/** `gemini emulator [--port n] [--host h]`. */
export async function emulatorCommand(ctx: Context): Promise<number> {
  const program = emulatorProgram();
  if (!program) {
    ctx.err('gemini emulator: the emulator program is not installed next to the CLI\n');
    return EXIT.failed;
  }
  const args = [...program];
  const port = str(ctx, 'port');
  const host = str(ctx, 'host');
  if (port) args.push('--port', port);
  if (host) args.push('--host', host);
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const code = await new Promise<number>((done) => child.on('exit', (c, s) => done(c ?? (s ? 0 : 1))));
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  return code;
}
