/**
 * The README's "Testing your own code against the emulator" snippet runs as written: its imports are
 * mapped to the source entries, and a call is made where the snippet says "exercise your code", which
 * must receive the scripted answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The first ```ts block after the heading. */
function snippet(heading: string): string {
  const text = readFileSync(README, 'utf8');
  const at = text.indexOf(heading);
  expect(at, `README has no "${heading}" section`).toBeGreaterThanOrEqual(0);
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  expect(block, 'no ts code block in the section').not.toBeNull();
  return block![1]!;
}

type Run = (mods: Record<string, unknown>, check: (v: unknown) => void) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => Run;

describe('README', () => {
  it('the emulator snippet works against the real API', async () => {
    let code = snippet('Testing your own code against the emulator');
    code = code.replace(/^import \{([^}]+)\} from '([^']+)';$/gm, "const {$1} = __mods['$2'];");
    expect(code).not.toMatch(/^import /m);
    expect(code).toMatch(/\/\/ … exercise your code …/);
    code = code.replace(
      '// … exercise your code …',
      "__check((await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).text);",
    );
    const mods = {
      'gemini-ts': await import('../../src/index.js'),
      'gemini-ts/emulator': await import('../../emulator/index.js'),
    };
    const seen: unknown[] = [];
    await new AsyncFunction('__mods', '__check', code)(mods, (v) => seen.push(v));
    expect(seen).toEqual(['scripted answer']);
  });
});
