import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AbortError, ToolRunner, defineFunction, InvalidArgumentError } from '../../src/index.js';
import { MODEL, generateBodies, setup } from '../models/helpers.js';

const add = defineFunction({
  name: 'add',
  description: 'Adds two numbers',
  parameters: z.object({ a: z.number(), b: z.number() }),
  run: ({ a, b }) => a + b,
});

describe('ToolRunner', () => {
  it('runs calls in parallel and answers in call order, ids echoed', async () => {
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = defineFunction({
      name: 'slow',
      parameters: { type: 'object', properties: { n: { type: 'number' } } },
      run: async (args) => {
        if (++started === 2) release();
        await gate; // both calls must be running at once to get here
        return { n: (args as { n: number }).n };
      },
    });
    const runner = new ToolRunner([slow]);
    const out = await runner.run([
      { id: 'c1', name: 'slow', args: { n: 1 } },
      { id: 'c2', name: 'slow', args: { n: 2 } },
    ]);
    expect(out).toEqual([
      { id: 'c1', name: 'slow', response: { n: 1 } },
      { id: 'c2', name: 'slow', response: { n: 2 } },
    ]);
  });

  it('reports user errors, invalid arguments and unknown functions to the model', async () => {
    const boom = defineFunction({
      name: 'boom',
      run: () => {
        throw new Error('disk full');
      },
    });
    const runner = new ToolRunner([add, boom]);
    const out = await runner.run([
      { name: 'boom' },
      { name: 'add', args: { a: 'x' } },
      { name: 'nope' },
      { name: 'add', args: { a: 1, b: 2 } },
    ]);
    expect(out[0]).toEqual({ name: 'boom', response: { error: 'disk full' } });
    expect(String(out[1]!.response!['error'])).toMatch(/^invalid arguments for function add: a: /);
    expect(out[2]).toEqual({ name: 'nope', response: { error: 'no function named nope is available' } });
    expect(out[3]).toEqual({ name: 'add', response: { output: 3 } });
  });

  it('gathers function tools into one wire tool beside built-in tools; rejects duplicates', () => {
    const runner = new ToolRunner([
      { googleSearch: {} },
      add,
      { functionDeclarations: [{ name: 'raw', parametersJsonSchema: z.object({ q: z.string() }) }] },
    ]);
    expect(runner.tools).toEqual([
      { googleSearch: {} },
      { functionDeclarations: [add.declaration] },
      {
        functionDeclarations: [
          {
            name: 'raw',
            parametersJsonSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
          },
        ],
      },
    ]);
    expect(runner.canRun([{ name: 'add' }])).toBe(true);
    expect(runner.canRun([{ name: 'raw' }])).toBe(false);
    expect(() => new ToolRunner([add, add])).toThrow(InvalidArgumentError);
  });

  it('stops waiting when aborted', async () => {
    const never = defineFunction({ name: 'never', run: () => new Promise(() => undefined) });
    const controller = new AbortController();
    const p = new ToolRunner([never]).run([{ name: 'never' }], { signal: controller.signal });
    controller.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
  });
});

describe('automatic function calling', () => {
  it('runs parallel calls, sends the responses and returns the final answer with the exchange', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, {
      functionCalls: [
        { name: 'add', args: { a: 1, b: 2 }, id: 'x1' },
        { name: 'add', args: { a: 3, b: 4 }, id: 'x2' },
      ],
    });
    const r = await client.models.generateContent({ model: MODEL, contents: 'sum things', tools: [add] });
    expect(r.text).toBe('Echo: add returned {"output":3}; add returned {"output":7}');
    expect(r.automaticFunctionCallingHistory).toEqual([
      {
        role: 'model',
        parts: [
          { functionCall: { id: 'x1', name: 'add', args: { a: 1, b: 2 } } },
          { functionCall: { id: 'x2', name: 'add', args: { a: 3, b: 4 } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'x1', name: 'add', response: { output: 3 } } },
          { functionResponse: { id: 'x2', name: 'add', response: { output: 7 } } },
        ],
      },
    ]);
    const bodies = generateBodies(emu);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.contents).toEqual([
      { role: 'user', parts: [{ text: 'sum things' }] },
      ...r.automaticFunctionCallingHistory,
    ]);
    expect(bodies[0]!['tools']).toEqual([{ functionDeclarations: [add.declaration] }]);
    expect(JSON.stringify(r)).not.toContain('automaticFunctionCallingHistory');
  });

  it('honours maximumRemoteCalls and disable, and stops at functions without code', async () => {
    const { emu, client } = await setup();
    const call = { functionCalls: [{ name: 'add', args: { a: 1, b: 1 } }] };
    emu.control.script(MODEL, call, call, call);
    const limited = await client.models.generateContent({
      model: MODEL,
      contents: 'q',
      tools: [add],
      automaticFunctionCalling: { maximumRemoteCalls: 2 },
    });
    expect(generateBodies(emu)).toHaveLength(2);
    expect(limited.functionCalls).toEqual([{ name: 'add', args: { a: 1, b: 1 } }]);
    expect(limited.automaticFunctionCallingHistory).toHaveLength(2);
    emu.control.clearRequests();
    const off = await client.models.generateContent({
      model: MODEL,
      contents: 'q',
      tools: [add],
      automaticFunctionCalling: { disable: true },
    });
    expect(off.functionCalls).toHaveLength(1);
    expect(generateBodies(emu)).toHaveLength(1);
    const manual = defineFunction({ name: 'manual', parameters: { type: 'object' } });
    emu.control.script(MODEL, { functionCalls: [{ name: 'manual', args: {} }] });
    const handled = await client.models.generateContent({
      model: MODEL,
      contents: 'q',
      tools: [manual, add],
    });
    expect(handled.functionCalls).toEqual([{ name: 'manual', args: {} }]);
  });

  it('reports errors thrown by user code back to the model', async () => {
    const { emu, client } = await setup();
    const flaky = defineFunction({ name: 'flaky', run: () => Promise.reject(new Error('service down')) });
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'q',
      tools: [flaky],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
    });
    expect(r.text).toBe('Echo: flaky returned {"error":"service down"}');
    expect(generateBodies(emu)[1]!.contents.at(-1)).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'flaky', response: { error: 'service down' } } }],
    });
  });

  it('continues a stream across function calls', async () => {
    const { emu, client } = await setup();
    const weather = defineFunction({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      run: ({ city }) => ({ city, tempC: 21 }),
    });
    const stream = client.models.generateContentStream({
      model: MODEL,
      contents: 'use get_weather please',
      tools: [weather],
    });
    const chunks: string[] = [];
    for await (const c of stream) chunks.push(c.functionCalls.length ? 'CALL' : c.text);
    expect(chunks[0]).toBe('CALL');
    expect(chunks.slice(1).join('')).toBe('Echo: get_weather returned {"city":"city","tempC":21}');
    const final = await stream.finalResponse();
    expect(final.text).toBe('Echo: get_weather returned {"city":"city","tempC":21}');
    expect(final.automaticFunctionCallingHistory).toHaveLength(2);
    expect(generateBodies(emu)).toHaveLength(2);
  });
});
