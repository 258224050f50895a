/**
 * Which declared function the emulated model calls for a prompt: the one whose name or description
 * shares the most words with the user's text (name words count double; a name quoted whole wins), so
 * `Weather in Paris?` with `get_weather` calls it and `Tell me a joke` calls nothing.
 */

type Obj = Readonly<Record<string, unknown>>;

const STOP = new Set(
  'a an and are as at be by can do does for from get give how i in is it me my of on or please set show tell that the this to us was what when where which who why will with you your'.split(
    ' ',
  ),
);

/** Lower-case content words, split at snake_case, kebab-case and camelCase boundaries, light stemming. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function score(decl: Obj, prompt: string, promptWords: ReadonlySet<string>): number {
  const name = typeof decl['name'] === 'string' ? decl['name'] : '';
  if (name !== '' && prompt.includes(name)) return 1000;
  const description = typeof decl['description'] === 'string' ? decl['description'] : '';
  let n = 0;
  for (const w of new Set(words(name))) if (promptWords.has(w)) n += 2;
  for (const w of new Set(words(description))) if (promptWords.has(w)) n += 1;
  return n;
}

/** The declaration that best matches `prompt`, or `undefined` when none shares a word with it. */
export function bestMatch(decls: readonly Obj[], prompt: string): Obj | undefined {
  const promptWords = new Set(words(prompt));
  let best: Obj | undefined;
  let bestScore = 0;
  for (const d of decls) {
    const s = score(d, prompt, promptWords);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return best;
}
