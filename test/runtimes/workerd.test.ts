// The worker build (export conditions workerd/worker) in workerd, through miniflare from npm: a module
// worker bundled as wrangler would, calling the emulator (started by Node) on loopback.
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { bundleFor, expectScenario, requireBuild, SCENARIO, scratchProject } from './support.js';

const STEPS = ['generate', 'stream', 'upload', 'live', 'music', 'bulk', 'nodeOnly'];

describe('the worker build in workerd (miniflare)', () => {
  let emu: RunningEmulator;
  let mf: Miniflare | undefined;
  const scratch = scratchProject();

  beforeAll(async () => {
    requireBuild();
    const script = await bundleFor(
      scratch.dir,
      `import { Gemini } from 'gemini-ts';
import { runScenario } from ${JSON.stringify(SCENARIO)};
export default {
  async fetch(request, env) {
    const steps = new URL(request.url).searchParams.get('steps').split(',');
    return Response.json(await runScenario(Gemini, env.BASE_URL, steps));
  },
};`,
      'neutral',
      ['workerd', 'worker', 'browser'],
    );
    emu = await startEmulator({ host: '127.0.0.1', port: 0 });
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-09-01',
      bindings: { BASE_URL: emu.url },
    });
  });

  afterAll(async () => {
    await mf?.dispose();
    await emu?.close();
    scratch.dispose();
  });

  it('runs generate, a stream, a Blob upload, a Live turn and Live Music', async () => {
    const res = await mf!.dispatchFetch(`http://worker.local/?steps=${STEPS.join(',')}`);
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expectScenario(JSON.parse(body) as Record<string, unknown>, STEPS);
  });
});
