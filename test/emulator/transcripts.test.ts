/**
 * Replays the recorded real traffic (test/fixtures/transcripts) for generation, models, countTokens and
 * embedding routes: every request the service accepted is accepted (200), recorded 404s for
 * unknown models are 404 with the same message, recorded 400s are 400, and response bodies use
 * only top-level fields the real responses of the same method use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPTS_DIR as dir } from '../transcripts/recorded.js';
import { api, sseEvents, start } from './helpers.js';

interface Transcript {
  file: string;
  method: string;
  path: string;
  query: Record<string, string>;
  request_body: unknown;
  status: number;
  response_body?: unknown;
  response_sse_events?: unknown[];
}

const ROUTE =
  /^\/v1beta\/models(\/([^/:]+)(:(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents))?)?$/;

function load(): Transcript[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<Transcript, 'file'>),
    }))
    .filter((t) => ROUTE.test(t.path));
}

const all = load();
// Response-only fixtures (no recorded request) cannot be replayed; neither can quota errors, nor requests
// naming a cache created earlier in their session (replayed as a sequence in test/caches/transcripts.test.ts).
const usesCache = (t: Transcript): boolean =>
  JSON.stringify(t.request_body ?? null).includes('"cachedContent"');
const replayable = all.filter(
  (t) =>
    (t.method === 'GET' || t.request_body !== null) && [200, 400, 404].includes(t.status) && !usesCache(t),
);

const keysOf = (v: unknown): string[] => (typeof v === 'object' && v !== null ? Object.keys(v) : []);

/** Top-level response keys the real service used, per route verb (`generateContent`, `list`, …). */
function realKeys(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of all.filter((x) => x.status === 200)) {
    const verb = ROUTE.exec(t.path)?.[4] ?? t.method;
    const set = out.get(verb) ?? new Set<string>();
    for (const v of t.response_sse_events ??
      (Array.isArray(t.response_body) ? t.response_body : [t.response_body])) {
      for (const k of keysOf(v)) set.add(k);
    }
    out.set(verb, set);
  }
  return out;
}

describe('recorded real traffic', () => {
  it('has a meaningful sample to replay', () => {
    expect(replayable.length).toBeGreaterThan(80);
  });

  it('answers every replayable request with the recorded status', { timeout: 120_000 }, async () => {
    const emu = await start();
    const keys = realKeys();
    for (const t of replayable) {
      emu.control.reset();
      const m = ROUTE.exec(t.path);
      const model = m?.[2];
      const verb = m?.[4] ?? t.method;
      // Models the service served then (older or preview releases) exist for that replay only.
      if (model && t.status === 200 && !emu.control.models.get(model)) emu.control.models.add(model);
      const qs = new URLSearchParams(t.query).toString();
      const res = await api(emu, `${t.path}${qs ? `?${qs}` : ''}`, {
        method: t.method,
        ...(t.method === 'POST' ? { body: JSON.stringify(t.request_body) } : {}),
      });
      const text = await res.text();
      expect(res.status, `${t.file}: ${text.slice(0, 300)}`).toBe(t.status);
      if (t.status === 404) {
        const message = (JSON.parse(text) as { error: { message: string } }).error.message;
        expect(message, t.file).toMatch(
          new RegExp(
            `^models/${model?.replace(/\./g, '\\.')} is not found for API version v1beta, or is not supported for`,
          ),
        );
      }
      if (t.status !== 200) continue;
      const chunks = t.query['alt'] === 'sse' ? sseEvents(text) : ([] as unknown[]).concat(JSON.parse(text));
      const allowed = keys.get(verb) ?? new Set();
      for (const chunk of chunks) {
        for (const k of keysOf(chunk)) expect(allowed.has(k), `${t.file}: unexpected field ${k}`).toBe(true);
      }
    }
  });
});
