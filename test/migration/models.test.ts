// @google/genai README style: models (generate, stream, config, function calling, count, embed, list).
import { describe, expect, it } from 'vitest';
import { Gemini as GoogleGenAI, createPartFromFunctionResponse, createUserContent } from '../../src/index.js';
import { GEMINI_API_KEY, emulator } from './helpers.js';

describe('migration: models', () => {
  it('generateContent with a config, streaming, counting, embedding, listing', async () => {
    const emu = await emulator();
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });

    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'why is the sky blue?',
      config: { systemInstruction: 'Answer briefly', temperature: 0.2, maxOutputTokens: 200 },
    });
    expect(response.text).toContain('why is the sky blue?');

    const stream = await ai.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: createUserContent('Write a 100-word poem.'),
      config: { thinkingConfig: { thinkingBudget: 0 } },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.text;
    expect(text).toContain('Write a 100-word poem.');

    const count = await ai.models.countTokens({
      model: 'gemini-2.5-flash',
      contents: 'why is the sky blue?',
    });
    expect(count.totalTokens).toBeGreaterThan(0);

    const embedding = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['What is the meaning of life?', 'How do I bake a cake?'],
      config: { taskType: 'SEMANTIC_SIMILARITY', outputDimensionality: 16 },
    });
    expect(embedding.embeddings?.map((e) => e.values?.length)).toEqual([16, 16]);

    const pager = ai.models.list({ config: { pageSize: 10 } });
    let seen = 0;
    for await (const model of pager) if (model.name) seen++;
    expect(seen).toBeGreaterThan(10);
  });

  it('function calling: declarations in config.tools, the calls on the response, the answer sent back', async () => {
    const emu = await emulator();
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });
    const controlLightDeclaration = {
      name: 'controlLight',
      parametersJsonSchema: {
        type: 'object',
        properties: { brightness: { type: 'number' }, colorTemperature: { type: 'string' } },
        required: ['brightness', 'colorTemperature'],
      },
    };
    emu.control.script('gemini-2.5-flash', {
      functionCalls: [{ name: 'controlLight', args: { brightness: 25, colorTemperature: 'warm' }, id: 'f1' }],
    });
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Dim the lights so the room feels cozy and warm.',
      config: {
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['controlLight'] } },
        tools: [{ functionDeclarations: [controlLightDeclaration] }],
      },
    });
    expect(response.functionCalls).toEqual([
      { id: 'f1', name: 'controlLight', args: { brightness: 25, colorTemperature: 'warm' } },
    ]);
    const call = response.functionCalls![0]!;
    const answer = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [
        createUserContent('Dim the lights so the room feels cozy and warm.'),
        response.candidates![0]!.content!,
        createUserContent(createPartFromFunctionResponse(call.id!, call.name!, { ok: true })),
      ],
    });
    expect(answer.text).toContain('controlLight');
  });
});
