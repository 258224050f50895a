import { describe, expect, it } from 'vitest';
import { defineFunction, type FunctionResponse } from '../../src/index.js';
import { MODEL, setup, turnText, untilTurnComplete, userTexts } from './helpers.js';

const AUDIO_MODEL = 'gemini-2.5-flash-native-audio-latest';

/** 16 kHz PCM: `ms` of a loud square wave, or of silence. */
function pcm(ms: number, loud: boolean): Uint8Array {
  const samples = (16_000 * ms) / 1000;
  const buf = Buffer.alloc(samples * 2);
  if (loud) for (let i = 0; i < samples; i++) buf.writeInt16LE(i % 32 < 16 ? 12_000 : -12_000, i * 2);
  return buf;
}

describe('live audio', () => {
  it('audio in (PCM bytes, base64 done for the user) and audio out (deterministic PCM) with transcriptions', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({
      model: AUDIO_MODEL,
      config: { responseModalities: ['AUDIO'], inputAudioTranscription: {}, outputAudioTranscription: {} },
    });
    const inputs: string[] = [];
    const outputs: string[] = [];
    session.on('inputTranscription', (t) => inputs.push(t.text ?? ''));
    session.on('outputTranscription', (t) => outputs.push(t.text ?? ''));
    session.sendRealtimeInput({ audio: pcm(1000, true) }); // Uint8Array / Buffer
    session.sendRealtimeInput({
      audio: { data: pcm(500, true).buffer as ArrayBuffer, mimeType: 'audio/pcm;rate=16000' },
    });
    session.sendRealtimeInput({ audio: pcm(100, false) }); // silence ends the utterance
    const chunks: { bytes: number; rate: number }[] = [];
    for await (const chunk of session.audio())
      chunks.push({ bytes: chunk.data.byteLength, rate: chunk.sampleRate });
    expect(inputs).toEqual(['[1.60 s of audio]']);
    const reply = 'Echo: [1.60 s of audio]';
    expect(outputs.join('')).toBe(reply);
    // 20 ms per character at 24 kHz, 16-bit mono, in 100 ms chunks.
    const total = chunks.reduce((s, c) => s + c.bytes, 0);
    expect(total).toBe(Math.round((24_000 * reply.length * 20) / 1000) * 2);
    expect(chunks.every((c) => c.rate === 24_000 && c.bytes <= 4800)).toBe(true);
    // Deterministic: the same reply gives the same PCM.
    const [record] = emu.control.live.sessions();
    const userAudio = (
      record?.history[0]?.['parts'] as { inlineData?: { mimeType: string; data: string } }[]
    )[0];
    expect(userAudio?.inlineData?.mimeType).toBe('audio/pcm;rate=16000');
    expect(Buffer.from(userAudio?.inlineData?.data ?? '', 'base64').length).toBe(2 * 16_000 * 1.6);
    await session.close();
  });

  it('explicit activity signals when automatic detection is off; video frames join the turn', async () => {
    const { emu, client } = await setup();
    const session = await client.live.connect({
      model: MODEL,
      config: {
        responseModalities: ['TEXT'],
        realtimeInputConfig: { automaticActivityDetection: { disabled: true } },
      },
    });
    session.sendRealtimeInput({ video: new Uint8Array([0xff, 0xd8, 0xff]) });
    session.sendRealtimeInput({ activityStart: {} });
    session.sendRealtimeInput({ audio: pcm(200, false) }); // silence does not end an explicit activity
    session.sendRealtimeInput({ activityEnd: {} });
    expect(turnText(await untilTurnComplete(session))).toBe('Echo: [0.20 s of audio]');
    const parts = emu.control.live.sessions()[0]?.history[0]?.['parts'] as Record<
      string,
      { mimeType: string }
    >[];
    expect(parts.map((p) => p['inlineData']?.mimeType)).toEqual(['image/jpeg', 'audio/pcm;rate=16000']);
    await session.close();
  });

  it('barge-in: new content interrupts the model turn', async () => {
    const { emu, client } = await setup();
    emu.control.live.setChunkDelay(30);
    const session = await client.live.connect({ model: MODEL });
    session.sendClientContent({ turns: 'a long story please' });
    const seen: string[] = [];
    for await (const m of session) {
      if (m.serverContent?.modelTurn) {
        seen.push('chunk');
        if (seen.length === 1) session.sendClientContent({ turns: 'stop' });
      }
      if (m.serverContent?.interrupted) seen.push('interrupted');
      if (m.serverContent?.turnComplete) {
        seen.push('turnComplete');
        if (seen.filter((s) => s === 'turnComplete').length === 2) break;
      }
    }
    expect(seen.slice(0, 3)).toEqual(['chunk', 'interrupted', 'turnComplete']);
    expect(userTexts(emu.control.live.sessions()[0]!.history)).toEqual(['a long story please', 'stop']);
    await session.close();
  });
});

