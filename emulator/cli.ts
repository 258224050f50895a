#!/usr/bin/env node
/**
 * `gemini-emulator [--port 8080] [--host 127.0.0.1] [--api-key KEY]... [--latency MS] [--models all]
 *   [--allowed-host NAME]...`: runs the emulator until SIGINT/SIGTERM and prints its URL and which API keys
 * it accepts. Control it over HTTP under `/__emulator/`; on a shared machine set
 * `GEMINI_EMULATOR_CONTROL_TOKEN` (an environment variable, so it never shows in the process list) and
 * send it as `x-emulator-control-token`.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string', multiple: true },
    latency: { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
    models: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: gemini-emulator [--port 8080] [--host 127.0.0.1] [--api-key KEY]... [--latency MS] [--models current|all] [--allowed-host NAME|all]...\n' +
      'Environment: GEMINI_EMULATOR_CONTROL_TOKEN=secret makes /__emulator/ require x-emulator-control-token.\n',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Invalid --port ${values.port}\n`);
  process.exit(2);
}

const allowedHosts = values['allowed-host'];
const controlToken = process.env['GEMINI_EMULATOR_CONTROL_TOKEN'];
const models = values.models ?? 'current';
if (models !== 'current' && models !== 'all') {
  process.stderr.write(`Invalid --models ${models} (current or all)\n`);
  process.exit(2);
}

const keys = values['api-key'];
const emulator = await startEmulator({
  models,
  port,
  host: values.host,
  ...(values['api-key'] ? { apiKeys: values['api-key'] } : {}),
  ...(values.latency !== undefined ? { latencyMs: Number(values.latency) } : {}),
  ...(allowedHosts ? { allowedHosts: allowedHosts.includes('all') ? ('all' as const) : allowedHosts } : {}),
  ...(controlToken ? { controlToken } : {}),
});
const accepted =
  keys && keys.length > 0
    ? `only the ${keys.length} key${keys.length === 1 ? '' : 's'} given with --api-key`
    : 'any non-empty key (restrict with --api-key)';
process.stdout.write(`Gemini emulator listening on ${emulator.url} (API keys: ${accepted})\n`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
