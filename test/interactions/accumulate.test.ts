/**
 * The accumulator folds every delta kind of the protocol (including those the emulator never sends:
 * summaries, annotations, server tool calls, media) into the final interaction; unknown kinds are
 * ignored rather than fatal. Plus the helpers on results (legacy `outputs`, thoughts).
 */
import { describe, expect, it } from 'vitest';
import { StreamError } from '../../src/core/index.js';
import { InteractionAccumulator, type InteractionStreamEvent } from '../../src/interactions/index.js';
import { withHelpers } from '../../src/interactions/result.js';

const ev = (e: Record<string, unknown>): InteractionStreamEvent => e as InteractionStreamEvent;

describe('InteractionAccumulator', () => {
  it('folds text, signatures, summaries, annotations, arguments, tool and media deltas', () => {
    const acc = new InteractionAccumulator();
    const url = { type: 'url_citation', url: 'https://x', title: 'X', start_index: 0, end_index: 4 };
    for (const e of [
      {
        event_type: 'interaction.created',
        interaction: { id: 'v1_a', status: 'in_progress', object: 'interaction', model: 'm' },
      },
      { event_type: 'interaction.status_update', interaction_id: 'v1_a', status: 'in_progress' },
      { event_type: 'step.start', index: 0, step: { type: 'thought' } },
      {
        event_type: 'step.delta',
        index: 0,
        delta: { type: 'thought_summary', content: { type: 'text', text: '**Plan**' } },
      },
      {
        event_type: 'step.delta',
        index: 0,
        delta: { type: 'thought_summary', content: { type: 'text', text: ' then act' } },
      },
      { event_type: 'step.delta', index: 0, delta: { type: 'thought_signature', signature: 'c2ln' } },
      { event_type: 'step.delta', index: 0, delta: { type: 'thought_signature', signature: '' } }, // last non-empty wins
      { event_type: 'step.stop', index: 0 },
      { event_type: 'step.start', index: 1, step: { type: 'google_search_call', id: 's1', signature: '' } },
      {
        event_type: 'step.delta',
        index: 1,
        delta: { type: 'google_search_call', arguments: { queries: ['q'] } },
      },
      { event_type: 'step.stop', index: 1 },
      { event_type: 'step.start', index: 2, step: { type: 'model_output' } },
      { event_type: 'step.delta', index: 2, delta: { type: 'text', text: 'Hello' } },
      { event_type: 'step.delta', index: 2, delta: { type: 'text', text: ' world' } },
      { event_type: 'step.delta', index: 2, delta: { type: 'text_annotation_delta', annotations: [url] } },
      { event_type: 'step.delta', index: 2, delta: { type: 'image', data: 'aW1n', mime_type: 'image/png' } },
      { event_type: 'step.delta', index: 2, delta: { type: 'brand_new_kind', x: 1 } },
      { event_type: 'step.stop', index: 2 },
      {
        event_type: 'step.start',
        index: 3,
        step: { id: 'c1', type: 'function_call', name: 'f', arguments: {}, signature: '' },
      },
      { event_type: 'step.delta', index: 3, delta: { type: 'arguments_delta', arguments: '{"city":' } },
      { event_type: 'step.delta', index: 3, delta: { type: 'arguments_delta', arguments: '"Paris"}' } },
      { event_type: 'step.stop', index: 3 },
      { event_type: 'some.future_event', whatever: true },
      {
        event_type: 'interaction.completed',
        interaction: { id: 'v1_a', status: 'requires_action', object: 'interaction', model: 'm' },
        metadata: { usage: { total_tokens: 9 } },
      },
    ])
      acc.add(ev(e));
    expect(acc.completed).toBe(true);
    const r = withHelpers(acc.result());
    expect(r.steps).toEqual([
      { type: 'thought', summary: [{ type: 'text', text: '**Plan** then act' }], signature: 'c2ln' },
      { type: 'google_search_call', id: 's1', signature: '', arguments: { queries: ['q'] } },
      {
        type: 'model_output',
        content: [
          { type: 'text', text: 'Hello world', annotations: [url] },
          { type: 'image', data: 'aW1n', mime_type: 'image/png' },
        ],
      },
      { id: 'c1', type: 'function_call', name: 'f', arguments: { city: 'Paris' }, signature: '' },
    ]);
    expect(r.usage).toEqual({ total_tokens: 9 });
    expect(r.text).toBe('Hello world');
    expect(r.thoughts).toBe('**Plan** then act');
    expect(r.functionCalls.map((c) => c.arguments)).toEqual([{ city: 'Paris' }]);
    expect(r.done).toBe(true);
  });

  it('invalid streamed arguments are a StreamError', () => {
    const acc = new InteractionAccumulator();
    acc.add(ev({ event_type: 'step.start', index: 0, step: { type: 'function_call', name: 'f' } }));
    acc.add(
      ev({ event_type: 'step.delta', index: 0, delta: { type: 'arguments_delta', arguments: '{"a":' } }),
    );
    expect(() => acc.add(ev({ event_type: 'step.stop', index: 0 }))).toThrow(StreamError);
  });

  it('helpers read legacy `outputs`, and stay off the wire data', () => {
    const r = withHelpers({
      id: 'v1_b',
      status: 'completed',
      outputs: [{ type: 'text', text: 'legacy' }],
    } as never);
    expect(r.text).toBe('legacy');
    expect(JSON.stringify(r)).toBe(
      '{"id":"v1_b","status":"completed","outputs":[{"type":"text","text":"legacy"}]}',
    );
    expect({ ...r }).not.toHaveProperty('text');
  });
});
