// Public surface of chats.
export { Chat, type ChatConfig, type CreateChatParams, type SendMessageInput } from './chat.js';
export { Chats } from './chats.js';
export { curateHistory, isValidContent } from './history.js';
