/**
 * Every recorded request the service answered is answered by the emulator with the recorded status.
 * Recordings are replayed per session (a test's numbered files, in order) against a fresh emulator:
 * resource names the service made up (batches, caches, operations, files, upload sessions) are mapped
 * to the emulator's own as its answers reveal them, and a resource a session's unrecorded earlier steps
 * created is created first through the API. Recordings made while a model was served run with
 * `models: 'all'`; those of a model already retired (a recorded 404) with today's catalogue.
 *
 * Not replayable, and why (each list is checked to be exactly what it says):
 * - response-only fixtures (the request was never recorded; the SDK parses them in
 *   test/transcripts/sdk-parse.test.ts);
 * - quota answers (429): they depend on the project's usage that day, not on the request.
 * The OpenAI-compatible endpoint (`/v1beta/openai/…`) is replayed too (its answer shape is checked in
 * test/fidelity/openai-compat.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { loadTranscripts, type Transcript } from '../transcripts/recorded.js';

const KEY = 'recordings-key';
const all = loadTranscripts();
const responseOnly = all.filter((t) => /response-only/.test(t.note ?? ''));
const quota = all.filter((t) => t.status === 429 && !responseOnly.includes(t));
const replayed = all.filter((t) => !responseOnly.includes(t) && !quota.includes(t));

/** Sessions: a test's numbered recordings (`…__01.json`, `…__02.json`) in order. */
function sessions(list: readonly Transcript[]): Transcript[][] {
  const bySession = new Map<string, Transcript[]>();
  for (const t of list) {
    const key = t.file.replace(/__\d+\.json$|\.json$/, '');
    bySession.set(key, [...(bySession.get(key) ?? []), t]);
  }
  return [...bySession.values()];
}

/** Resource names the service mints, as they appear in paths, bodies and URIs. */
const NAME =
  /(?:batches|cachedContents|files|fileSearchStores|operations)\/[a-z0-9][a-z0-9-]*|upload_id=[A-Za-z0-9_-]+/g;

class Replay {
  private readonly ids = new Map<string, string>();
  constructor(private readonly emu: RunningEmulator) {}

  private rewrite(text: string): string {
    return text.replace(NAME, (m) => this.ids.get(m) ?? m);
  }

  /** Pairs the names of a recorded answer with those of ours at the same places. */
  learn(recorded: unknown, ours: unknown): void {
    if (typeof recorded === 'string' && typeof ours === 'string') {
      const a = recorded.match(NAME) ?? [];
      const b = ours.match(NAME) ?? [];
      a.forEach((name, i) => {
        const mine = b[i];
        if (mine !== undefined && !this.ids.has(name)) this.ids.set(name, mine);
      });
    } else if (Array.isArray(recorded) && Array.isArray(ours)) {
      recorded.forEach((v, i) => this.learn(v, ours[i]));
    } else if (recorded && ours && typeof recorded === 'object' && typeof ours === 'object') {
      for (const [k, v] of Object.entries(recorded)) this.learn(v, (ours as Record<string, unknown>)[k]);
    }
  }

