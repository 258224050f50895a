/**
 * One Live WebSocket connection: setup-first ordering, schema validation (closing with 1007/1008 and the
 * service's reason on violations), token checks, then the conversation: client content, realtime input
 * (see input.ts), tool responses, paced model turns that can be interrupted, and resumption handles.
 */
import type { RawData, WebSocket } from 'ws';
import type { EmulatorCore } from '../../core.js';
import { modelNotFound, RpcError } from '../../errors.js';
import { validateBody } from '../../validation/body.js';
import { autoReply } from '../generation/auto.js';
import { scriptedError } from '../generation/reply.js';
import { transcribe } from './audio.js';
import { fromRpc, invalid, LiveClose, policy, truncateReason } from './close.js';
import { RealtimeInputs } from './input.js';
import type { LiveSessionRecord, Obj, SessionStore } from './sessions.js';
import { applyLocks, type TokenRecord, type TokenStore } from './tokens.js';
import { planTurn, type TurnPlan } from './turn.js';
import { isObj } from '../../json.js';

/** State shared by the area's connections. */
export interface LiveArea {
  readonly core: EmulatorCore;
  readonly tokens: TokenStore;
  readonly sessions: SessionStore;
  readonly connections: Set<LiveConnection>;
  chunkDelayMs: number;
  rejectNext: { readonly code: number; readonly reason: string } | undefined;
}

/** What the upgrade established: API version, the token (constrained endpoint), or why auth failed. */
export interface ConnectionAuth {
  readonly version: string;
  readonly token?: TokenRecord | undefined;
  readonly error?: LiveClose | undefined;
}

/** A turn being streamed. */
interface Turn {
  readonly plan: TurnPlan;
  sent: number;
  cancelled: boolean;
  readonly dropAfter: number | undefined;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const KINDS = ['setup', 'clientContent', 'realtimeInput', 'toolResponse', 'contextUpdate'];

/** The connection's side of one Live session. */
export class LiveConnection {
  /** The logical session, once set up. */
  session: LiveSessionRecord | undefined;
  private setup: Obj | undefined;
  private index = -1;
  private turn: Turn | undefined;
  private readonly pending = new Map<string, string>();
  private readonly inputs: RealtimeInputs;
  private dropNext: number | undefined;
  private goAwayTimer: ReturnType<typeof setTimeout> | undefined;
  private done = false;
  private calls = 0;

  constructor(
    private readonly area: LiveArea,
    private readonly ws: WebSocket,
    private readonly auth: ConnectionAuth,
  ) {
    area.connections.add(this);
    this.inputs = new RealtimeInputs(this);
    ws.on('message', (data) => this.onFrame(data));
    ws.on('close', () => this.onClosed());
    ws.on('error', () => ws.terminate());
    if (auth.error) this.fail(auth.error);
  }

  /** The effective setup (after token locks). */
  get config(): Obj {
    return this.setup ?? {};
  }

  /** Whether a model turn is being streamed. */
  get generating(): boolean {
    return this.turn !== undefined;
  }

  /** Sends a server message (as a binary frame of UTF-8 JSON, like production). */
  send(message: Obj): void {
    if (this.done || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(Buffer.from(JSON.stringify(message)), { binary: true });
  }

  /** Closes with a code and reason (the way the service reports errors). */
  fail(close: LiveClose): void {
    if (this.done) return;
    this.stop();
    this.ws.close(close.code, truncateReason(close.reason));
    this.done = true;
  }

  /** Cuts the connection without a close frame (a network drop). */
  drop(): void {
    this.stop();
    this.ws.terminate();
  }

  /** Sends goAway and closes the connection when `timeLeft` is up. */
  goAway(timeLeft: string, ms: number): void {
    this.send({ goAway: { timeLeft } });
    clearTimeout(this.goAwayTimer);
    this.goAwayTimer = setTimeout(
      () => this.fail(new LiveClose(1011, 'The connection was closed after goAway.')),
      ms,
    );
  }

  /** Arms a network drop after `n` server messages of the next turn. */
  dropDuringNextTurn(n: number): void {
    this.dropNext = n;
  }

  /** Closes the connection if its token has expired (the clock moved). */
  checkToken(): void {
    const token = this.auth.token;
    if (token && this.area.core.clock.now() >= token.expireAt)
      this.fail(policy('The auth token has expired.'));
  }

  /** Appends a user turn (pending video frames first) and lets the model answer it. */
  userTurn(parts: Obj[]): void {
    this.history().push({ role: 'user', parts: [...this.inputs.takeFrames(), ...parts] });
    this.startTurn();
  }

  /** Barge-in: the current turn stops (interrupted + turnComplete) and pending calls are cancelled. */
  interrupt(): void {
    const t = this.turn;
    if (t) {
      t.cancelled = true;
      this.turn = undefined;
      const partial = t.plan.texts.slice(0, t.sent).join('');
      if (partial) this.history().push({ role: 'model', parts: [{ text: partial }] });
      this.send({ serverContent: { interrupted: true } });
      this.send({ serverContent: { turnComplete: true } });
    }
    if (this.pending.size > 0) {
      this.send({ toolCallCancellation: { ids: [...this.pending.keys()] } });
      this.pending.clear();
    }
  }

  private history(): Obj[] {
    return this.session!.history;
  }

  private onFrame(data: RawData): void {
    if (this.done) return;
    this.index++;
    if (this.session) this.session.clientMessages++;
    try {
      this.handle(this.parse(data));
    } catch (e) {
      if (e instanceof LiveClose) this.fail(e);
      else if (e instanceof RpcError) this.fail(fromRpc(e));
      else this.fail(new LiveClose(1011, 'Internal error encountered.'));
    }
  }

  private parse(data: RawData): Obj {
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw invalid('Invalid JSON payload received. Unexpected token.');
    }
    const result = validateBody('BidiGenerateContentClientMessage', raw);
    if (!result.ok) throw fromRpc(result.error);
    const value = result.value as Obj;
    const kinds = KINDS.filter((k) => value[k] !== undefined);
    if (kinds.length !== 1) {
      throw invalid(
        'A client message must set exactly one of setup, clientContent, realtimeInput, toolResponse, contextUpdate.',
      );
    }
    return value;
  }

