/**
 * Every recorded Interactions API exchange in test/fixtures/transcripts: (1) each key of each response body
 * and stream event is described by the generated schemas (so the types cover real traffic), and (2) the
 * SDK parses it over a real socket: a small server replays the recorded answer (JSON, or the events
 * framed as `event:`/`data:` lines ending with `[DONE]`), and the client's result matches the recording.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemas, type SchemaSpec } from '../../generated/schemas.js';
import { Gemini } from '../../src/client.js';
import { TRANSCRIPTS_DIR } from '../transcripts/recorded.js';

const DIR = TRANSCRIPTS_DIR;
type Obj = Record<string, unknown>;
interface Transcript {
  path: string;
  response_body?: Obj;
  response_sse_events?: Obj[];
  file: string;
}
const transcripts: Transcript[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Transcript), file: f }))
  .filter((t) => t.path.startsWith('/v1beta/interactions'));

const STEP: Record<string, string> = {
  user_input: 'InteractionUserInputStep',
  model_output: 'InteractionModelOutputStep',
  thought: 'InteractionThoughtStep',
  function_call: 'InteractionFunctionCallStep',
  function_result: 'InteractionFunctionResultStep',
};
const EVENT: Record<string, string> = {
  'interaction.created': 'InteractionCreatedEvent',
  'interaction.status_update': 'InteractionStatusUpdateEvent',
  'step.start': 'InteractionStepStartEvent',
  'step.delta': 'InteractionStepDeltaEvent',
  'step.stop': 'InteractionStepStopEvent',
  'interaction.completed': 'InteractionCompletedEvent',
  error: 'InteractionErrorEvent',
};
const DELTA: Record<string, string> = {
  text: 'InteractionTextDelta',
  thought_signature: 'InteractionThoughtSignatureDelta',
  thought_summary: 'InteractionThoughtSummaryDelta',
  arguments_delta: 'InteractionArgumentsDelta',
  text_annotation_delta: 'InteractionTextAnnotationDelta',
};
const stepSchema = (type: string): string =>
  STEP[type] ?? (type.endsWith('_call') ? 'InteractionToolCallStep' : 'InteractionToolResultStep');
const deltaSchema = (type: string): string => DELTA[type] ?? 'InteractionToolDelta';
const CONTENT: Record<string, string> = { text: 'InteractionTextContent' };

/** Keys of `value` not described by schema `name` (unions resolved by `type`), as JSON paths. */
function unknownKeys(name: string, value: unknown, path: string): string[] {
  const spec = schemas[name];
  if (!spec) return [`${path}: no schema ${name}`];
  return walk(spec, value, path, name);
}

function walk(spec: SchemaSpec, value: unknown, path: string, owner: string): string[] {
  if (spec.$ref) return unknownKeys(spec.$ref, value, path);
  if (spec.type === 'array' && Array.isArray(value)) {
    return value.flatMap((v, i) => walk(spec.items ?? { type: 'any' }, v, `${path}[${i}]`, owner));
  }
  if (typeof value !== 'object' || value === null || !spec.properties) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const prop = spec.properties[k];
    if (!prop) {
      if (!spec.additionalProperties) out.push(`${path}.${k}`);
      continue;
    }
    out.push(...walk(prop, v, `${path}.${k}`, owner));
    // Union members are `any` in the schemas: resolve them by their `type`.
    const items = Array.isArray(v) ? v : [v];
    const type = (o: unknown): string => String((o as Obj)['type'] ?? '');
    if (k === 'steps' || (k === 'step' && owner === 'InteractionStepStartEvent'))
      items.forEach((s, i) => out.push(...unknownKeys(stepSchema(type(s)), s, `${path}.${k}[${i}]`)));
    if (k === 'delta') out.push(...unknownKeys(deltaSchema(type(v)), v, `${path}.delta`));
    if (k === 'content' && Array.isArray(v))
      v.forEach((c, i) =>
        out.push(...unknownKeys(CONTENT[type(c)] ?? 'InteractionMediaContent', c, `${path}.content[${i}]`)),
      );
  }
  return out;
}

let server: Server;
let url = '';
let answer: Transcript | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const t = answer!;
    if (t.response_sse_events) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const e of t.response_sse_events)
        res.write(`event: ${String(e['event_type'])}\ndata: ${JSON.stringify(e)}\n\n`);
      res.end('event: done\ndata: [DONE]\n\n');
    } else {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(t.response_body));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('recorded Interactions API traffic', () => {
  it('has the recorded exchanges (4 JSON, 4 streams)', () => {
    expect(transcripts.filter((t) => t.response_body)).toHaveLength(4);
    expect(transcripts.filter((t) => t.response_sse_events)).toHaveLength(4);
  });

  it('the key check itself flags undeclared keys, in unions too', () => {
    const body = {
      bogus: 1,
      steps: [
        { type: 'thought', nope: 2 },
        { type: 'model_output', content: [{ type: 'text', x: 3 }] },
      ],
    };
    expect(unknownKeys('Interaction', body, '$')).toEqual([
      '$.bogus',
      '$.steps[0].nope',
      '$.steps[1].content[0].x',
    ]);
  });

  it.each(transcripts.map((t) => [t.file, t] as const))(
    '%s: every key is described by the schemas',
    (_, t) => {
      const problems = t.response_body
        ? unknownKeys('Interaction', t.response_body, '$')
        : (t.response_sse_events ?? []).flatMap((e, i) =>
            unknownKeys(EVENT[String(e['event_type'])] ?? 'none', e, `$[${i}]`),
          );
      expect(problems).toEqual([]);
    },
  );

  it.each(transcripts.map((t) => [t.file, t] as const))(
    '%s: the SDK parses it over a socket',
    async (_, t) => {
      answer = t;
      const client = new Gemini({ apiKey: 'k', baseUrl: url, maxRetries: 0 });
      if (t.response_body) {
        const r = await client.interactions.create({ model: 'gemini-2.5-flash', input: 'x' });
        expect(JSON.parse(JSON.stringify(r))).toEqual(t.response_body); // wire data kept as is
        const steps = t.response_body['steps'] as Obj[];
        const output = steps.filter((s) => s['type'] === 'model_output').at(-1) as {
          content: { text: string }[];
        };
        expect(r.text).toBe(output.content.map((c) => c.text).join(''));
        expect(r.done).toBe(true);
        return;
      }
      const events = t.response_sse_events!;
      const stream = client.interactions.create({ model: 'gemini-2.5-flash', input: 'x', stream: true });
      const seen: string[] = [];
      for await (const e of stream) seen.push(String(e.event_type));
      expect(seen).toEqual(events.map((e) => e['event_type']));
      const final = await stream.finalInteraction();
      const deltas = events.filter((e) => e['event_type'] === 'step.delta').map((e) => e['delta'] as Obj);
      expect(final.text).toBe(
        deltas
          .filter((d) => d['type'] === 'text')
          .map((d) => d['text'])
          .join(''),
      );
      const signature = deltas.find((d) => d['type'] === 'thought_signature')?.['signature'];
      expect(final.steps?.[0]).toEqual({ type: 'thought', signature });
      const completed = events.at(-1)!['interaction'] as Obj;
      expect(final.status).toBe(completed['status']);
      expect(final.usage).toEqual(completed['usage']);
      expect(final.id).toBe(completed['id']);
    },
  );
});
