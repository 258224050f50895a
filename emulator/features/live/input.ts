/**
 * Realtime input of a Live connection. With automatic activity detection (the default), the first
 * non-silent audio chunk starts the user's activity (interrupting the model unless activityHandling is
 * NO_INTERRUPTION) and a silent chunk or audioStreamEnd ends it; with detection disabled, activityStart
 * and activityEnd delimit it (and are errors otherwise). The utterance becomes one audio part of a user
 * turn, transcribed as its duration when inputAudioTranscription is set. Video frames join the next user
 * turn; text is an utterance of its own.
 */
import { isSilent, transcribe } from './audio.js';
import { invalid } from './close.js';
import type { Obj } from './sessions.js';
import { isObj } from '../../json.js';

/** What input handling needs from its connection. */
export interface InputOwner {
  readonly config: Obj;
  send(message: Obj): void;
  interrupt(): void;
  userTurn(parts: Obj[]): void;
}

/** Buffered activity and frames of one connection. */
export class RealtimeInputs {
  private activity: { chunks: Buffer[]; mimeType: string } | undefined;
  private frames: Obj[] = [];

  constructor(private readonly owner: InputOwner) {}

  /** Whether audio of an unfinished utterance is buffered (the session is not resumable then). */
  get buffering(): boolean {
    return this.activity !== undefined;
  }

  /** Video frames waiting for the next user turn (taken). */
  takeFrames(): Obj[] {
    const f = this.frames;
    this.frames = [];
    return f;
  }

  /** Handles one realtimeInput message (fields in wire order). */
  handle(ri: Obj): void {
    const media: Obj[] = [...(Array.isArray(ri['mediaChunks']) ? ri['mediaChunks'].filter(isObj) : [])];
    if (isObj(ri['audio'])) media.push(ri['audio']);
    if (isObj(ri['video'])) this.frame(ri['video']);
    for (const blob of media) {
      const mime = String(blob['mimeType'] ?? '');
      if (mime.startsWith('image/')) this.frame(blob);
      else if (mime.startsWith('audio/')) this.audio(blob);
      else throw invalid(`Unsupported MIME type for realtime input: ${JSON.stringify(mime)}`);
    }
    if (ri['activityStart'] !== undefined) {
      if (this.vad)
        throw invalid('activityStart is only allowed when automatic activity detection is disabled.');
      this.begin('audio/pcm;rate=16000');
    }
    if (ri['activityEnd'] !== undefined) {
      if (this.vad)
        throw invalid('activityEnd is only allowed when automatic activity detection is disabled.');
      this.end();
    }
    if (ri['audioStreamEnd'] === true) this.end();
    if (typeof ri['text'] === 'string') {
      if (this.interrupts) this.owner.interrupt();
      this.owner.userTurn([{ text: ri['text'] }]);
    }
  }

  private get vad(): boolean {
    const rc = this.owner.config['realtimeInputConfig'];
    const aad = isObj(rc) ? rc['automaticActivityDetection'] : undefined;
    return !(isObj(aad) && aad['disabled'] === true);
  }

  private get interrupts(): boolean {
    const rc = this.owner.config['realtimeInputConfig'];
    return !(isObj(rc) && rc['activityHandling'] === 'NO_INTERRUPTION');
  }

  private frame(blob: Obj): void {
    const mime = String(blob['mimeType'] ?? '');
    if (!mime.startsWith('image/'))
      throw invalid(`video must be an image frame, got MIME type ${JSON.stringify(mime)}`);
    this.frames.push({ inlineData: { mimeType: mime, data: blob['data'] ?? '' } });
  }

  private audio(blob: Obj): void {
    const mime = String(blob['mimeType'] ?? '');
    const pcm = Buffer.from(String(blob['data'] ?? ''), 'base64');
    if (!this.vad) {
      this.activity?.chunks.push(pcm); // outside an explicit activity, audio is not part of a turn
      return;
    }
    if (!this.activity) {
      if (isSilent(pcm)) return;
      this.begin(mime);
    }
    this.activity!.chunks.push(pcm);
    if (isSilent(pcm)) this.end();
  }

  private begin(mimeType: string): void {
    if (this.activity) return;
    if (this.interrupts) this.owner.interrupt();
    this.activity = { chunks: [], mimeType };
  }

  private end(): void {
    const a = this.activity;
    if (!a) return;
    this.activity = undefined;
    const pcm = Buffer.concat(a.chunks);
    if (this.owner.config['inputAudioTranscription'] !== undefined) {
      this.owner.send({
        serverContent: { inputTranscription: { text: transcribe(pcm.length, a.mimeType), finished: true } },
      });
    }
    this.owner.userTurn([{ inlineData: { mimeType: a.mimeType, data: pcm.toString('base64') } }]);
  }
}
