// Cold import time: a fresh Node process per sample, timing `await import(...)` of each package.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median } from './stats.js';

const run = promisify(execFile);

async function sample(specifier: string, cwd: string): Promise<number> {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], {
    cwd,
    timeout: 30_000,
  });
  return Number(stdout.trim());
}

/** Median cold import time (ms) of gemini-ts (the build in `build/dist`) and @google/genai over `samples` fresh processes. */
export async function benchColdImport(
  root: string,
  build: string,
  samples = 7,
): Promise<{ 'gemini-ts': number; '@google/genai': number }> {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < samples; i++) {
    ours.push(await sample(pathToFileURL(join(build, 'dist/index.js')).href, root));
    theirs.push(await sample('@google/genai', root));
  }
  return { 'gemini-ts': median(ours), '@google/genai': median(theirs) };
}
