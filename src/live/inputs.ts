// Friendly send inputs → wire client messages, checked before anything is sent.
import type { Blob as WireBlob } from '../../generated/types/Blob.js';
import type { FunctionResponse } from '../../generated/types/FunctionResponse.js';
import { InvalidArgumentError } from '../core/errors.js';
import { toBase64 } from '../core/base64.js';
import { toContent, toContents } from '../models/content.js';
import { ToolRunner } from '../tools/runner.js';
import type {
  ClientContentInput,
  ContextUpdateInput,
  LiveClientMessage,
  MediaInput,
  RealtimeInput,
  ToolResponseInput,
} from './types.js';

const REALTIME_KEYS = [
  'audio',
  'video',
  'text',
  'activityStart',
  'activityEnd',
  'audioStreamEnd',
  'mediaChunks',
] as const;

/** `{ contextUpdate }`, and the tools' runner when the update sets tools. */
export function contextUpdateMessage(input: ContextUpdateInput): {
  message: LiveClientMessage;
  runner: ToolRunner | undefined;
} {
  if (typeof input !== 'object' || input === null)
    throw new InvalidArgumentError('sendContextUpdate: expected { systemInstruction, tools }');
  const { systemInstruction, tools, ...other } = input;
  const unknown = Object.keys(other);
  if (unknown.length) throw new InvalidArgumentError(`sendContextUpdate: unknown field ${unknown[0]}`);
  const update: NonNullable<LiveClientMessage['contextUpdate']> = {};
  if (systemInstruction !== undefined) {
    const content = toContent(systemInstruction, 'systemInstruction');
    if (content instanceof Promise) {
      content.catch(() => undefined);
      throw new InvalidArgumentError('sendContextUpdate: Blob parts are not supported; pass text');
    }
    update.systemInstruction = content;
  }
  let runner: ToolRunner | undefined;
  if (tools !== undefined) {
    const list = Array.isArray(tools) ? tools : (tools as { tools?: unknown }).tools;
    if (!Array.isArray(list))
      throw new InvalidArgumentError('sendContextUpdate: tools must be { tools: [...] } or a list');
    runner = new ToolRunner(list);
    update.tools = { tools: runner.tools };
  }
  if (!Object.keys(update).length)
    throw new InvalidArgumentError('sendContextUpdate: nothing to update (systemInstruction or tools)');
  return { message: { contextUpdate: update }, runner };
}

/** `{ clientContent }` from turns (text, parts, Content, Content[]); `turnComplete` defaults to true. */
export function clientContentMessage(input: ClientContentInput = {}): LiveClientMessage {
  if (typeof input !== 'object' || input === null)
    throw new InvalidArgumentError('sendClientContent: expected { turns, turnComplete }');
  const clientContent: NonNullable<LiveClientMessage['clientContent']> = {
    turnComplete: input.turnComplete ?? true,
  };
  if (input.turns !== undefined) {
    const turns = toContents(input.turns, 'turns');
    if (turns instanceof Promise) {
      turns.catch(() => undefined); // not awaited: the error below is the answer
      throw new InvalidArgumentError(
        'turns: Blob parts are not supported by Live; pass bytes (Uint8Array) with inlineData',
      );
    }
    clientContent.turns = turns;
  }
  return { clientContent };
}

function blob(input: MediaInput, field: string, defaultType: string, prefix: string): WireBlob {
  let data: string;
  let mimeType = defaultType;
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) data = toBase64(input);
  else if (typeof input === 'object' && input !== null && 'data' in input) {
    const d = input.data;
    if (typeof d === 'string') data = d;
    else if (d instanceof Uint8Array || d instanceof ArrayBuffer) data = toBase64(d);
    else
      throw new InvalidArgumentError(
        `${field}.data: expected bytes (Uint8Array, Buffer, ArrayBuffer) or base64 text`,
      );
    if (input.mimeType !== undefined) mimeType = input.mimeType;
  } else
    throw new InvalidArgumentError(
      `${field}: expected bytes (Uint8Array, Buffer, ArrayBuffer) or { data, mimeType }`,
    );
  if (typeof mimeType !== 'string' || !mimeType.startsWith(prefix)) {
    throw new InvalidArgumentError(
      `${field}.mimeType must start with "${prefix}", got ${JSON.stringify(mimeType)}`,
    );
  }
  return { data, mimeType };
}

/** `{ realtimeInput }` with exactly one field; audio/video bytes are base64-encoded. */
export function realtimeInputMessage(input: RealtimeInput): LiveClientMessage {
  if (typeof input !== 'object' || input === null)
    throw new InvalidArgumentError('sendRealtimeInput: expected an object');
  const given = REALTIME_KEYS.filter((k) => input[k] !== undefined);
  if (given.length !== 1) {
    throw new InvalidArgumentError(
      `sendRealtimeInput: set exactly one of ${REALTIME_KEYS.join(', ')} per call (got ${given.length === 0 ? 'none' : given.join(', ')})`,
    );
  }
  const unknown = Object.keys(input).filter((k) => !(REALTIME_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new InvalidArgumentError(`sendRealtimeInput: unknown field ${unknown[0]}`);
  if (input.audio !== undefined)
    return { realtimeInput: { audio: blob(input.audio, 'audio', 'audio/pcm;rate=16000', 'audio/') } };
  if (input.video !== undefined)
    return { realtimeInput: { video: blob(input.video, 'video', 'image/jpeg', 'image/') } };
  if (input.text !== undefined) {
    if (typeof input.text !== 'string') throw new InvalidArgumentError('text: expected a string');
    return { realtimeInput: { text: input.text } };
  }
  if (input.activityStart !== undefined) return { realtimeInput: { activityStart: {} } };
  if (input.activityEnd !== undefined) return { realtimeInput: { activityEnd: {} } };
  if (input.audioStreamEnd !== undefined)
    return { realtimeInput: { audioStreamEnd: input.audioStreamEnd === true } };
  return { realtimeInput: { mediaChunks: input.mediaChunks ?? [] } };
}

/** `{ toolResponse }`; every response must carry the call's `id` and a `name`. */
export function toolResponseMessage(input: ToolResponseInput): LiveClientMessage {
  const list = input?.functionResponses;
  if (list === undefined) throw new InvalidArgumentError('sendToolResponse: functionResponses is required');
  const responses: FunctionResponse[] = Array.isArray(list) ? list : [list];
  responses.forEach((r, i) => {
    if (typeof r !== 'object' || r === null)
      throw new InvalidArgumentError(`functionResponses[${i}]: expected an object`);
    if (typeof r.id !== 'string' || !r.id) {
      throw new InvalidArgumentError(
        `functionResponses[${i}].id: required (the id of the toolCall's function call)`,
      );
    }
    if (typeof r.name !== 'string' || !r.name)
      throw new InvalidArgumentError(`functionResponses[${i}].name: required`);
  });
  return { toolResponse: { functionResponses: responses } };
}
