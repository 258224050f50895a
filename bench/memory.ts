// Memory per 1,000 concurrent streams, measured in a fresh process per client (see memory-child.ts).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ClientName } from './clients.js';

const run = promisify(execFile);

/** Memory results of one client. */
export interface MemoryResult {
  /** JS heap + external memory per open stream, KB. */
  kbPerStream: number;
  /** Resident set growth per open stream, KB (includes sockets and native buffers). */
  rssKbPerStream: number;
}

/** Runs the child once per client (`build`: the directory holding the built `dist/`). */
export async function benchMemory(
  names: readonly ClientName[],
  url: string,
  root: string,
  build: string,
  streams = 1000,
): Promise<Record<ClientName, MemoryResult>> {
  const out = {} as Record<ClientName, MemoryResult>;
  for (const name of names) {
    const { stdout } = await run(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        join(root, 'bench/memory-child.ts'),
        name,
        url,
        build,
        String(streams),
      ],
      { cwd: root, timeout: 60_000, maxBuffer: 1 << 20 },
    );
    out[name] = JSON.parse(stdout.trim().split('\n').at(-1)!) as MemoryResult;
  }
  return out;
}
