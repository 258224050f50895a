// The emulator's batches over raw HTTP: the recorded request is accepted and answered in the recorded
// shape, the state machine moves with the fake clock, and the HTTP control routes steer it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, setup } from '../integration/helpers.js';
import { TRANSCRIPTS_DIR } from '../transcripts/recorded.js';
import { frozen } from './helpers.js';

const transcript = (name: string): { request_body: unknown; response_body: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(TRANSCRIPTS_DIR, name), 'utf8')) as {
    request_body: unknown;
    response_body: Record<string, unknown>;
  };

const keysOf = (o: unknown): string[] => Object.keys(o as object);

describe('batches on the wire', () => {
  it('accepts the recorded batchGenerateContent request and answers in the recorded shape', async () => {
    const { emu } = await setup({}, frozen);
    const rec1 = transcript(
      'ruby_llm__batch_with_gemini_gemini-2_5-flash_answers_staged_chats_and_appends_the_answers_to_their_conversations__01.json',
    );
    const rec2 = transcript(
      'ruby_llm__batch_with_gemini_gemini-2_5-flash_answers_staged_chats_and_appends_the_answers_to_their_conversations__02.json',
    );
    const api = async (path: string, init: RequestInit = {}): Promise<Record<string, unknown>> => {
      const res = await fetch(`${emu.url}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    const created = await api('/v1beta/models/gemini-2.5-flash:batchGenerateContent', {
      method: 'POST',
      body: JSON.stringify(rec1.request_body),
    });
    expect(keysOf(created)).toEqual(keysOf(rec1.response_body));
    expect(keysOf(created['metadata'])).toEqual(keysOf(rec1.response_body['metadata']));
    expect(created['metadata']).toMatchObject({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
      displayName: 'ruby_llm_bf7406835d85c375',
      batchStats: { requestCount: '2', pendingRequestCount: '2' },
      state: 'BATCH_STATE_PENDING',
    });

    emu.control.clock.advance(501);
    const running = await api(`/v1beta/${String(created['name'])}`);
    expect(keysOf(running)).toEqual(keysOf(rec2.response_body));
    expect(running['metadata']).toMatchObject({ state: 'BATCH_STATE_RUNNING' });

    emu.control.clock.advance(10);
    const done = await api(`/v1beta/${String(created['name'])}`);
    expect(keysOf(done)).toEqual(['name', 'metadata', 'done', 'response']);
    expect(done['response']).toMatchObject({
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput',
      inlinedResponses: {
        inlinedResponses: [{ metadata: { custom_id: '0' } }, { metadata: { custom_id: '1' } }],
      },
    });
    expect(done['metadata']).toMatchObject({
      state: 'BATCH_STATE_SUCCEEDED',
      batchStats: { requestCount: '2', successfulRequestCount: '2' },
    });
  });

  it('is steered through the HTTP control routes', async () => {
    const { emu, client } = await setup({}, frozen);
    const control = async (path: string, body: unknown = {}): Promise<Response> =>
      fetch(`${emu.url}/__emulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await control('batches/configure', { pendingMs: 0, perRequestMs: 100 })).status).toBe(200);
    const a = await client.batches.create({ model: 'gemini-2.5-flash', requests: [{ contents: 'a' }] });
    const b = await client.batches.create({ model: 'gemini-2.5-flash', requests: [{ contents: 'b' }] });
    expect((await control(`${a.name}/finish`)).status).toBe(200);
    expect(
      (await control(`${b.name}/fail`, { error: { code: 8, message: 'Out of capacity.' } })).status,
    ).toBe(200);
    expect((await control('batches/nope/finish')).status).toBe(404);
    expect((await a.refresh()).state).toBe('SUCCEEDED');
    expect((await b.refresh()).error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    const listed = (await (await fetch(`${emu.url}/__emulator/batches`)).json()) as { batches: unknown[] };
    expect(listed.batches).toHaveLength(2);
    emu.control.reset();
    expect(await emu.control.batches.list()).toEqual([]);
  });
});