  private async call(
    method: string,
    path: string,
    init: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ) {
    return fetch(`${this.emu.url}${path}`, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json', ...init.headers },
      ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
    });
  }

  private async create(
    name: string,
    made: () => Promise<Response>,
    pick: (body: Record<string, unknown>) => string,
  ): Promise<void> {
    const res = await made();
    const text = await res.text();
    expect(res.status, `creating ${name}: ${text.slice(0, 200)}`).toBe(200);
    this.ids.set(name, pick(JSON.parse(text) as Record<string, unknown>));
  }

  /** Creates what a step needs that an unrecorded earlier step of its session created. */
  async prepare(t: Transcript, body: string | Buffer | undefined): Promise<void> {
    const text = `${t.path}?${new URLSearchParams(t.query).toString()} ${typeof body === 'string' ? body : ''}`;
    for (const name of new Set(text.match(NAME) ?? [])) {
      if (this.ids.has(name)) continue;
      const [kind, id = ''] = name.split(/[/=]/);
      if (kind === 'fileSearchStores') {
        this.emu.control.fileSearch.addStore({ name });
        this.ids.set(name, name);
      } else if (kind === 'cachedContents') {
        const contents = [{ role: 'user', parts: [{ text: 'A handbook chapter. '.repeat(600) }] }];
        const json = JSON.stringify({ model: 'models/gemini-2.5-flash', contents, ttl: '3600s' });
        await this.create(
          name,
          () => this.call('POST', '/v1beta/cachedContents', { body: json }),
          (b) => String(b['name']),
        );
      } else if (kind === 'batches') {
        const batch = {
          inputConfig: { requests: { requests: [{ request: { contents: [{ parts: [{ text: 'hi' }] }] } }] } },
        };
        const json = JSON.stringify({ batch });
        await this.create(
          name,
          () => this.call('POST', '/v1beta/models/gemini-2.5-flash:batchGenerateContent', { body: json }),
          (b) => String(b['name']),
        );
      } else if (kind === 'operations') {
        const model = /models\/([^/]+)\/operations/.exec(t.path)?.[1] ?? 'veo-3.1-generate-preview';
        const json = JSON.stringify({ instances: [{ prompt: 'a recorded prompt' }] });
        await this.create(
          name,
          () => this.call('POST', `/v1beta/models/${model}:predictLongRunning`, { body: json }),
          (b) => String(b['name']).replace(/^.*?(operations\/)/, '$1'),
        );
      } else if (kind === 'upload_id' && Buffer.isBuffer(body)) {
        const res = await this.call('POST', '/upload/v1beta/files', {
          body: JSON.stringify({ file: { displayName: id.slice(0, 8) } }),
          headers: {
            'x-goog-upload-protocol': 'resumable',
            'x-goog-upload-command': 'start',
            'x-goog-upload-header-content-length': String(body.length),
            'x-goog-upload-header-content-type': 'application/octet-stream',
          },
        });
        expect(res.status).toBe(200);
        const url = res.headers.get('x-goog-upload-url') ?? '';
        this.ids.set(name, `upload_id=${new URL(url).searchParams.get('upload_id') ?? ''}`);
      }
    }
  }

  /** Sends one recorded request (rewritten) and returns our status and parsed body. */
  async step(t: Transcript): Promise<{ status: number; body: unknown; text: string }> {
    const raw = t.request_body;
    const binary = typeof raw === 'string' ? /^<binary (\d+) bytes/.exec(raw) : null;
    const body =
      binary !== null
        ? Buffer.alloc(Number(binary[1]), 7)
        : raw === null || raw === undefined
          ? undefined
          : JSON.stringify(raw);
    await this.prepare(t, body);
    const qs = new URLSearchParams(t.query).toString();
    const path = this.rewrite(`${t.path}${qs ? `?${qs}` : ''}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(
      (t as { request_headers?: Record<string, string> }).request_headers ?? {},
    ))
      headers[k] = v;
    // An answer `x-goog-upload-status: active` with a session URL means the request was a resumable
    // start; some cassettes dropped those request headers, the recording implies them.
    if (t.response_headers['x-goog-upload-status'] === 'active' && t.response_headers['x-goog-upload-url']) {
      headers['x-goog-upload-protocol'] ??= 'resumable';
      headers['x-goog-upload-command'] ??= 'start';
    }
    const res = await this.call(t.method, path, {
      ...(body !== undefined ? { body: typeof body === 'string' ? this.rewrite(body) : body } : {}),
      headers,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // media bytes or SSE
    }
    if (t.response_body !== undefined) this.learn(t.response_body, parsed);
    const location = res.headers.get('location');
    const recordedLocation = t.response_headers['location'] ?? t.response_headers['Location'];
    if (location && recordedLocation) this.learn(recordedLocation, location);
    return { status: res.status, body: parsed, text };
  }
}

describe.skipIf(all.length === 0)('recorded traffic, replayed against the emulator', () => {
  it('leaves out only response-only fixtures and quota answers', () => {
    expect(
      responseOnly.every(
        (t) => t.request_body === null || t.request_body === undefined || t.method === 'GET',
      ),
    ).toBe(true);
    expect(quota.map((t) => t.file)).toEqual([
      'crewai__TestAgentMultimodalGemini.test_mixed_files-gemini-gemini-2.0-flash-__02.json',
    ]);
    expect(replayed.some((t) => t.path === '/v1beta/openai/chat/completions')).toBe(true);
    expect(replayed.length).toBeGreaterThan(100);
    expect(responseOnly.length + quota.length + replayed.length).toBe(all.length);
  });

  it('answers every replayable recorded request with the recorded status', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    let passed = 0;
    for (const session of sessions(replayed)) {
      const retiredThen = session.some((t) => t.status === 404);
      const emu = await startEmulator({ apiKeys: [KEY], ...(retiredThen ? {} : { models: 'all' as const }) });
      emu.control.videos.configure({ durationMs: 0 });
      const replay = new Replay(emu);
      try {
        for (const t of session) {
          const got = await replay.step(t);
          if (got.status === t.status) passed++;
          else failures.push(`${t.file}: recorded ${t.status}, got ${got.status} ${got.text.slice(0, 160)}`);
        }
      } finally {
        await emu.close();
      }
    }
    expect(failures).toEqual([]);
    expect(passed).toBe(replayed.length);
  });
});
