// `gemini generate`, `gemini count`, `gemini models ls`.
import { LocalTokenizer } from '../../tokens/local-tokenizer.js';
import { EXIT, str, UsageError, type Context } from '../app.js';

/** The default model of the CLI (override with -m / GEMINI_MODEL). */
export const defaultModel = (ctx: Context): string =>
  str(ctx, 'model') ?? process.env['GEMINI_MODEL'] ?? 'gemini-2.5-flash';

/** The prompt: the arguments, else stdin when it is piped. */
async function promptOf(ctx: Context, what: string): Promise<string> {
  if (ctx.args.length > 0) return ctx.args.join(' ');
  if (process.stdin.isTTY)
    throw new UsageError(`give the ${what}: gemini ${what === 'prompt' ? 'generate' : 'count'} "…"`);
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  if (!text.trim()) throw new UsageError(`the ${what} is empty`);
  return text;
}

/** `gemini generate "…" [-m model] [--stream] [--system text]`. */
export async function generateCommand(ctx: Context): Promise<number> {
  const contents = await promptOf(ctx, 'prompt');
  const model = defaultModel(ctx);
  const system = str(ctx, 'system');
  const input = { model, contents, ...(system ? { systemInstruction: system } : {}) };
  const client = ctx.client();
  if (ctx.opts['stream']) {
    const stream = client.models.generateContentStream(input);
    for await (const chunk of stream) {
      if (ctx.json) ctx.out(`${JSON.stringify(chunk)}\n`);
      else ctx.out(chunk.text ?? '');
    }
    if (!ctx.json) ctx.out('\n');
    return EXIT.ok;
  }
  const response = await client.models.generateContent(input);
  ctx.out(ctx.json ? `${JSON.stringify(response)}\n` : `${response.text ?? ''}\n`);
  return EXIT.ok;
}

/** `gemini count "…" [-m model] [--local]`. */
export async function countCommand(ctx: Context): Promise<number> {
  const contents = await promptOf(ctx, 'text');
  const model = defaultModel(ctx);
  const result = ctx.opts['local']
    ? await new LocalTokenizer(model).countTokens(contents)
    : await ctx.client().models.countTokens({ model, contents });
  ctx.out(ctx.json ? `${JSON.stringify(result)}\n` : `${result.totalTokens ?? 0}\n`);
  return EXIT.ok;
}

/** `gemini models ls`. */
export async function modelsCommand(ctx: Context): Promise<number> {
  const [sub] = ctx.args;
  if (sub !== 'ls' && sub !== 'list') throw new UsageError('usage: gemini models ls');
  for await (const m of ctx.client().models.list({ pageSize: 1000 })) {
    if (ctx.json) ctx.out(`${JSON.stringify(m)}\n`);
    else ctx.out(`${(m.name ?? '').replace(/^models\//, '').padEnd(44)} ${m.displayName ?? ''}\n`);
  }
  return EXIT.ok;
}
