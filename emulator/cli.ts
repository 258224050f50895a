#!/usr/bin/env node
/**
 * `gemini-emulator [--port 8080] [--host 127.0.0.1] [--api-key KEY]... [--latency MS]`: runs the
 * emulator until SIGINT/SIGTERM and prints its URL. Control it over HTTP under `/__emulator/`.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string', multiple: true },
    latency: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: gemini-emulator [--port 8080] [--host 127.0.0.1] [--api-key KEY]... [--latency MS]\n',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Invalid --port ${values.port}\n`);
  process.exit(2);
}

const emulator = await startEmulator({
  port,
  host: values.host,
  ...(values['api-key'] ? { apiKeys: values['api-key'] } : {}),
  ...(values.latency !== undefined ? { latencyMs: Number(values.latency) } : {}),
});
process.stdout.write(`Gemini emulator listening on ${emulator.url}\n`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
