// The one emulator instance of a benchmark run: the built CLI in its own process, so its CPU time is
// not charged to the clients being measured. Scripted replies go in through the HTTP control API.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A running emulator process. */
export interface EmulatorProcess {
  /** Base URL. */
  url: string;
  /** Queues scripted replies for a model. */
  script(model: string, replies: unknown[]): Promise<void>;
  /** Clears the request log (it keeps bodies; long runs would grow it). */
  clearLog(): Promise<void>;
  /** Stops the process. */
  stop(): Promise<void>;
}

/** Starts `dist/emulator-cli.js` on a free port. */
export async function startEmulatorProcess(root: string): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/emulator-cli.js'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('emulator did not start within 15 s')), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const control = async (method: string, path: string, body?: unknown): Promise<void> => {
    const res = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  return {
    url,
    async script(model, replies) {
      for (let i = 0; i < replies.length; i += 50)
        await control('POST', 'replies', { model, replies: replies.slice(i, i + 50) });
    },
    clearLog: () => control('DELETE', 'requests'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