describe('live tool calls', () => {
  const decl = {
    name: 'get_time',
    description: 'Current time',
    parameters: { type: 'OBJECT' as const, properties: {} },
  };

  it('round trip by hand: toolCall → sendToolResponse → the model answers', async () => {
    const { client } = await setup();
    const session = await client.live.connect({
      model: MODEL,
      config: { tools: [{ functionDeclarations: [decl] }] },
    });
    session.sendClientContent({ turns: 'please call get_time' });
    let call: { id?: string; name?: string } | undefined;
    for await (const m of session) {
      call = m.toolCall?.functionCalls?.[0];
      if (call) break;
    }
    expect(call?.name).toBe('get_time');
    expect(call?.id).toBeTruthy();
    session.sendToolResponse({
      functionResponses: { id: call!.id!, name: 'get_time', response: { result: '12:00' } },
    });
    expect(turnText(await untilTurnComplete(session))).toBe('Echo: get_time returned {"result":"12:00"}');
    await session.close();
  });

  it('scripted tool calls, and a toolResponse with an unknown id closes with 1007', async () => {
    const { emu, client } = await setup();
    emu.control.script(MODEL, { functionCalls: [{ name: 'lookup', args: { q: 'x' }, id: 'call-1' }] });
    const session = await client.live.connect({ model: MODEL });
    session.sendClientContent({ turns: 'anything' });
    const messages: unknown[] = [];
    for await (const m of session) {
      messages.push(m);
      if (m.toolCall) break;
    }
    expect(messages.at(-1)).toEqual({
      toolCall: { functionCalls: [{ id: 'call-1', name: 'lookup', args: { q: 'x' } }] },
    });
    session.sendToolResponse({ functionResponses: [{ id: 'nope', name: 'lookup', response: {} }] });
    await expect(untilTurnComplete(session)).rejects.toMatchObject({ code: 1007 });
  });

  it('automatic function calling: registered functions run and their responses are sent', async () => {
    const { emu, client } = await setup();
    const ran: unknown[] = [];
    const getTime = defineFunction({
      name: 'get_time',
      description: 'Current time',
      parameters: { type: 'object', properties: { zone: { type: 'string' } } },
      run: (args) => {
        ran.push(args);
        return { time: '12:00' };
      },
    });
    const session = await client.live.connect({ model: MODEL, config: { tools: [getTime] } });
    const sent: FunctionResponse[][] = [];
    session.on('toolResponse', (r) => sent.push(r));
    session.sendClientContent({ turns: 'what does get_time say?' });
    const messages = await untilTurnComplete(session);
    expect(messages.some((m) => m.toolCall)).toBe(true);
    expect(turnText(messages)).toBe('Echo: get_time returned {"time":"12:00"}');
    expect(ran).toHaveLength(1);
    expect(sent[0]?.[0]).toMatchObject({ name: 'get_time', response: { time: '12:00' } });
    const history = emu.control.live.sessions()[0]!.history;
    expect(history.map((c) => c['role'])).toEqual(['user', 'model', 'user', 'model']);
    await session.close();
  });

  it('toolCallCancellation cancels a running function', async () => {
    const { client } = await setup();
    let aborted = false;
    const slow = defineFunction({
      name: 'slow_op',
      run: (_args, { signal }) =>
        new Promise((resolve) => {
          signal?.addEventListener('abort', () => {
            aborted = true;
            resolve('cancelled');
          });
        }),
    });
    const session = await client.live.connect({
      model: MODEL,
      config: { tools: [slow], generationConfig: { responseModalities: ['TEXT'] } },
    });
    const sent: unknown[] = [];
    session.on('toolResponse', (r) => sent.push(r));
    session.sendClientContent({ turns: 'run slow_op' });
    for await (const m of session) if (m.toolCall) break;
    session.sendClientContent({ turns: 'never mind' }); // interrupts: the server cancels the pending call
    const messages = await untilTurnComplete(session);
    expect(messages.some((m) => m.toolCallCancellation?.ids?.length === 1)).toBe(true);
    expect(aborted).toBe(true);
    expect(sent).toEqual([]);
    expect(turnText(messages)).toBe('Echo: never mind');
    await session.close();
  });
});