  private handle(message: Obj): void {
    if (!this.setup) {
      if (!isObj(message['setup'])) throw invalid('The first message must be setup.');
      return this.onSetup(message['setup']);
    }
    if (message['setup'] !== undefined) throw invalid('setup must be sent only once, as the first message.');
    this.checkToken();
    if (this.done) return;
    this.session!.lastActive = this.area.core.clock.now();
    if (isObj(message['clientContent'])) this.onClientContent(message['clientContent']);
    else if (isObj(message['realtimeInput'])) this.inputs.handle(message['realtimeInput']);
    else if (isObj(message['toolResponse'])) this.onToolResponse(message['toolResponse']);
    else if (isObj(message['contextUpdate'])) this.onContextUpdate(message['contextUpdate']);
  }

  /**
   * contextUpdate: the fields it sets replace the setup's from the next turn on (a tools wrapper with an
   * empty list clears the tools); an ephemeral token's locked fields stay as the token says.
   */
  private onContextUpdate(update: Obj): void {
    const next: Obj = { ...this.setup };
    if (update['systemInstruction'] !== undefined) next['systemInstruction'] = update['systemInstruction'];
    if (isObj(update['tools'])) next['tools'] = list(update['tools']['tools']);
    const token = this.auth.token;
    const setup = token ? applyLocks(next, token) : next;
    this.setup = setup;
    this.session!.setup = setup;
  }

  private onSetup(raw: Obj): void {
    const area = this.area;
    if (area.rejectNext) {
      const r = area.rejectNext;
      area.rejectNext = undefined;
      throw new LiveClose(r.code, r.reason);
    }
    const token = this.auth.token;
    const setup = token ? applyLocks(raw, token) : raw;
    const model = typeof setup['model'] === 'string' ? setup['model'] : '';
    if (!model) throw invalid('* BidiGenerateContentSetup.model: model is not specified');
    const name = model.includes('/') ? model : `models/${model}`;
    const info = area.core.models.get(name);
    const supported = info
      ? info.supportedGenerationMethods.includes('bidiGenerateContent')
      : /live|native-audio/.test(name);
    if (!supported) throw policy(modelNotFound(name, this.auth.version, 'bidiGenerateContent').message);
    const generation = isObj(setup['generationConfig']) ? setup['generationConfig'] : {};
    const modalities = list(generation['responseModalities']);
    if (modalities.length > 1)
      throw invalid('Only one response modality (TEXT or AUDIO) is supported per session.');
    if (modalities.some((m) => m !== 'TEXT' && m !== 'AUDIO'))
      throw invalid('Request contains an invalid argument.');
    const resumption = setup['sessionResumption'];
    const handle =
      isObj(resumption) && typeof resumption['handle'] === 'string' ? resumption['handle'] : undefined;
    if (token) {
      const problem = area.tokens.check(token, handle !== undefined);
      if (problem) throw problem;
    }
    let session: LiveSessionRecord;
    if (handle !== undefined) {
      const resumed = area.sessions.resume(handle);
      if (!resumed) throw policy('BidiGenerateContent session not found');
      if (resumed.model !== name) throw invalid('The model cannot change when a session is resumed.');
      session = resumed;
      for (const other of area.connections)
        if (other !== this && other.session === session) other.fail(new LiveClose(1000, ''));
    } else {
      session = area.sessions.create(name, setup);
      if (token) area.tokens.use(token);
    }
    session.setup = setup;
    session.clientMessages++;
    this.session = session;
    this.setup = setup;
    this.send({ setupComplete: {} });
    this.offerHandle();
  }

