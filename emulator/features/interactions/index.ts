/**
 * The Interactions API (`/v1beta/interactions`): create (unary, streamed, background), get (or its event
 * stream, resumable with `last_event_id`), cancel and delete, over stored interactions. Replies come from
 * the shared script queue (`control.script(model | agent, …)`: text, thought, functionCalls, error,
 * streamError, chunks) or the deterministic echo. All JSON is snake_case, as on the real service.
 */
import type { EmulatorCore, EmulatorFeature } from '../../core.js';
import { invalidArgument, RpcError } from '../../errors.js';
import { json, type ApiCall, type HandlerResult } from '../../registry.js';
import { scriptedError } from '../generation/reply.js';
import { requireModel } from '../models/lookup.js';
import { EventLog } from './events.js';
import { isObj } from '../../json.js';
import { checkFunctionResults, inputSteps, type Obj } from './input.js';
import { interactionId, planReply } from './reply.js';
import { InteractionStore, seconds, type StoredInteraction } from './store.js';

/** The control API of the area (`control.interactions`). */
export interface InteractionsControl {
  /** Stored interactions as get answers them, oldest first. */
  list(): Obj[];
  /** How long background runs take, in emulated ms (default 10 000); advance `control.clock` to finish them. */
  setBackgroundDuration(ms: number): void;
}

declare module '../../control/control.js' {
  interface EmulatorControl {
    /** Interactions API: stored interactions and background-run timing. */
    readonly interactions: InteractionsControl;
  }
}

/** Agents the emulator knows (recorded and documented ids). */
const AGENTS = new Set(['deep-research-pro-preview-12-2025', 'antigravity-preview-05-2026']);

const notFound = (id: string): RpcError => new RpcError(404, `Interaction ${id} not found.`);

function lookup(store: InteractionStore, call: ApiCall): StoredInteraction {
  const id = call.params['id'] ?? '';
  const item = store.get(id);
  if (!item) throw notFound(id);
  return item;
}

function stream(
  store: InteractionStore,
  item: StoredInteraction,
  from: number,
  call: ApiCall,
): HandlerResult {
  return { kind: 'stream', frames: true, chunks: store.follow(item, from, call.signal) };
}

function create(core: EmulatorCore, store: InteractionStore, call: ApiCall): HandlerResult {
  const body = isObj(call.body) ? call.body : {};
  const model =
    typeof body['model'] === 'string' && body['model'] !== ''
      ? body['model'].replace(/^models\//, '')
      : undefined;
  const agent = typeof body['agent'] === 'string' && body['agent'] !== '' ? body['agent'] : undefined;
  if ((model === undefined) === (agent === undefined))
    throw invalidArgument('Exactly one of model or agent must be set.');
  if (model !== undefined)
    requireModel(core, `models/${model}`, call.version, 'createInteraction', 'generateContent');
  if (agent !== undefined && !AGENTS.has(agent)) throw new RpcError(404, `Agent ${agent} not found.`);
  let history: Obj[] = [];
  let conversation = core.newId(23);
  const previousId = body['previous_interaction_id'];
  if (typeof previousId === 'string' && previousId !== '') {
    const previous = store.get(previousId);
    if (!previous) throw notFound(previousId);
    if (!previous.finished)
      throw new RpcError(400, `Interaction ${previousId} is still in progress.`, {
        status: 'FAILED_PRECONDITION',
      });
    history = [
      ...previous.history,
      ...previous.input,
      ...((previous.data['steps'] as Obj[] | undefined) ?? []),
    ];
    conversation = previous.conversation;
  }
  const input = inputSteps(body['input']);
  checkFunctionResults(history, input);
  const background = body['background'] === true;
  const stored = body['store'] !== false;
  if (!stored && background)
    throw invalidArgument('A background interaction must be stored (store cannot be false).');
  const id = stored ? interactionId(conversation, core.newId(23)) : '';
  const now = core.clock.now();
  const scripted = core.replies.take(model ?? agent ?? '');
  if (scripted?.error && !background) throw scriptedError(scripted.error);
  const wantsStream = body['stream'] === true;
  const plan = planReply(
    { request: body, input, history, now: core.clock.isoNow(), seed: id || core.newId(23) },
    scripted,
  );
  const item: StoredInteraction = {
    id,
    conversation,
    head: { id, object: 'interaction', ...(model !== undefined ? { model } : { agent }) },
    request: body,
    input,
    history,
    created: seconds(now),
    data: {},
    log: new EventLog(),
    finished: false,
    listeners: new Set(),
  };
  const { streamError: _unused, ...unaryPlan } = plan;
  store.start(item, wantsStream ? plan : unaryPlan, background);
  store.put(item);
  return wantsStream ? stream(store, item, 0, call) : json(item.data);
}

/** Installs the Interactions handlers and `control.interactions`. */
export const interactionsFeature: EmulatorFeature = {
  name: 'interactions',
  install(core) {
    const store = new InteractionStore(core);
    core.onReset(() => store.clear());
    core.extendControl('interactions', {
      list: () => store.list().map((i) => structuredClone(i.data)),
      setBackgroundDuration(ms) {
        if (!Number.isFinite(ms) || ms < 0)
          throw new RangeError(`background duration must be >= 0 ms, got ${ms}`);
        store.backgroundMs = ms;
      },
    });

    core.registry.register('interactions.create', (call) => create(core, store, call));

    core.registry.register('interactions.get', (call) => {
      const item = lookup(store, call);
      const after = call.query['last_event_id'];
      if (call.query['stream'] === true) {
        if (typeof after !== 'string' || after === '') return stream(store, item, 0, call);
        const from = item.log.after(after);
        if (from < 0)
          throw invalidArgument(`last_event_id "${after}" does not name an event of interaction ${item.id}.`);
        return stream(store, item, from, call);
      }
      if (after !== undefined) throw invalidArgument('last_event_id is only allowed with stream=true.');
      return json(
        call.query['include_input'] === true ? { ...item.data, input: item.request['input'] } : item.data,
      );
    });

    core.registry.register('interactions.cancel', (call) => {
      const item = lookup(store, call);
      if (!store.cancel(item)) {
        throw new RpcError(
          400,
          `Interaction ${item.id} is not in progress (status ${String(item.data['status'])}).`,
          {
            status: 'FAILED_PRECONDITION',
          },
        );
      }
      return json(item.data);
    });

    core.registry.register('interactions.delete', (call) => {
      const id = call.params['id'] ?? '';
      if (!store.delete(id)) throw notFound(id);
      return json({});
    });
  },
};
