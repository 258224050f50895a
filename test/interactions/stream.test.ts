/**
 * Streamed interactions against the emulator: the recorded event sequence, accumulation into the final
 * interaction, resumption after a cut with `last_event_id` (no duplicated deltas), replays from `get`,
 * a background run followed live as the emulator's clock advances, mid-stream errors and early exits.
 */
import { describe, expect, it } from 'vitest';
import { AbortError, ApiError, StreamError } from '../../src/core/index.js';
import type { InteractionStreamEvent } from '../../src/interactions/index.js';
import { collect, rejection, setup, MODEL } from '../integration/helpers.js';

const types = (events: InteractionStreamEvent[]): string[] => events.map((e) => String(e.event_type));
const ids = (events: InteractionStreamEvent[]): string[] =>
  events.map((e) => String((e as { event_id?: string }).event_id));
const textOf = (events: InteractionStreamEvent[]): string =>
  events.map((e) => (e.event_type === 'step.delta' && e.delta?.type === 'text' ? e.delta.text : '')).join('');
const LONG = 'one two three four five six seven eight nine ten eleven twelve';

describe('interaction streams', () => {
  it('yields the recorded event sequence and accumulates the final interaction', async () => {
    const { client } = await setup();
    const stream = client.interactions.create({ model: MODEL, input: 'stream please', stream: true });
    const events = await collect(stream);
    expect(types(events)).toEqual([
      'interaction.created',
      'interaction.status_update',
      'step.start',
      'step.delta',
      'step.stop',
      'step.start',
      'step.delta',
      'step.delta',
      'step.stop',
      'interaction.completed',
    ]);
    const final = await stream.finalInteraction();
    expect(final.text).toBe('Echo: stream please');
    expect(final.status).toBe('completed');
    expect(final.steps?.map((s) => s.type)).toEqual(['thought', 'model_output']);
    expect(final.steps?.[0]).toMatchObject({ type: 'thought', signature: expect.any(String) });
    expect(await client.interactions.get(final.id!)).toMatchObject({ id: final.id, steps: final.steps });
    expect(stream.interactionId).toBe(final.id);
  });

  it('a stream cut mid-way resumes with last_event_id, without duplicated deltas', async () => {
    const { client, emu } = await setup();
    emu.control.script(MODEL, { text: LONG, chunks: 6 });
    emu.control.faults.cutNext(1500, { methodId: 'interactions.create' });
    const stream = client.interactions.create({ model: MODEL, input: 'x', stream: true });
    const events = await collect(stream);
    expect(ids(events)).toEqual(events.map((_, i) => `evt_${String(i + 1).padStart(4, '0')}`));
    expect(textOf(events)).toBe(LONG);
    expect((await stream.finalInteraction()).text).toBe(LONG);
    const resumed = emu.control.requests.filter((r) => r.methodId === 'interactions.get');
    expect(resumed).toHaveLength(1);
    const after = resumed[0]!.query['last_event_id'];
    expect(resumed[0]!.query['stream']).toBe('true');
    expect(after).toMatch(/^evt_\d{4}$/);
    expect(after! < stream.lastEventId!).toBe(true); // resumed mid-way, then read to the end
  });

  it('resumes repeatedly (truncated streams), and gives up after maxResumes drops in a row', async () => {
    const { client, emu } = await setup();
    emu.control.script(MODEL, { text: LONG, chunks: 6 });
    emu.control.faults.truncateStream(3, { methodId: 'interactions.create' });
    emu.control.faults.truncateStream(2, { methodId: 'interactions.get', count: 2 });
    const events = await collect(client.interactions.create({ model: MODEL, input: 'x', stream: true }));
    expect(textOf(events)).toBe(LONG);
    expect(new Set(ids(events)).size).toBe(events.length);

    emu.control.faults.truncateStream(3, { methodId: 'interactions.create' });
    emu.control.faults.truncateStream(0, { methodId: 'interactions.get', count: 5 });
    const err = await rejection(
      collect(client.interactions.create({ model: MODEL, input: 'x', stream: true }, { maxResumes: 2 })),
    );
    expect(err).toBeInstanceOf(StreamError);
  });

  it('get(id, { stream: true, lastEventId }) replays the events after that one', async () => {
    const { client, emu } = await setup();
    const first = client.interactions.create({ model: MODEL, input: 'replay me', stream: true });
    const all = await collect(first);
    const id = first.interactionId!;
    const replay = await collect(client.interactions.get(id, { stream: true }));
    expect(ids(replay)).toEqual(ids(all));
    const tail = await collect(client.interactions.get(id, { stream: true, lastEventId: 'evt_0006' }));
    expect(ids(tail)).toEqual(ids(all).slice(6));
    // Dropped before the first event: a get stream simply starts over.
    emu.control.faults.truncateStream(0, { methodId: 'interactions.get' });
    expect(ids(await collect(client.interactions.get(id, { stream: true })))).toEqual(ids(all));
    const unknown = await rejection(
      collect(client.interactions.get(id, { stream: true, lastEventId: 'nope' })),
    );
    expect(unknown).toBeInstanceOf(ApiError);
    expect((unknown as ApiError).status).toBe(400);
  });

  it('follows a background run live: the rest arrives when the clock reaches its end', async () => {
    const { client, emu } = await setup({}, { clock: { frozen: true } });
    const run = await client.interactions.create({
      agent: 'deep-research-pro-preview-12-2025',
      input: 'research this',
      background: true,
    });
    expect(run).toMatchObject({
      status: 'in_progress',
      object: 'interaction',
      agent: 'deep-research-pro-preview-12-2025',
    });
    expect(run.steps).toBeUndefined();
    const seen: string[] = [];
    const following = (async () => {
      for await (const e of client.interactions.get(run.id!, { stream: true }))
        seen.push(String(e.event_type));
    })();
    await until(() => seen.length === 2);
    expect(seen).toEqual(['interaction.created', 'interaction.status_update']);
    emu.control.clock.advance(10_000);
    await following;
    expect(seen.at(-1)).toBe('interaction.completed');
    expect((await client.interactions.get(run.id!)).text).toBe('Echo: research this');
  });

  it('an error event ends the stream with an ApiError; the interaction is failed', async () => {
    const { client, emu } = await setup();
    emu.control.script(MODEL, {
      text: LONG,
      chunks: 4,
      streamError: { afterChunks: 2, error: { code: 503, message: 'overloaded' } },
    });
    const stream = client.interactions.create({ model: MODEL, input: 'x', stream: true });
    const seen: InteractionStreamEvent[] = [];
    const err = await rejection(
      (async () => {
        for await (const e of stream) seen.push(e);
      })(),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(503);
    expect(types(seen)).toContain('step.delta');
    expect((await client.interactions.get(stream.interactionId!)).status).toBe('failed');
  });

  it('leaving the loop early aborts the request; abort() ends it with AbortError', async () => {
    const { client } = await setup();
    const stream = client.interactions.create({ model: MODEL, input: 'x', stream: true });
    for await (const e of stream) if (e.event_type === 'step.start') break;
    expect(await rejection(stream.finalInteraction())).toBeInstanceOf(StreamError);
    const aborted = client.interactions.create({ model: MODEL, input: 'x', stream: true });
    aborted.abort();
    expect(await rejection(collect(aborted))).toBeInstanceOf(AbortError);
  });
});

/** Waits (bounded) until `cond` holds. */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
