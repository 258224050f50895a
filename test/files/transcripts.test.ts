// Recorded real traffic of the Files and File Search routes (test/fixtures/transcripts), replayed against
// the emulator with the state the recording implies: same statuses, same headers that matter, and
// responses that use only fields the real ones used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPTS_DIR as dir } from '../transcripts/recorded.js';
import { bytes, setup } from '../upload/support.js';

interface Transcript {
  method: string;
  path: string;
  query: Record<string, string>;
  request_headers: Record<string, string>;
  request_body: unknown;
  status: number;
  response_headers: Record<string, string>;
  response_body?: unknown;
}

const load = (name: string): Transcript =>
  JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Transcript;
const KEY = { 'x-goog-api-key': 'test-key' };
const keys = (v: unknown): string[] => (typeof v === 'object' && v !== null ? Object.keys(v).sort() : []);

describe('recorded Files / File Search traffic', () => {
  it('store create answers in the recorded shape, name derived from the display name', async () => {
    const t = load('pydantic-ai__test_google_model_file_search_grounding_gemini_3-True-__01');
    const { emu } = await setup();
    const res = await fetch(`${emu.url}${t.path}`, {
      method: t.method,
      headers: { ...KEY, ...t.request_headers },
      body: JSON.stringify(t.request_body),
    });
    expect(res.status).toBe(t.status);
    const body = (await res.json()) as Record<string, string>;
    expect(keys(body)).toEqual(keys(t.response_body));
    const recorded = (t.response_body as { name: string }).name;
    expect(body['name']?.replace(/-[a-z0-9]{12}$/, '')).toBe(recorded.replace(/-[a-z0-9]{12}$/, ''));
  });

  it('store upload start: 200, empty text/plain body, active, session URL on the same path', async () => {
    for (const name of [
      'pydantic-ai__test_google_model_file_search_grounding_gemini_3-True-__02',
      'pydantic-ai__test_google_model_file_search_tool_stream__02',
    ]) {
      const t = load(name);
      const { emu } = await setup();
      emu.control.fileSearch.addStore({
        name: t.path.replace(/^\/upload\/v1beta\//, '').replace(/:uploadToFileSearchStore$/, ''),
      });
      const res = await fetch(`${emu.url}${t.path}`, {
        method: 'POST',
        headers: {
          ...KEY,
          ...t.request_headers,
          'x-goog-upload-protocol': 'resumable',
          'x-goog-upload-command': 'start',
        },
        body: JSON.stringify(t.request_body),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      expect(res.headers.get('content-type')).toBe(t.response_headers['content-type']);
      expect(res.headers.get('x-goog-upload-status')).toBe('active');
      const url = new URL(res.headers.get('x-goog-upload-url') ?? '');
      const recorded = new URL(t.response_headers['x-goog-upload-url'] ?? '');
      expect(url.pathname).toBe(decodeURIComponent(recorded.pathname));
      expect([...url.searchParams.keys()]).toEqual([...recorded.searchParams.keys()]);
    }
  });

  it('files upload finalize answers with the recorded File fields', async () => {
    const t = load(
      'ruby_llm__uploadedfile_live_uploads_gemini_gemini-2_5-flash_reuses_an_uploaded_file_in_chat__02',
    );
    const { client } = await setup();
    const file = await client.files.upload(bytes(18810), {
      mimeType: 'application/pdf',
      displayName: 'sample.pdf',
    });
    const recorded = (t.response_body as { file: Record<string, unknown> }).file;
    expect(keys(file)).toEqual(keys(recorded));
    expect(file.name).toMatch(/^files\/[a-z0-9]{12}$/);
    expect(Buffer.from(file.sha256Hash ?? '', 'base64').toString()).toMatch(/^[0-9a-f]{64}$/); // base64 of hex, as recorded
    expect(file.expirationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });

  it('download: 302 with the recorded body, then the bytes from /download/', async () => {
    const redirect = load(
      'ruby_llm__video_basic_functionality_gemini_veo-3_1-lite-generate-preview_can_animate_videos__07',
    );
    const media = load(
      'ruby_llm__video_basic_functionality_gemini_veo-3_1-lite-generate-preview_can_animate_videos__08',
    );
    const { emu } = await setup();
    emu.control.files.create({ name: 'files/zqw12cp8qc38', bytes: bytes(1000), mimeType: 'video/mp4' });
    const qs = `?${new URLSearchParams(redirect.query).toString()}`;
    const res = await fetch(`${emu.url}${redirect.path}${qs}`, { headers: KEY, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('content-type')).toBe(redirect.response_headers['content-type']);
    expect(await res.json()).toEqual(redirect.response_body);
    expect(new URL(res.headers.get('location') ?? '').pathname).toBe(media.path);
    const bytesRes = await fetch(res.headers.get('location') ?? '', { headers: KEY });
    expect(bytesRes.status).toBe(200);
    expect(bytesRes.headers.get('content-type')).toBe(media.response_headers['content-type']);
  });

  it('store delete with force=True answers {}', async () => {
    const t = load('pydantic-ai__test_google_model_file_search_grounding_gemini_3-False-__06');
    const { emu } = await setup();
    emu.control.fileSearch.addStore({ name: t.path.replace('/v1beta/', '') });
    const res = await fetch(`${emu.url}${t.path}?${new URLSearchParams(t.query).toString()}`, {
      method: 'DELETE',
      headers: KEY,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(t.response_body);
  });

  it('generateContent with a fileSearch tool (snake_case names) grounds in the recorded shape', async () => {
    const t = load('pydantic-ai__test_google_model_file_search_grounding_gemini_3-False-__04');
    const { emu, client } = await setup();
    emu.control.fileSearch.configure({ indexingDelayMs: 0 });
    const storeName =
      (t.request_body as { tools: Array<{ fileSearch: { file_search_store_names: string[] } }> }).tools[0]
        ?.fileSearch.file_search_store_names[0] ?? '';
    emu.control.fileSearch.addStore({ name: storeName });
    await (
      await client.fileSearchStores.uploadToFileSearchStore(
        storeName,
        Buffer.from('Paris is the capital of France. The Eiffel Tower is a famous landmark in Paris.\n'),
        {
          mimeType: 'text/plain',
          customMetadata: [{ key: 'source_url', stringValue: 'https://example.com/paris' }],
        },
      )
    ).wait({ initialDelay: 5 });
    const res = await fetch(`${emu.url}${t.path}`, {
      method: 'POST',
      headers: { ...KEY, 'content-type': 'application/json' },
      body: JSON.stringify(t.request_body),
    });
    expect(res.status).toBe(200);
    const got = (await res.json()) as { candidates: Array<{ groundingMetadata: Record<string, unknown[]> }> };
    const recorded = (t.response_body as typeof got).candidates[0]?.groundingMetadata ?? {};
    const mine = got.candidates[0]?.groundingMetadata ?? {};
    expect(keys(mine)).toEqual(keys(recorded));
    expect(keys(mine['groundingChunks']?.[0])).toEqual(keys(recorded['groundingChunks']?.[0]));
    expect((mine['groundingChunks']?.[0] as { retrievedContext: unknown }).retrievedContext).toEqual(
      (recorded['groundingChunks']?.[0] as { retrievedContext: unknown }).retrievedContext,
    );
    expect(keys(mine['groundingSupports']?.[0])).toEqual(keys(recorded['groundingSupports']?.[0]));
  });
});
