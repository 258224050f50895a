// Replays the recorded explicit-caching session (ruby_llm: create, use, extend, delete) against the
// emulator in order, with the emulator's cache name in place of the recorded one: every step is accepted
// and answered with the recorded top-level fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, setup } from '../integration/helpers.js';
import { TRANSCRIPTS_DIR } from '../transcripts/recorded.js';

interface Transcript {
  method: string;
  path: string;
  request_body: unknown;
  status: number;
  response_body: Record<string, unknown>;
}

const PREFIX =
  'ruby_llm__cachedcontent_explicit_caching_round-trip_gemini_gemini-2_5-flash_creates_uses_extends_and_deletes_a_cache__0';
const load = (n: number): Transcript =>
  JSON.parse(readFileSync(join(TRANSCRIPTS_DIR, `${PREFIX}${n}.json`), 'utf8')) as Transcript;

describe('recorded caching session', () => {
  it('replays create → generateContent with the cache → PATCH ttl → DELETE', async () => {
    const { emu } = await setup();
    const steps = [1, 2, 3, 4].map(load);
    const recordedName = String(steps[0]!.response_body['name']);
    let name = '';
    for (const step of steps) {
      const swap = (s: string): string => (name ? s.replaceAll(recordedName, name) : s);
      const body = step.request_body === null ? undefined : swap(JSON.stringify(step.request_body));
      const res = await fetch(`${emu.url}${swap(step.path)}`, {
        method: step.method,
        headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
        ...(body !== undefined ? { body } : {}),
      });
      const json = (await res.json()) as Record<string, unknown>;
      expect(res.status, `${step.method} ${step.path}`).toBe(step.status);
      expect(Object.keys(json).sort(), `${step.method} ${step.path}`).toEqual(
        Object.keys(step.response_body).sort(),
      );
      if (!name) name = String(json['name']);
      if (step.path.endsWith(':generateContent')) {
        const usage = json['usageMetadata'] as Record<string, unknown>;
        expect(usage['cachedContentTokenCount']).toBeGreaterThan(0);
      }
    }
    expect(emu.control.caches.list()).toEqual([]);
  });
});
