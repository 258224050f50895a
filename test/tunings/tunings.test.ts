// client.tunings over the emulator's tunedModels, and tuned-model names across client.models.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, type Gemini } from '../../src/index.js';
import type { RunningEmulator } from '../../emulator/index.js';
import { collect, rejection, setup } from '../integration/helpers.js';

/** A base model that can be tuned: today's recorded catalog has none, so the test adds one. */
const TUNABLE = 'models/gemini-1.5-flash-001-tuning';
const examples = [
  { textInput: '1', output: '2' },
  { textInput: '2', output: '3' },
];

async function tunable(stepMs = 20): Promise<{ emu: RunningEmulator; client: Gemini }> {
  const ctx = await setup({ maxRetries: 0 });
  ctx.emu.control.models.add({
    name: TUNABLE,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createTunedModel'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
  });
  ctx.emu.control.tunedModels.configure({ stepMs });
  return ctx;
}

describe('client.tunings', () => {
  it('tunes, waits on the shared poller, and the tuned model generates, streams and counts', async () => {
    const { emu, client } = await tunable();
    const job = await client.tunings.tune({
      baseModel: TUNABLE,
      trainingDataset: { examples },
      config: { tunedModelDisplayName: 'counter', epochCount: 1, batchSize: 2, tunedModelId: 'counter' },
    });
    expect(job).toMatchObject({ name: 'tunedModels/counter', state: 'JOB_STATE_QUEUED', baseModel: TUNABLE });
    expect(emu.control.requests.at(-1)?.body).toMatchObject({
      baseModel: TUNABLE,
      displayName: 'counter',
      tuningTask: {
        hyperparameters: { epochCount: 1, batchSize: 2 },
        trainingData: { examples: { examples } },
      },
    });
    const done = await job.wait({ initialDelay: 10, timeout: 10_000 });
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.tunedModel).toEqual({ model: 'tunedModels/counter', endpoint: 'tunedModels/counter' });
    expect((await client.tunings.get('counter')).state).toBe('JOB_STATE_SUCCEEDED');
    const jobs = await collect(client.tunings.list());
    expect(jobs.map((j) => j.name)).toEqual(['tunedModels/counter']);

    const model = done.tunedModel!.model!;
    const r = await client.models.generateContent({ model, contents: 'hi', config: { temperature: 0 } });
    expect(r.text.length).toBeGreaterThan(0);
    expect(emu.control.requests.at(-1)?.methodId).toBe('tunedModels.generateContent');
    const stream = client.models.generateContentStream({ model, contents: 'hi' });
    expect((await stream.finalResponse()).text.length).toBeGreaterThan(0);
    expect(emu.control.requests.at(-1)?.methodId).toBe('tunedModels.streamGenerateContent');
    const count = await client.models.countTokens({ model, contents: 'hello there' });
    expect(count.totalTokens).toBeGreaterThan(0);
    expect(emu.control.requests.at(-1)?.path).toContain(`${TUNABLE}:countTokens`);
  });

  it('models.get/list/update/delete take tuned models; cancel stops a running job', async () => {
    const { client } = await tunable(60_000);
    const running = await client.tunings.tune({
      baseModel: TUNABLE,
      trainingDataset: { examples: { examples } },
      config: { tunedModelId: 'slow' },
    });
    const got = await client.models.get('tunedModels/slow');
    expect(got.state).toBe('CREATING');
    const page = await client.models.list({ config: { queryBase: false } });
    expect(page.tunedModels?.map((m) => m.name)).toEqual(['tunedModels/slow']);
    const base = await client.models.list({ pageSize: 5 });
    expect(base.models?.length).toBe(5);
    const updated = await client.models.update({
      model: 'tunedModels/slow',
      config: { displayName: 'renamed', description: 'd' },
    });
    expect(updated).toMatchObject({ displayName: 'renamed', description: 'd' });
    expect(
      await rejection(client.models.update({ model: 'gemini-2.5-flash', displayName: 'x' })),
    ).toBeInstanceOf(InvalidArgumentError);
    expect(await rejection(client.models.delete('gemini-2.5-flash'))).toBeInstanceOf(InvalidArgumentError);
    await client.tunings.cancel(running);
    expect(await collect(client.tunings.list())).toEqual([]);

    const { client: fast } = await tunable(0);
    const finished = await fast.tunings.tune({
      baseModel: TUNABLE,
      trainingDataset: { examples },
      config: { tunedModelId: 'quick' },
    });
    await finished.wait({ initialDelay: 5 });
    expect(await rejection(fast.tunings.cancel('quick'))).toBeInstanceOf(InvalidArgumentError);
    await fast.models.delete({ model: 'tunedModels/quick' });
    expect(await collect(fast.tunings.list())).toEqual([]);
  });
});
