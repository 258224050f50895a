/**
 * Parsing and checking of Live Music client messages, with the close code and reason the server ends
 * the session with (music.md §5, live.md §8): INVALID_ARGUMENT / FAILED_PRECONDITION → 1007,
 * NOT_FOUND → 1008. Field validation reuses the REST body validator against `LiveMusicClientMessage`.
 */
import { validateBody } from '../../validation/body.js';
import { isObj } from '../../json.js';

/** The rule a message broke: the close code and reason to end the session with. */
export interface MusicProtocolError {
  readonly code: number;
  readonly reason: string;
}

/** Generic INVALID_ARGUMENT reason (the service's wording). */
export const INVALID_ARGUMENT = 'Request contains an invalid argument.';
/** Reasons for messages out of order (the same wording as the Live endpoint). */
export const SETUP_FIRST = 'The first message must be setup.';
/** A second setup. */
export const SETUP_ONCE = 'setup must be sent only once, as the first message.';

/** A prompt as the session stores it. */
export interface Prompt {
  readonly text: string;
  readonly weight: number;
}

/** One validated client message. */
export type MusicClientMessage =
  | { readonly kind: 'setup'; readonly model: string | undefined }
  | { readonly kind: 'clientContent'; readonly prompts: readonly Prompt[] }
  | { readonly kind: 'musicGenerationConfig'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'playbackControl'; readonly control: string };

type Obj = Readonly<Record<string, unknown>>;

/** Documented ranges (music.md §2); the body validator already checked types and enums. */
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  temperature: [0, 3],
  topK: [1, 1000],
  guidance: [0, 6],
  bpm: [60, 200],
  density: [0, 1],
  brightness: [0, 1],
};

const fail = (reason: string, code = 1007): { error: MusicProtocolError } => ({ error: { code, reason } });

/** Parses one text frame into a checked message, or the error that closes the session. */
export function parseClientMessage(
  text: string,
): { message: MusicClientMessage } | { error: MusicProtocolError } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('Invalid JSON payload received. Unexpected token.');
  }
  const checked = validateBody('LiveMusicClientMessage', value);
  if (!checked.ok) return fail(checked.error.message.split('\n')[0] ?? INVALID_ARGUMENT);
  const body = isObj(checked.value) ? checked.value : {};
  const keys = Object.keys(body).filter((k) => body[k] !== undefined);
  if (keys.length !== 1) {
    return fail(
      'A client message must set exactly one of setup, clientContent, musicGenerationConfig, playbackControl.',
    );
  }
  const key = keys[0];
  if (key === 'setup') {
    const setup = isObj(body['setup']) ? body['setup'] : {};
    const model = typeof setup['model'] === 'string' && setup['model'] ? setup['model'] : undefined;
    return { message: { kind: 'setup', model } };
  }
  if (key === 'clientContent') {
    const content = isObj(body['clientContent']) ? body['clientContent'] : {};
    const list = Array.isArray(content['weightedPrompts']) ? (content['weightedPrompts'] as unknown[]) : [];
    if (list.length === 0) return fail(INVALID_ARGUMENT);
    const prompts: Prompt[] = [];
    for (const p of list) {
      const text = isObj(p) ? p['text'] : undefined;
      const weight = isObj(p) ? p['weight'] : undefined;
      if (
        typeof text !== 'string' ||
        !text.trim() ||
        typeof weight !== 'number' ||
        !Number.isFinite(weight) ||
        weight === 0
      )
        return fail(INVALID_ARGUMENT);
      prompts.push({ text, weight });
    }
    return { message: { kind: 'clientContent', prompts } };
  }
  if (key === 'musicGenerationConfig') {
    const config = isObj(body['musicGenerationConfig']) ? body['musicGenerationConfig'] : {};
    for (const [field, [min, max]] of Object.entries(RANGES)) {
      const v = config[field];
      if (v !== undefined && (typeof v !== 'number' || v < min || v > max)) return fail(INVALID_ARGUMENT);
    }
    return { message: { kind: 'musicGenerationConfig', config } };
  }
  const control = body['playbackControl'];
  if (typeof control !== 'string' || control === 'PLAYBACK_CONTROL_UNSPECIFIED')
    return fail(INVALID_ARGUMENT);
  return { message: { kind: 'playbackControl', control } };
}
