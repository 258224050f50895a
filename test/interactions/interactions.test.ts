/**
 * client.interactions against the emulator: create / get / delete, stateful continuation, wire names on
 * the wire (and the documented camelCase aliases), typed errors, bad input refused before sending,
 * and a create that is not retried unless the caller opts in.
 */
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  UnknownOutcomeError,
} from '../../src/core/index.js';
import type { CreateInteractionParams } from '../../src/interactions/index.js';
import { callsTo, rejection, setup, MODEL } from '../integration/helpers.js';

type Obj = Record<string, unknown>;
const bodies = (emu: Awaited<ReturnType<typeof setup>>['emu'], methodId: string): Obj[] =>
  emu.control.requests.filter((r) => r.methodId === methodId).map((r) => r.body as Obj);

describe('interactions: create, get, delete', () => {
  it('creates an interaction in the recorded shape and gets it back', async () => {
    const { client } = await setup();
    const a = await client.interactions.create({ model: MODEL, input: 'hello there' });
    expect(a.id).toMatch(/^v1_[A-Za-z0-9_-]+$/);
    expect(a).toMatchObject({
      object: 'interaction',
      model: MODEL,
      status: 'completed',
      service_tier: 'standard',
    });
    expect(a.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.steps?.map((s) => s.type)).toEqual(['thought', 'model_output']);
    expect(a.text).toBe('Echo: hello there');
    expect(a.usage).toMatchObject({ total_input_tokens: 2, total_output_tokens: 4 });
    expect(Object.keys(a)).not.toContain('text'); // helpers are not wire data
    const got = await client.interactions.get(a.id!);
    expect(JSON.parse(JSON.stringify(got))).toEqual(JSON.parse(JSON.stringify(a)));
    const withInput = await client.interactions.get(a.id!, { includeInput: true });
    expect(withInput.input).toBe('hello there');
  });

  it('continues a stored interaction: the server keeps the history', async () => {
    const { client, emu } = await setup();
    const a = await client.interactions.create({ model: MODEL, input: 'first' });
    const b = await client.interactions.create({
      model: MODEL,
      input: 'second',
      previous_interaction_id: a.id!,
    });
    expect(b.status).toBe('completed');
    expect(b.text).toBe('Echo: second');
    expect(b.id).not.toBe(a.id);
    expect(bodies(emu, 'interactions.create')[1]).toEqual({
      model: MODEL,
      input: 'second',
      previous_interaction_id: a.id,
    });
  });

  it('sends wire names; camelCase aliases of top-level fields are mapped, and must agree', async () => {
    const { client, emu } = await setup();
    const a = await client.interactions.create({ model: MODEL, input: 'one' });
    await client.interactions.create({
      model: `models/${MODEL}`,
      input: 'two',
      previousInteractionId: a.id!,
      previous_interaction_id: a.id!,
      generationConfig: { temperature: 0.2, max_output_tokens: 50 },
      systemInstruction: 'Be brief.',
    });
    expect(bodies(emu, 'interactions.create')[1]).toEqual({
      model: MODEL,
      input: 'two',
      previous_interaction_id: a.id,
      generation_config: { temperature: 0.2, max_output_tokens: 50 },
      system_instruction: 'Be brief.',
    });
    const err = await rejection(
      client.interactions.create({
        model: MODEL,
        input: 'x',
        previousInteractionId: 'v1_a',
        previous_interaction_id: 'v1_b',
      }),
    );
    expect(err).toBeInstanceOf(InvalidArgumentError);
  });

  it('refuses bad input before sending anything', async () => {
    const { client, emu } = await setup();
    const bad: Array<() => Promise<unknown>> = [
      () => client.interactions.create({ model: MODEL, input: '' }),
      () => client.interactions.create({ input: 'no model' } as CreateInteractionParams & { stream?: false }),
      () =>
        client.interactions.create({ model: MODEL, agent: 'deep-research-pro-preview-12-2025', input: 'x' }),
      () =>
        client.interactions.create({ model: MODEL, input: 'x', generation_config: { maxOutputTokens: 5 } }),
      () => client.interactions.get(''),
      () => client.interactions.get('a/b'),
      () => client.interactions.get('v1_x', { lastEventId: 'evt_0001' }),
      () => client.interactions.delete(undefined as never),
    ];
    for (const call of bad) expect(await rejection(call())).toBeInstanceOf(InvalidArgumentError);
    expect(() => client.interactions.create({ model: MODEL, input: [], stream: true })).toThrow(
      InvalidArgumentError,
    );
    expect(emu.control.requests).toHaveLength(0);
  });

  it('answers errors as typed ApiErrors', async () => {
    const { client } = await setup();
    const a = await client.interactions.create({ model: MODEL, input: 'bye' });
    await client.interactions.delete(a.id!);
    expect(await rejection(client.interactions.get(a.id!))).toBeInstanceOf(NotFoundError);
    expect(await rejection(client.interactions.delete(a.id!))).toBeInstanceOf(NotFoundError);
    expect(
      await rejection(
        client.interactions.create({ model: MODEL, input: 'x', previous_interaction_id: a.id! }),
      ),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await rejection(client.interactions.create({ model: 'no-such-model', input: 'x' })),
    ).toBeInstanceOf(NotFoundError);
    // A JS caller's unknown field reaches the emulator, which rejects it like the service's JSON parser.
    const unknown = await rejection(
      client.interactions.create({ model: MODEL, input: 'x', foo: 1 } as CreateInteractionParams & {
        stream?: false;
      }),
    );
    expect(unknown).toBeInstanceOf(BadRequestError);
    expect((unknown as Error).message).toMatch(/Unknown name "foo"/);
    // Unknown generation_config keys pass (the service accepts newer options).
    const ok = await client.interactions.create({
      model: MODEL,
      input: 'x',
      generation_config: { frequency_penalty: 1 },
    });
    expect(ok.status).toBe('completed');
  });

  it('structured output comes back as JSON text; max_output_tokens ends incomplete', async () => {
    const { client } = await setup();
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
      required: ['name', 'age'],
    };
    const r = await client.interactions.create({
      model: MODEL,
      input: 'Invent a person',
      response_format: { type: 'text', mime_type: 'application/json', schema },
    });
    expect(JSON.parse(r.text)).toEqual({ name: expect.any(String), age: expect.any(Number) });
    const cut = await client.interactions.create({
      model: MODEL,
      input: 'one two three four five',
      generation_config: { max_output_tokens: 3 },
    });
    expect(cut.status).toBe('incomplete');
    expect(cut.text).toBe('Echo: one');
  });

  it('re-sends a create only when the server cannot have acted (503), unless asked; get is retried', async () => {
    const { client, emu } = await setup();
    emu.control.faults.failNext(1, { code: 503, methodId: 'interactions.create' });
    expect((await client.interactions.create({ model: MODEL, input: 'x' })).status).toBe('completed');
    expect(callsTo(emu, 'interactions.create')).toBe(2);
    emu.control.faults.cutNext(5, { methodId: 'interactions.create' });
    expect(await rejection(client.interactions.create({ model: MODEL, input: 'x' }))).toBeInstanceOf(
      UnknownOutcomeError,
    );
    expect(callsTo(emu, 'interactions.create')).toBe(3);
    emu.control.faults.cutNext(5, { methodId: 'interactions.create' });
    const r = await client.interactions.create({ model: MODEL, input: 'x' }, { idempotent: true });
    expect(r.status).toBe('completed');
    expect(callsTo(emu, 'interactions.create')).toBe(5);
    emu.control.faults.failNext(1, { code: 503, methodId: 'interactions.get' });
    expect((await client.interactions.get(r.id!)).id).toBe(r.id);
    expect(callsTo(emu, 'interactions.get')).toBe(2);
  });

  it('store: false keeps nothing (empty id, as recorded)', async () => {
    const { client, emu } = await setup();
    const r = await client.interactions.create({ model: MODEL, input: 'stateless', store: false });
    expect(r.id).toBe('');
    expect(r.text).toBe('Echo: stateless');
    expect(emu.control.interactions.list()).toHaveLength(0);
    // Stateless multi-turn: the whole history as steps, model steps sent back as received.
    const next = await client.interactions.create({
      model: MODEL,
      store: false,
      input: [
        { type: 'user_input', content: [{ type: 'text', text: 'stateless' }] },
        ...(r.steps ?? []),
        { type: 'user_input', content: [{ type: 'text', text: 'again' }] },
      ],
    });
    expect(next.text).toBe('Echo: again');
  });

  it('the recorded request body is accepted as is', async () => {
    const { client } = await setup();
    const recorded = {
      input: 'Tell me a short joke about programming.',
      model: 'gemini-2.5-flash',
      generation_config: { temperature: 0.7, max_output_tokens: 500, thinking_level: 'low' as const },
      stream: false as const,
    };
    const r = await client.interactions.create(recorded);
    expect(r.text).toBe('Echo: Tell me a short joke about programming.');
  });
});
