/** Raw-socket and raw-HTTP helpers for the emulator hardening tests (loopback only, bounded in time). */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { RunningEmulator } from '../../emulator/index.js';

export { start } from '../emulator/helpers.js'; // an emulator closed after the current test

/** What came back on a raw socket: the status of the first response line (0: none) and all text read. */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * Writes `bytes` to 127.0.0.1:`port` and reads until the server closes the connection, `ms` pass, or
 * (with `firstLine`) the status line is in.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  ms = 3000,
  firstLine = false,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let settled = false;
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const done = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (firstLine && text.includes('\r\n')) done();
    });
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** A response read with node:http (which, unlike fetch, lets a test set any Host and Origin). */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** One HTTP request to the emulator with exactly these headers. */
export function httpCall(
  emu: RunningEmulator,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: emu.port, method, path, headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The google.rpc envelope of a JSON error body, or undefined. */
export function rpcError(body: string): { code: number; message: string; status: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code: number; message: string; status: string } };
    return parsed.error;
  } catch {
    return undefined;
  }
}
