// Live sendContextUpdate: the wire message (@google/genai 2.32's shape), the emulator applying it to the
// next turn, automatic function calling with the new tools, and resumption keeping the updated context.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, defineFunction } from '../../src/index.js';
import { MODEL, setup, turnText, untilTurnComplete, waitFor } from './helpers.js';

const getTime = defineFunction({
  name: 'get_time',
  description: 'Current time',
  parameters: { type: 'object', properties: {} },
  run: () => ({ time: '12:00' }),
});

describe('LiveSession.sendContextUpdate', () => {
  it('replaces the system instruction and tools from the next turn on', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({
      model: MODEL,
      config: { responseModalities: ['TEXT'], systemInstruction: 'old', sessionResumption: {} },
    });
    session.sendContextUpdate({ systemInstruction: 'new rules', tools: { tools: [getTime] } });
    session.sendClientContent({ turns: 'what does get_time say?' });
    const messages = await untilTurnComplete(session);
    expect(messages.some((m) => m.toolCall)).toBe(true);
    expect(turnText(messages)).toBe('Echo: get_time returned {"time":"12:00"}');
    const info = emu.control.live.sessions()[0]!;
    expect(info.setup['systemInstruction']).toMatchObject({ parts: [{ text: 'new rules' }] });
    expect(info.setup['tools']).toEqual([{ functionDeclarations: [getTime.declaration] }]);

    // A resumed connection sets up with the updated context.
    await waitFor(() => session.resumeHandle !== undefined);
    session.sendContextUpdate({ tools: [] });
    await waitFor(() => (emu.control.live.sessions()[0]!.setup['tools'] as unknown[]).length === 0);
    emu.control.live.drop();
    await waitFor(
      () => emu.control.live.sessions()[0]!.connections === 2 && emu.control.live.openConnections === 1,
    );
    const resumed = emu.control.live.sessions()[0]!.setup;
    expect(resumed['systemInstruction']).toMatchObject({ parts: [{ text: 'new rules' }] });
    expect(resumed['tools']).toEqual([]);
    await session.close();
  });

  it('refuses an empty or malformed update before sending', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({ model: MODEL });
    const before = emu.control.live.sessions()[0]!.clientMessages;
    expect(() => session.sendContextUpdate({})).toThrow(InvalidArgumentError);
    expect(() => session.sendContextUpdate({ tools: { tools: 'x' } } as never)).toThrow(InvalidArgumentError);
    expect(() => session.sendContextUpdate({ systemInstructions: 'x' } as never)).toThrow(/unknown field/);
    expect(emu.control.live.sessions()[0]!.clientMessages).toBe(before);
    await session.close();
  });
});
