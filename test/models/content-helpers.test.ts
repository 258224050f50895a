// @google/genai's content helpers: same names, same wire objects.
import { describe, expect, it } from 'vitest';
import * as sdk from '../../src/index.js';

describe('content helpers', () => {
  it('build the same parts and contents as @google/genai', () => {
    expect(sdk.createPartFromText('hi')).toEqual({ text: 'hi' });
    expect(sdk.createPartFromUri('https://x/files/a', 'image/png')).toEqual({
      fileData: { fileUri: 'https://x/files/a', mimeType: 'image/png' },
    });
    expect(sdk.createPartFromBase64('AAE=', 'image/png')).toEqual({
      inlineData: { data: 'AAE=', mimeType: 'image/png' },
    });
    expect(sdk.createPartFromFunctionCall('f', { a: 1 })).toEqual({
      functionCall: { name: 'f', args: { a: 1 } },
    });
    expect(sdk.createPartFromFunctionResponse('id1', 'f', { ok: true })).toEqual({
      functionResponse: { id: 'id1', name: 'f', response: { ok: true } },
    });
    const media = [{ inlineData: { data: 'AA==', mimeType: 'image/png' } }];
    expect(sdk.createPartFromFunctionResponse('id1', 'f', {}, media).functionResponse?.parts).toEqual(media);
    expect(sdk.createPartFromCodeExecutionResult('OUTCOME_OK', '4')).toEqual({
      codeExecutionResult: { outcome: 'OUTCOME_OK', output: '4' },
    });
    expect(sdk.createPartFromExecutableCode('print(1)', 'PYTHON')).toEqual({
      executableCode: { code: 'print(1)', language: 'PYTHON' },
    });
    expect(sdk.createUserContent('hi')).toEqual({ role: 'user', parts: [{ text: 'hi' }] });
    expect(sdk.createModelContent(['a', { text: 'b' }])).toEqual({
      role: 'model',
      parts: [{ text: 'a' }, { text: 'b' }],
    });
    expect(sdk.createUserContent(sdk.createPartFromText('x'))).toEqual({
      role: 'user',
      parts: [{ text: 'x' }],
    });
    expect(() => sdk.createUserContent([])).toThrow(sdk.InvalidArgumentError);
  });
});
