/**
 * Error typing for each status family, from real emulator answers: a validation 400 with its
 * BadRequest field violations, a rejected key, a missing key (403), an unknown model (404), 409,
 * 429, 5xx; and local errors raised before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '../../src/core/index.js';
import type { GenerateContentInput } from '../../src/models/request.js';
import { collect, emulator, clientFor, MODEL, rejection, setup } from './helpers.js';

describe('error typing', () => {
  it('a validation error is a BadRequestError with the field violations', async () => {
    const { emu, client } = await setup();
    const input = {
      model: MODEL,
      contents: 'x',
      safetySettings: [{ category: 'HARM_CATEGORY_FOO', threshold: 'BLOCK_NONE' }],
    } as unknown as GenerateContentInput;
    const err = await rejection(client.models.generateContent(input));
    expect(err).toBeInstanceOf(BadRequestError);
    const e = err as BadRequestError;
    const message = `Invalid value at 'safety_settings[0].category' (type.googleapis.com/google.ai.generativelanguage.v1beta.HarmCategory), "HARM_CATEGORY_FOO"`;
    expect(e).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT', message });
    expect(e.detail('BadRequest')?.fieldViolations).toEqual([
      { field: 'safety_settings[0].category', description: message },
    ]);
    expect(e.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    expect(e.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(emu.control.requests).toHaveLength(1);
  });

  it('an unknown field is a BadRequestError naming it', async () => {
    const { client } = await setup();
    const input = {
      model: MODEL,
      contents: 'x',
      generationConfig: { temprature: 1 },
    } as unknown as GenerateContentInput;
    const err = (await rejection(client.models.generateContent(input))) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toBe(
      `Invalid JSON payload received. Unknown name "temprature" at 'generation_config': Cannot find field.`,
    );
    expect(err.detail('BadRequest')?.fieldViolations[0]?.field).toBe('generation_config');
  });

  it('a rejected key is a BadRequestError with ErrorInfo API_KEY_INVALID', async () => {
    const emu = await emulator({ apiKeys: ['the-good-key'] });
    const err = (await rejection(
      clientFor(emu, { apiKey: 'a-bad-key' }).models.generateContent({ model: MODEL, contents: 'x' }),
    )) as BadRequestError;
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toBe('API key not valid. Please pass a valid API key.');
    expect(err.detail('ErrorInfo')).toMatchObject({ reason: 'API_KEY_INVALID', domain: 'googleapis.com' });
    expect(err.detail('LocalizedMessage')).toMatchObject({ locale: 'en-US' });
  });

  it('a request without any key on the wire is a PermissionDeniedError', async () => {
    // An `authorization` header replaces the API key, so no x-goog-api-key is sent at all.
    const { emu, client } = await setup({ headers: { authorization: 'Bearer not-a-google-token' } });
    const err = await rejection(client.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
    expect((err as ApiError).message).toMatch(/^Method doesn't allow unregistered callers/);
    expect(emu.control.requests[0]?.headers['authorization']).toBe('Bearer [REDACTED]'); // the log keeps only the scheme
  });

  it('an unknown model is a NotFoundError with code NOT_FOUND (unary, stream and get)', async () => {
    const { client } = await setup();
    const unary = await rejection(client.models.generateContent({ model: 'gemini-0-nope', contents: 'x' }));
    expect(unary).toBeInstanceOf(NotFoundError);
    expect(unary).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((unary as NotFoundError).message).toMatch(
      /^models\/gemini-0-nope is not found for API version v1beta, or is not supported for generateContent/,
    );
    const chunks: unknown[] = [];
    const stream = await rejection(
      (async () => {
        for await (const c of client.models.generateContentStream({
          model: 'gemini-0-nope',
          contents: 'x',
        })) {
          chunks.push(c);
        }
      })(),
    );
    expect(stream).toBeInstanceOf(NotFoundError);
    expect(chunks).toEqual([]);
    expect(await rejection(client.models.get('gemini-0-nope'))).toBeInstanceOf(NotFoundError);
  });

  it.each([
    [409, 'ConflictError', ConflictError, 'ALREADY_EXISTS'],
    [429, 'RateLimitError', RateLimitError, 'RESOURCE_EXHAUSTED'],
    [500, 'ServerError', ServerError, 'INTERNAL'],
    [503, 'ServerError', ServerError, 'UNAVAILABLE'],
    [504, 'ServerError', ServerError, 'DEADLINE_EXCEEDED'],
  ] as const)('a %i is a %s with its rpc status', async (code, _name, type, status) => {
    const { emu, client } = await setup({ maxRetries: 0 });
    emu.control.faults.failNext(1, { code });
    const err = await rejection(client.models.countTokens({ model: MODEL, contents: 'x' }));
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ status: code, code: status });
  });

  it('an error raised before the stream starts is typed and carries the server message', async () => {
    const { emu, client } = await setup({ maxRetries: 0 });
    emu.control.script(MODEL, { error: { code: 429, message: 'Slow down', details: [] } });
    const err = await rejection(
      collect(client.models.generateContentStream({ model: MODEL, contents: 'x' })),
    );
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).message).toBe('Slow down');
  });

  it('an invalid path parameter is an InvalidArgumentError before anything is sent', async () => {
    const { emu, client } = await setup();
    expect(await rejection(client.models.get('models/a/b'))).toBeInstanceOf(InvalidArgumentError);
    expect(
      await rejection(client.models.generateContent({ model: 'tunedModels/x/y', contents: 'x' })),
    ).toBeInstanceOf(InvalidArgumentError);
    expect(emu.control.requests).toHaveLength(0);
  });
});
