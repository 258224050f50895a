/**
 * One model turn as Live server messages: text deltas (or 100 ms audio chunks with interleaved output
 * transcription), then generationComplete and turnComplete with usageMetadata — or a toolCall, after
 * which the turn waits for the client's toolResponse (no turnComplete yet).
 */
import type { ScriptedReply } from '../../control/replies.js';
import { splitText } from '../generation/reply.js';
import { countTextTokens, TokenCounter } from '../generation/tokens.js';
import { audioTokens, OUTPUT_MIME, OUTPUT_RATE, speak } from './audio.js';
import type { Obj } from './sessions.js';

/** How the session answers. */
export interface TurnOptions {
  /** AUDIO modality (else TEXT). */
  readonly audio: boolean;
  /** Send outputTranscription (audio only). */
  readonly transcribeOutput: boolean;
  /** The conversation the reply answers (for prompt token usage). */
  readonly history: readonly Obj[];
  /** A fresh function call id. */
  newCallId(): string;
}

/** The messages of a turn and what it adds to the history. */
export interface TurnPlan {
  /** Server messages in order. */
  readonly messages: Obj[];
  /** The model's content for the history. */
  readonly content: Obj;
  /** Function calls awaiting a toolResponse (empty: the turn completes). */
  readonly calls: readonly { id: string; name: string }[];
  /** Text of each message (for the partial history of an interrupted turn); '' for non-text messages. */
  readonly texts: readonly string[];
}

const content = (parts: Obj[]): Obj => ({ serverContent: { modelTurn: { parts } } });

/** Plans the turn for `reply`. */
export function planTurn(reply: ScriptedReply, o: TurnOptions): TurnPlan {
  const messages: Obj[] = [];
  const texts: string[] = [];
  const push = (m: Obj, text = ''): void => {
    messages.push(m);
    texts.push(text);
  };
  const historyParts: Obj[] = [];
  let responseTokens = 0;
  let audioSeconds = 0;
  if (reply.thought !== undefined) {
    push(content([{ text: reply.thought, thought: true }]));
    historyParts.push({ text: reply.thought, thought: true });
  }
  const text = reply.text;
  if (text !== undefined && text !== '') {
    historyParts.push({ text });
    if (o.audio) {
      const chunks = speak(text);
      const pieces = o.transcribeOutput ? splitText(text, chunks.length) : [];
      chunks.forEach((data, i) => {
        push(content([{ inlineData: { mimeType: OUTPUT_MIME, data } }]));
        const piece = pieces[i];
        if (piece) push({ serverContent: { outputTranscription: { text: piece } } }, piece);
      });
      audioSeconds = chunks.reduce((s, c) => s + Buffer.from(c, 'base64').length / 2 / OUTPUT_RATE, 0);
      responseTokens += audioTokens(audioSeconds);
    } else {
      const pieces = Array.isArray(reply.chunks)
        ? [...reply.chunks]
        : splitText(text, typeof reply.chunks === 'number' ? reply.chunks : 3);
      for (const piece of pieces) push(content([{ text: piece }]), piece);
      responseTokens += countTextTokens(text);
    }
  }
  if (reply.parts && reply.parts.length > 0) {
    push(content(reply.parts.map((p) => ({ ...p }))));
    historyParts.push(...reply.parts);
  }
  const calls = (reply.functionCalls ?? []).map((fc) => ({
    id: fc.id ?? o.newCallId(),
    name: fc.name,
    args: fc.args ?? {},
  }));
  if (calls.length > 0) {
    push({ toolCall: { functionCalls: calls } });
    historyParts.push(...calls.map((c) => ({ functionCall: c })));
    return { messages, content: { role: 'model', parts: historyParts }, calls, texts };
  }
  const grounding = reply.candidateFields?.['groundingMetadata'];
  push({
    serverContent: { generationComplete: true, ...(grounding ? { groundingMetadata: grounding } : {}) },
  });
  const counter = new TokenCounter();
  counter.request({ contents: o.history });
  const prompt = counter.result();
  const usage = reply.usageMetadata ?? {
    promptTokenCount: prompt.total,
    responseTokenCount: responseTokens,
    totalTokenCount: prompt.total + responseTokens,
    promptTokensDetails: prompt.details,
    responseTokensDetails: [{ modality: o.audio ? 'AUDIO' : 'TEXT', tokenCount: responseTokens }],
  };
  push({ serverContent: { turnComplete: true }, usageMetadata: usage });
  return { messages, content: { role: 'model', parts: historyParts }, calls: [], texts };
}
