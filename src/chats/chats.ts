// `client.chats`: creates conversations that keep their own history.
import type { Transport } from '../../generated/transport.js';
import { Chat, type CreateChatParams } from './chat.js';

/** Creates chats: `client.chats.create({ model, history, config })`. */
export class Chats {
  readonly #t: Transport;

  /** Usually reached as `client.chats`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Starts a conversation (no request is sent until the first message). */
  create<T = unknown>(params: CreateChatParams<T>): Chat<T> {
    return new Chat<T>(this.#t, params);
  }
}
