/**
 * Stateful conversations and function calling over the Interactions API (scripted function calls in
 * the emulator), and background runs: wait() with the shared poller on the emulator's clock, cancel.
 */
import { describe, expect, it } from 'vitest';
import { AbortError, BadRequestError, TimeoutError } from '../../src/core/index.js';
import { functionResult, InteractionFailedError } from '../../src/interactions/index.js';
import { defineFunction } from '../../src/tools/index.js';
import { collect, rejection, setup, MODEL } from '../integration/helpers.js';

type Obj = Record<string, unknown>;
const AGENT = 'deep-research-pro-preview-12-2025';
const weatherCall = { name: 'get_weather', args: { city: 'Paris' }, id: 'zggxzq8r' };

function weather(calls: unknown[]) {
  return defineFunction({
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    run: (args) => {
      calls.push(args);
      return { city: (args as { city: string }).city, temp_c: 21 };
    },
  });
}

describe('function calling', () => {
  it('manual round trip: requires_action → function_result step → answer', async () => {
    const { client, emu } = await setup();
    emu.control.script(MODEL, { functionCalls: [weatherCall] });
    const tools = [{ type: 'function' as const, name: 'get_weather', parameters: { type: 'object' } }];
    const first = await client.interactions.create({ model: MODEL, input: 'Weather in Paris?', tools });
    expect(first.status).toBe('requires_action');
    expect(first.functionCalls).toEqual([
      { type: 'function_call', id: 'zggxzq8r', name: 'get_weather', arguments: { city: 'Paris' } },
    ]);
    // Text without the results is refused while the call is pending.
    const pending = await rejection(
      client.interactions.create({ model: MODEL, input: 'hm?', previous_interaction_id: first.id! }),
    );
    expect(pending).toBeInstanceOf(BadRequestError);
    const answer = await client.interactions.create({
      model: MODEL,
      tools,
      previous_interaction_id: first.id!,
      input: first.functionCalls.map((c) => functionResult(c, { temp_c: 21 })),
    });
    expect(answer.status).toBe('completed');
    expect(answer.text).toBe('Echo: get_weather: {"temp_c":21}');
  });

  it('a conversation runs defineFunction tools automatically and chains the interactions', async () => {
    const { client, emu } = await setup();
    const calls: unknown[] = [];
    emu.control.script(MODEL, { functionCalls: [weatherCall] });
    const convo = client.interactions.conversation({
      model: MODEL,
      tools: [weather(calls)],
      system_instruction: 'Be brief.',
    });
    const r = await convo.send('Weather in Paris?');
    expect(calls).toEqual([{ city: 'Paris' }]);
    expect(r.status).toBe('completed');
    expect(r.text).toBe('Echo: get_weather: {"city":"Paris","temp_c":21}');
    const sent = emu.control.requests
      .filter((q) => q.methodId === 'interactions.create')
      .map((q) => q.body as Obj);
    expect(sent[0]).toMatchObject({
      system_instruction: 'Be brief.',
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather in a city',
          parameters: { type: 'object' },
        },
      ],
    });
    expect(sent[1]).toMatchObject({
      input: [
        {
          type: 'function_result',
          call_id: 'zggxzq8r',
          name: 'get_weather',
          result: { city: 'Paris', temp_c: 21 },
        },
      ],
    });
    expect(sent[1]!['previous_interaction_id']).toBeTruthy();
    const next = await convo.send('Thanks!');
    expect(next.text).toBe('Echo: Thanks!');
    expect(emu.control.requests.at(-1)!.body).toMatchObject({ previous_interaction_id: r.id });
    expect(convo.lastInteractionId).toBe(next.id);
  });

  it('a streamed conversation turn continues across the function call', async () => {
    const { client, emu } = await setup();
    const calls: unknown[] = [];
    emu.control.script(MODEL, { functionCalls: [weatherCall] });
    const convo = client.interactions.conversation({ model: MODEL, tools: [weather(calls)] });
    const stream = convo.stream('Weather in Paris?');
    const events = await collect(stream);
    expect(events.filter((e) => e.event_type === 'interaction.completed')).toHaveLength(2);
    const argDeltas = events.filter(
      (e) => e.event_type === 'step.delta' && e.delta?.type === 'arguments_delta',
    );
    expect(argDeltas.length).toBeGreaterThan(1); // arguments streamed as string pieces
    expect(calls).toEqual([{ city: 'Paris' }]);
    const final = await stream.finalInteraction();
    expect(final.text).toBe('Echo: get_weather: {"city":"Paris","temp_c":21}');
    expect(convo.lastInteractionId).toBe(final.id);
    expect((await convo.send('and tomorrow?')).text).toBe('Echo: and tomorrow?');
  });

  it('automatic calling can be turned off; a failed send leaves the conversation as it was', async () => {
    const { client, emu } = await setup();
    emu.control.script(MODEL, { functionCalls: [weatherCall] });
    const convo = client.interactions.conversation({
      model: MODEL,
      tools: [weather([])],
      automaticFunctionCalling: { disable: true },
    });
    const r = await convo.send('Weather?');
    expect(r.status).toBe('requires_action');
    const done = await convo.send(r.functionCalls.map((c) => functionResult(c, 'sunny')));
    expect(done.text).toBe('Echo: get_weather: "sunny"');
    emu.control.script(MODEL, { error: { code: 400, message: 'bad' } });
    expect(await rejection(convo.send('boom'))).toBeInstanceOf(BadRequestError);
    expect(convo.lastInteractionId).toBe(done.id);
  });
});

