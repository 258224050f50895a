// The standalone generateContent functions (gemini-ts/models) do not import the ToolRunner, so a bundle
// that only calls generateContent stays small: they send plain wire tools as they are, and run functions
// once defineFunction (or mcpToTool) has provided the runner. The order of these tests matters: the
// runner is provided by the first defineFunction call of this file (each test file has its own modules).
import { describe, expect, it } from 'vitest';
import { HttpTransport, generateContent, generateContentStream } from '../../src/models/index.js';
import { defineFunction, InvalidArgumentError } from '../../src/index.js';
import { MODEL, generateBodies, setup } from './helpers.js';

const transport = (baseUrl: string): HttpTransport =>
  new HttpTransport({ apiKey: 'test-key', baseUrl, apiVersion: 'v1beta', maxRetries: 0 });

describe('standalone generateContent and tools', () => {
  it('sends plain wire tools without the runner; refuses functions with code it cannot run', async () => {
    const { emu } = await setup();
    const t = transport(emu.url);
    const declared = {
      functionDeclarations: [{ name: 'lookup', parametersJsonSchema: { type: 'object' } }],
    };
    emu.control.script(MODEL, { functionCalls: [{ name: 'lookup', args: {} }] });
    const r = await generateContent(t, { model: MODEL, contents: 'find it', tools: [declared] });
    expect(r.functionCalls).toEqual([{ name: 'lookup', args: {} }]);
    expect(generateBodies(emu)[0]!['tools']).toEqual([declared]);

    const handMade = { declaration: { name: 'add' }, run: () => 1 };
    await expect(
      generateContent(t, { model: MODEL, contents: 'x', tools: [handMade] }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(generateBodies(emu)).toHaveLength(1); // refused before sending
  });

  it('runs functions automatically once defineFunction provided the runner (unary and stream)', async () => {
    const add = defineFunction({
      name: 'add',
      parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
      run: (args) => (args as { a: number; b: number }).a + (args as { a: number; b: number }).b,
    });
    const { emu } = await setup();
    const t = transport(emu.url);
    emu.control.script(MODEL, { functionCalls: [{ name: 'add', args: { a: 1, b: 2 } }] });
    const r = await generateContent(t, { model: MODEL, contents: 'sum', tools: [add] });
    expect(r.text).toBe('Echo: add returned {"output":3}');
    expect(r.automaticFunctionCallingHistory).toHaveLength(2);
    expect(generateBodies(emu)[0]!['tools']).toEqual([{ functionDeclarations: [add.declaration] }]);

    emu.control.script(MODEL, { functionCalls: [{ name: 'add', args: { a: 2, b: 2 } }] });
    const stream = generateContentStream(t, { model: MODEL, contents: 'sum', tools: [add] });
    for await (const _chunk of stream) {
      // drained; the final response is what matters
    }
    expect((await stream.finalResponse()).text).toBe('Echo: add returned {"output":4}');
  });
});
