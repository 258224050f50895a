// @google/genai README style: Live with callbacks and sendContextUpdate, tunings, MCP tools.
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Gemini as GoogleGenAI, mcpToTool, type LiveServerMessage } from '../../src/index.js';
import { GEMINI_API_KEY, emulator } from './helpers.js';

describe('migration: live, tunings, mcp', () => {
  it('live.connect with callbacks, sendClientContent, sendContextUpdate, close', async () => {
    const emu = await emulator();
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });
    const responseQueue: LiveServerMessage[] = [];
    let opened = false;
    let closed = false;
    const session = await ai.live.connect({
      model: 'gemini-live-2.5-flash-preview',
      config: { responseModalities: ['TEXT'] },
      callbacks: {
        onopen: () => (opened = true),
        onmessage: (message) => responseQueue.push(message),
        onerror: (e) => console.error('Error:', e.message),
        onclose: () => (closed = true),
      },
    });
    session.sendContextUpdate({ systemInstruction: 'Answer in one word.' });
    session.sendClientContent({ turns: 'Hello there', turnComplete: true });
    const deadline = Date.now() + 5000;
    while (!responseQueue.some((m) => m.serverContent?.turnComplete) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const text = responseQueue
      .flatMap((m) => m.serverContent?.modelTurn?.parts ?? [])
      .map((p) => p.text ?? '');
    expect(text.join('')).toContain('Hello there');
    session.close();
    while (!closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect([opened, closed]).toEqual([true, true]);
  });

  it('tunings.tune, poll with tunings.get, generate with the tuned model', async () => {
    const emu = await emulator();
    emu.control.models.add({
      name: 'models/gemini-1.5-flash-001-tuning',
      supportedGenerationMethods: ['generateContent', 'countTokens', 'createTunedModel'],
    });
    emu.control.tunedModels.configure({ stepMs: 0 });
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });
    let tuningJob = await ai.tunings.tune({
      baseModel: 'models/gemini-1.5-flash-001-tuning',
      trainingDataset: {
        examples: [
          { textInput: 'Hello', output: 'Hi' },
          { textInput: 'Bye', output: 'Ciao' },
        ],
      },
      config: { tunedModelDisplayName: 'greeter', epochCount: 1 },
    });
    const deadline = Date.now() + 5000;
    while (tuningJob.state !== 'JOB_STATE_SUCCEEDED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      tuningJob = await ai.tunings.get({ name: tuningJob.name! });
    }
    const response = await ai.models.generateContent({
      model: tuningJob.tunedModel!.model!,
      contents: 'Hello',
    });
    expect(response.text.length).toBeGreaterThan(0);
  });

  it('mcpToTool(client) in config.tools, called automatically', async () => {
    const emu = await emulator();
    const server = new McpServer({ name: 'weather', version: '1.0.0' });
    server.registerTool('get_weather', { inputSchema: { city: z.string() } }, async ({ city }) => ({
      content: [{ type: 'text', text: `sunny in ${city}` }],
    }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'example-client', version: '1.0.0' });
    await client.connect(b);
    emu.control.script('gemini-2.5-flash', {
      functionCalls: [{ name: 'get_weather', args: { city: 'London' } }],
    });
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'What is the weather in London?',
      config: { tools: [mcpToTool(client)] },
    });
    expect(response.text).toContain('sunny in London');
    await client.close();
    await server.close();
  });
});