describe('background runs', () => {
  it('wait() polls until the run finishes on the emulator clock, reporting progress', async () => {
    const { client, emu } = await setup({}, { clock: { frozen: true } });
    const run = await client.interactions.create({ agent: AGENT, input: 'research', background: true });
    expect(run.done).toBe(false);
    const seen: string[] = [];
    const waiting = run.wait({
      initialDelay: 5,
      maxDelay: 10,
      onProgress: (i) => seen.push(String(i.status)),
    });
    while (seen.length < 3) await new Promise((r) => setTimeout(r, 5));
    emu.control.clock.advance(10_000);
    const final = await waiting;
    expect(final).toMatchObject({ status: 'completed', agent: AGENT });
    expect(final.text).toBe('Echo: research');
    expect(seen[0]).toBe('in_progress');
    expect(seen.at(-1)).toBe('completed');
    expect(await final.wait()).toBe(final); // already final: no request
  });

  it('wait() honours signal and timeout; cancel() stops a run; a failed run throws', async () => {
    const { client, emu } = await setup({}, { clock: { frozen: true } });
    const run = await client.interactions.create({ agent: AGENT, input: 'long', background: true });
    const controller = new AbortController();
    const aborted = run.wait({ signal: controller.signal, initialDelay: 5 });
    controller.abort();
    expect(await rejection(aborted)).toBeInstanceOf(AbortError);
    expect(await rejection(run.wait({ timeout: 30, initialDelay: 5 }))).toBeInstanceOf(TimeoutError);
    const cancelled = await client.interactions.cancel(run.id!);
    expect(cancelled.status).toBe('cancelled');
    expect((await run.wait({ initialDelay: 5 })).status).toBe('cancelled');
    expect(await rejection(client.interactions.cancel(run.id!))).toBeInstanceOf(BadRequestError);

    emu.control.script(AGENT, { error: { code: 500, message: 'the agent crashed' } });
    const failing = await client.interactions.create({ agent: AGENT, input: 'x', background: true });
    emu.control.clock.advance(10_000);
    const err = await rejection(failing.wait({ initialDelay: 5 }));
    expect(err).toBeInstanceOf(InteractionFailedError);
    expect((err as InteractionFailedError).errors[0]?.message).toBe('the agent crashed');
  });
});
