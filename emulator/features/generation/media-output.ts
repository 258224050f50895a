/**
 * Speech and image output of generateContent, shaped like the service's:
 * - `-tts` models answer with one `inlineData` part of `audio/L16;codec=pcm;rate=24000` (16-bit
 *   little-endian mono PCM): a deterministic tone whose length follows the text (60 ms per character,
 *   at least half a second); the voice name sets the pitch, and with `multiSpeakerVoiceConfig` each
 *   `Speaker: line` is spoken in that speaker's voice.
 * - image models (`-image`, Nano Banana) answer with a text part and an inline PNG, sized by
 *   `imageConfig.aspectRatio` / `imageSize`, coloured by a hash of the prompt.
 * - asking a model for a modality it cannot answer with is a 400 (wording from public reports of the
 *   service's answer).
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../../errors.js';
import { isObj } from '../../json.js';
import type { JsonObject } from '../../control/replies.js';
import { outputModalities } from '../models/catalog.js';
import { solidPng } from '../images/png.js';

type Obj = Readonly<Record<string, unknown>>;

/** The MIME type the service labels TTS audio with. */
export const TTS_MIME = 'audio/L16;codec=pcm;rate=24000';
const RATE = 24_000;
const MS_PER_CHAR = 60;
const MIN_MS = 500;

/** Gemini image sizes at 1K by aspect ratio (`imageSize: '2K'` / `'4K'` scale them). */
const IMAGE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '2:3': [832, 1248],
  '3:2': [1248, 832],
  '3:4': [864, 1184],
  '4:3': [1184, 864],
  '4:5': [896, 1152],
  '5:4': [1152, 896],
  '9:16': [768, 1344],
  '16:9': [1344, 768],
  '21:9': [1536, 672],
};

const configOf = (request: Obj): Obj =>
  isObj(request['generationConfig']) ? request['generationConfig'] : {};

/** The modalities asked for (upper case), or `undefined` when the request does not say. */
function requested(request: Obj): string[] | undefined {
  const m = configOf(request)['responseModalities'];
  return Array.isArray(m) && m.length > 0 ? m.map((x) => String(x).toUpperCase()) : undefined;
}

/** Rejects `responseModalities` the model cannot answer with, as the service does. */
export function checkModalities(request: Obj, model: string): void {
  const asked = requested(request);
  if (!asked) return;
  const can = outputModalities(model);
  const missing = asked.filter((m) => !can.includes(m) && m !== 'MODALITY_UNSPECIFIED');
  if (missing.length === 0) return;
  if (can.length === 1 && can[0] !== 'TEXT') {
    throw invalidArgument(
      `The requested combination of response modalities (${asked.join(', ')}) is not supported by the model. ${model} accepts the following combination of response modalities:\n* ${can.join('\n* ')}\n`,
    );
  }
  throw invalidArgument(
    `Model does not support the requested response modalities: ${missing.map((m) => m.toLowerCase()).join(', ')}`,
  );
}

/**
 * Whether the reply is speech: a speech-only (TTS) model. Live models that also speak get text here
 * and turn it into audio themselves (features/live).
 */
export function speaks(model: string): boolean {
  const can = outputModalities(model);
  return can.length === 1 && can[0] === 'AUDIO';
}

/** Whether the reply includes an image (an image model, unless only TEXT is asked for). */
export function draws(request: Obj, model: string): boolean {
  const asked = requested(request);
  return outputModalities(model).includes('IMAGE') && (asked ? asked.includes('IMAGE') : true);
}

const hash = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Pitch of a voice: 180–460 Hz picked by a hash of its name. */
function pitch(voice: string): number {
  return 180 + (hash(`voice:${voice}`).readUInt16BE(0) % 281);
}

function voiceName(voiceConfig: unknown): string {
  const prebuilt = isObj(voiceConfig) ? voiceConfig['prebuiltVoiceConfig'] : undefined;
  return isObj(prebuilt) && typeof prebuilt['voiceName'] === 'string' ? prebuilt['voiceName'] : 'Kore';
}

/** Text segments and the voice each is spoken in. */
function segments(request: Obj, text: string): { text: string; voice: string }[] {
  const speech = isObj(configOf(request)['speechConfig']) ? (configOf(request)['speechConfig'] as Obj) : {};
  const multi = speech['multiSpeakerVoiceConfig'];
  const speakers =
    isObj(multi) && Array.isArray(multi['speakerVoiceConfigs']) ? multi['speakerVoiceConfigs'] : [];
  if (speakers.length === 0) return [{ text, voice: voiceName(speech['voiceConfig']) }];
  const voices = new Map<string, string>();
  for (const s of speakers)
    if (isObj(s) && typeof s['speaker'] === 'string') voices.set(s['speaker'], voiceName(s['voiceConfig']));
  const first = [...voices.values()][0] ?? 'Kore';
  let current = first;
  return text.split('\n').map((line) => {
    const m = /^\s*([^:]{1,40}):\s*(.*)$/.exec(line);
    if (m && voices.has(m[1]!.trim())) {
      current = voices.get(m[1]!.trim())!;
      return { text: m[2]!, voice: current };
    }
    return { text: line, voice: current };
  });
}

/** The PCM (16-bit LE mono, 24 kHz) spoken for `text`. */
export function speech(request: Obj, text: string): Buffer {
  const parts = segments(request, text).filter((s) => s.text.trim() !== '');
  const plan = parts.length > 0 ? parts : [{ text, voice: 'Kore' }];
  const buffers = plan.map(({ text: t, voice }) => {
    const ms = Math.max(MIN_MS / plan.length, [...t].length * MS_PER_CHAR);
    const samples = Math.round((RATE * ms) / 1000);
    const pcm = Buffer.alloc(samples * 2);
    const hz = pitch(voice);
    for (let i = 0; i < samples; i++)
      pcm.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / RATE)), i * 2);
    return pcm;
  });
  return Buffer.concat(buffers);
}

/** The speech part for `text`. */
export function speechPart(request: Obj, text: string): JsonObject {
  return { inlineData: { mimeType: TTS_MIME, data: speech(request, text).toString('base64') } };
}

/** The PNG part drawn for `text`. */
export function imagePart(request: Obj, text: string): JsonObject {
  const config = configOf(request);
  const image = isObj(config['imageConfig']) ? config['imageConfig'] : {};
  const ratio = typeof image['aspectRatio'] === 'string' ? image['aspectRatio'] : '1:1';
  const size = IMAGE_SIZES[ratio];
  if (!size)
    throw invalidArgument(
      `Unsupported aspect ratio: ${ratio}. Supported: ${Object.keys(IMAGE_SIZES).join(', ')}.`,
    );
  const scale = image['imageSize'] === '4K' ? 4 : image['imageSize'] === '2K' ? 2 : 1;
  const h = hash(`image:${text}`);
  const png = solidPng(size[0] * scale, size[1] * scale, [h[0]!, h[1]!, h[2]!]);
  return { inlineData: { mimeType: 'image/png', data: png.toString('base64') } };
}
