// `gemini chat` (a conversation over generateContent that keeps its history) and `gemini live` (text
// over a Live API session). Both read lines from stdin: typed at a prompt, or piped.
import { createInterface } from 'node:readline';
import { EXIT, type Context } from '../app.js';
import { defaultModel } from './generate.js';

/** Lines from stdin, with a prompt on a terminal; `/exit` (or end of input) stops. */
async function* lines(ctx: Context, prompt: string): AsyncGenerator<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stderr : undefined,
    terminal: process.stdin.isTTY === true,
  });
  try {
    if (process.stdin.isTTY) rl.setPrompt(prompt);
    rl.prompt();
    for await (const line of rl) {
      const text = line.trim();
      if (text === '/exit' || text === '/quit') return;
      if (text) yield text;
      rl.prompt();
    }
  } finally {
    rl.close();
    void ctx;
  }
}

/** `gemini chat [-m model] [--system text]`: `/history` prints the turns so far. */
export async function chatCommand(ctx: Context): Promise<number> {
  const model = defaultModel(ctx);
  const system = ctx.opts['system'] as string | undefined;
  const chat = ctx
    .client()
    .chats.create({ model, ...(system ? { config: { systemInstruction: system } } : {}) });
  if (process.stdin.isTTY) ctx.err(`chat with ${model} — /history, /exit\n`);
  for await (const text of lines(ctx, 'you> ')) {
    if (text === '/history') {
      for (const c of chat.getHistory())
        ctx.out(`${c.role}: ${(c.parts ?? []).map((p) => p.text ?? '').join('')}\n`);
      continue;
    }
    const stream = chat.sendMessageStream(text);
    let json: unknown;
    for await (const chunk of stream) {
      if (ctx.json) json = chunk;
      else ctx.out(chunk.text ?? '');
    }
    ctx.out(
      ctx.json
        ? `${JSON.stringify({ role: 'model', text: (await stream.finalResponse()).text, last: json !== undefined })}\n`
        : '\n',
    );
  }
  return EXIT.ok;
}

/** `gemini live [-m model]`: each line is a turn; the answer streams back as text. */
export async function liveCommand(ctx: Context): Promise<number> {
  const model = (ctx.opts['model'] as string | undefined) ?? 'gemini-live-2.5-flash-preview';
  const session = await ctx.client().live.connect({ model, config: { responseModalities: ['TEXT'] } });
  try {
    if (process.stdin.isTTY) ctx.err(`live session with ${model} — /exit\n`);
    for await (const text of lines(ctx, 'you> ')) {
      session.sendClientContent({ turns: text });
      let answer = '';
      for await (const piece of session.text()) {
        if (ctx.json) answer += piece;
        else ctx.out(piece);
      }
      ctx.out(ctx.json ? `${JSON.stringify({ text: answer })}\n` : '\n');
    }
  } finally {
    await session.close();
  }
  return EXIT.ok;
}
