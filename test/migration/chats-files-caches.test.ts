// @google/genai README style: chats, files and caches.
import { describe, expect, it } from 'vitest';
import {
  Gemini as GoogleGenAI,
  createModelContent,
  createPartFromUri,
  createUserContent,
} from '../../src/index.js';
import { GEMINI_API_KEY, emulator } from './helpers.js';

describe('migration: chats, files, caches', () => {
  it('chats: create with history and config, sendMessage, sendMessageStream', async () => {
    const emu = await emulator();
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });
    const chat = ai.chats.create({
      model: 'gemini-2.5-flash',
      history: [
        createUserContent('Hello'),
        createModelContent('Great to meet you. What would you like to know?'),
      ],
      config: { temperature: 0.5 },
    });
    const response1 = await chat.sendMessage({ message: 'I have 2 dogs in my house.' });
    expect(response1.text).toContain('2 dogs');
    const response2 = await chat.sendMessageStream({ message: 'How many paws are in my house?' });
    let text = '';
    for await (const chunk of response2) text += chunk.text;
    expect(text).toContain('paws');
    expect(chat.getHistory()).toHaveLength(6);
  });

  it('files.upload({ file, config }) and a file part; caches.create({ model, config })', async () => {
    const emu = await emulator();
    const ai = new GoogleGenAI({ apiKey: GEMINI_API_KEY, baseUrl: emu.url });
    const file = await ai.files.upload({
      file: new Blob(['The quick brown fox.'], { type: 'text/plain' }),
      config: { mimeType: 'text/plain', displayName: 'fox.txt' },
    });
    expect(file.displayName).toBe('fox.txt');
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: createUserContent([createPartFromUri(file.uri!, file.mimeType!), 'Summarize this file']),
    });
    expect(response.text).toContain('Summarize this file');

    const cache = await ai.caches.create({
      model: 'gemini-2.5-flash',
      config: {
        contents: createUserContent('A long document. '.repeat(400)),
        systemInstruction: 'You are an expert analyzing transcripts.',
        ttl: '300s',
        displayName: 'transcript',
      },
    });
    const cached = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Please summarize this transcript',
      config: { cachedContent: cache.name },
    });
    expect(cached.usageMetadata?.cachedContentTokenCount).toBeGreaterThan(0);
  });
});
