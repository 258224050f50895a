// MCP tools through automatic function calling: a real MCP server in the same process (the SDK's
// in-memory transport) and one over stdio (a child process), against the emulator.
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError, mcpToTool } from '../../src/index.js';
import { MODEL, generateBodies, setup } from '../models/helpers.js';
import { setup as liveSetup, MODEL as LIVE_MODEL, untilTurnComplete } from '../live/helpers.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** A weather MCP server in this process, and a client connected to it. */
async function weather(): Promise<{ mcp: Client; calls: string[] }> {
  const calls: string[] = [];
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool(
    'get_weather',
    { description: 'Weather for a city', inputSchema: { city: z.string() } },
    async ({ city }) => {
      calls.push(city);
      if (city === 'Atlantis') return { isError: true, content: [{ type: 'text', text: 'no such city' }] };
      return { content: [{ type: 'text', text: `sunny in ${city}` }] };
    },
  );
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const mcp = new Client({ name: 'test', version: '1.0.0' });
  await mcp.connect(b);
  open.push(mcp, server);
  return { mcp, calls };
}

describe('mcpToTool', () => {
  it('declares the MCP tools and runs the model calls through the MCP client (generateContent)', async () => {
    const { emu, client } = await setup();
    const { mcp, calls } = await weather();
    emu.control.script(MODEL, {
      functionCalls: [
        { name: 'get_weather', args: { city: 'Paris' }, id: 'c1' },
        { name: 'get_weather', args: { city: 'Atlantis' }, id: 'c2' },
      ],
    });
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'weather?',
      tools: [mcpToTool(mcp)],
    });
    expect(calls).toEqual(['Paris', 'Atlantis']);
    const [first, second] = generateBodies(emu);
    const declared = (first!['tools'] as Array<{ functionDeclarations: Array<Record<string, unknown>> }>)[0]!
      .functionDeclarations[0]!;
    expect(declared).toMatchObject({
      name: 'get_weather',
      description: 'Weather for a city',
      parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    });
    expect(declared['parametersJsonSchema']).not.toHaveProperty('$schema');
    const answers = (second!.contents.at(-1) as { parts: Array<{ functionResponse: unknown }> }).parts;
    expect(answers[0]!.functionResponse).toMatchObject({
      id: 'c1',
      name: 'get_weather',
      response: { content: [{ type: 'text', text: 'sunny in Paris' }] },
    });
    expect(answers[1]!.functionResponse).toMatchObject({ id: 'c2', response: { error: 'no such city' } });
    expect(r.text).toContain('get_weather returned');
  });

  it('works in streams and chats, and refuses what is not an MCP client', async () => {
    const { emu, client } = await setup();
    const { mcp, calls } = await weather();
    const tool = mcpToTool(mcp);
    emu.control.script(MODEL, { functionCalls: [{ name: 'get_weather', args: { city: 'Oslo' } }] });
    const stream = client.models.generateContentStream({ model: MODEL, contents: 'x', tools: tool });
    expect((await stream.finalResponse()).text).toContain('sunny in Oslo');
    const chat = client.chats.create({ model: MODEL, config: { tools: [tool] } });
    emu.control.script(MODEL, { functionCalls: [{ name: 'get_weather', args: { city: 'Rome' } }] });
    await chat.sendMessage('weather in Rome?');
    expect(calls).toEqual(['Oslo', 'Rome']);
    expect(chat.getHistory()).toHaveLength(4);
    expect(() => mcpToTool({} as never)).toThrow(InvalidArgumentError);
  });

  it('answers Live tool calls', async () => {
    const { client } = await liveSetup();
    const { mcp, calls } = await weather();
    const session = await client.live.connect({ model: LIVE_MODEL, config: { tools: [mcpToTool(mcp)] } });
    session.sendClientContent({ turns: 'what does get_weather say?' });
    const messages = await untilTurnComplete(session);
    expect(messages.some((m) => m.toolCall)).toBe(true);
    expect(calls).toHaveLength(1);
    await session.close();
  });

  it('answers the function calls of an Interactions conversation (send and stream)', async () => {
    const { emu, client } = await setup();
    const { mcp, calls } = await weather();
    const convo = client.interactions.conversation({ model: MODEL, tools: [mcpToTool(mcp)] });
    emu.control.script(MODEL, { functionCalls: [{ name: 'get_weather', args: { city: 'Lima' }, id: 'i1' }] });
    const r = await convo.send('Weather in Lima?');
    expect(r.status).toBe('completed');
    expect(r.text).toContain('sunny in Lima');
    emu.control.script(MODEL, {
      functionCalls: [{ name: 'get_weather', args: { city: 'Quito' }, id: 'i2' }],
    });
    for await (const event of convo.stream('And Quito?')) void event;
    expect(calls).toEqual(['Lima', 'Quito']);
    expect(convo.lastInteraction?.text).toContain('sunny in Quito');
  });

  it('talks to an MCP server over stdio (a child process)', async () => {
    const { emu, client } = await setup();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(import.meta.dirname, 'fixtures', 'mcp-stdio-server.mjs')],
      cwd: join(import.meta.dirname, '..', '..'),
      stderr: 'ignore',
    });
    const mcp = new Client({ name: 'test', version: '1.0.0' });
    await mcp.connect(transport);
    open.push(mcp);
    emu.control.script(MODEL, { functionCalls: [{ name: 'shout', args: { word: 'hello' }, id: 's1' }] });
    const r = await client.models.generateContent({
      model: MODEL,
      contents: 'shout hello',
      tools: [mcpToTool(mcp, { timeout: 10_000 })],
    });
    const answer = (
      generateBodies(emu)[1]!.contents.at(-1) as { parts: Array<{ functionResponse: unknown }> }
    ).parts[0]!.functionResponse;
    expect(answer).toMatchObject({ name: 'shout', response: { content: [{ type: 'text', text: 'HELLO' }] } });
    expect(r.automaticFunctionCallingHistory).toHaveLength(2);
  }, 20_000);
});