  private onClientContent(cc: Obj): void {
    const turns = list(cc['turns']).filter(isObj);
    turns.forEach((t, i) => {
      if (list(t['parts']).length === 0) {
        throw invalid(
          `* BidiGenerateContentClientContent.turns[${i}].parts: contents.parts must not be empty.`,
        );
      }
    });
    this.interrupt();
    for (const t of turns)
      this.history().push({ ...t, role: typeof t['role'] === 'string' ? t['role'] : 'user' });
    if (cc['turnComplete'] === true) {
      const frames = this.inputs.takeFrames();
      if (frames.length > 0) this.history().push({ role: 'user', parts: frames });
      this.startTurn();
    } else this.offerHandle();
  }

  private onToolResponse(tr: Obj): void {
    const responses = list(tr['functionResponses']).filter(isObj);
    for (const r of responses) {
      const id = r['id'];
      if (typeof id !== 'string' || !this.pending.has(id)) {
        throw invalid(
          `Function response id ${JSON.stringify(id ?? '')} does not match a pending function call.`,
        );
      }
    }
    if (responses.length === 0) return;
    for (const r of responses) this.pending.delete(String(r['id']));
    this.history().push({ role: 'user', parts: responses.map((functionResponse) => ({ functionResponse })) });
    if (this.pending.size === 0) this.startTurn();
  }

  /** The history as the reply generator reads it: user audio stands as its transcription. */
  private replyRequest(): Obj {
    const contents = this.history().map((c) => ({
      ...c,
      parts: list(c['parts']).map((p) => {
        const inline = isObj(p) && isObj(p['inlineData']) ? p['inlineData'] : undefined;
        const mime = typeof inline?.['mimeType'] === 'string' ? inline['mimeType'] : '';
        if (!inline || !mime.startsWith('audio/') || c['role'] === 'model') return p;
        return { text: transcribe(Buffer.from(String(inline['data'] ?? ''), 'base64').length, mime) };
      }),
    }));
    const s = this.config;
    return {
      contents,
      tools: s['tools'],
      systemInstruction: s['systemInstruction'],
      generationConfig: s['generationConfig'],
    };
  }

  private startTurn(): void {
    this.interrupt();
    const core = this.area.core;
    const model = this.session!.model;
    const reply = core.replies.take(model) ?? autoReply(this.replyRequest(), model, core.clock.isoNow());
    if (reply.error) throw fromRpc(scriptedError(reply.error));
    const s = this.config;
    const modalities = list(
      isObj(s['generationConfig']) ? s['generationConfig']['responseModalities'] : undefined,
    );
    const audio = modalities.length > 0 ? modalities[0] === 'AUDIO' : /native-audio/.test(model);
    const plan = planTurn(reply, {
      audio,
      transcribeOutput: audio && s['outputAudioTranscription'] !== undefined,
      history: this.history(),
      newCallId: () => `function-call-${this.session!.id}-${++this.calls}`,
    });
    if (s['sessionResumption'] !== undefined) this.send({ sessionResumptionUpdate: { resumable: false } });
    const turn: Turn = { plan, sent: 0, cancelled: false, dropAfter: this.dropNext };
    this.dropNext = undefined;
    this.turn = turn;
    void this.stream(turn);
  }

  private async stream(turn: Turn): Promise<void> {
    for (const message of turn.plan.messages) {
      await pause(this.area.chunkDelayMs);
      if (turn.cancelled || this.done) return;
      if (turn.dropAfter !== undefined && turn.sent >= turn.dropAfter) return this.drop();
      this.send(message);
      turn.sent++;
    }
    if (turn.cancelled || this.done) return;
    this.turn = undefined;
    this.history().push(turn.plan.content);
    for (const call of turn.plan.calls) this.pending.set(call.id, call.name);
    if (turn.plan.calls.length === 0) this.offerHandle();
  }

  /** At a resumable point (no turn, calls or buffered audio), sends a new handle with the consumed index. */
  private offerHandle(): void {
    const session = this.session;
    if (!session || this.config['sessionResumption'] === undefined) return;
    if (this.turn || this.pending.size > 0 || this.inputs.buffering) return;
    this.send({
      sessionResumptionUpdate: {
        newHandle: this.area.sessions.issue(session),
        resumable: true,
        lastConsumedClientMessageIndex: String(this.index),
      },
    });
  }

  private stop(): void {
    if (this.turn) this.turn.cancelled = true;
    this.turn = undefined;
    clearTimeout(this.goAwayTimer);
  }

  private onClosed(): void {
    this.stop();
    this.done = true;
    this.area.connections.delete(this);
    const session = this.session;
    if (session && ![...this.area.connections].some((c) => c.session === session)) {
      session.open = false;
      session.lastActive = this.area.core.clock.now();
    }
  }
}

/** Waits `ms` (0: one event-loop turn, so turns stay interruptible). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}
