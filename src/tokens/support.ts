// Which models the local tokenizer supports, and with which vocabulary. Gemini 2.0/2.5/3 (preview)
// share the Gemma 3 SentencePiece vocabulary (262k pieces), as Google's own SDKs map them; Gemini 1.x
// and Gemma 1/2 use the Gemma vocabulary (256k). Gemini 3.1/3.5 use the Gemma 4 vocabulary, which no
// published tokenizer data covers, so they are not supported (counts would be guesses).

/** A tokenizer vocabulary (each ships with the SDK, see vocab-format.ts). */
export type TokenizerName = 'gemma3' | 'gemma';

/** Supported model families: a model id matches when it equals a prefix or continues it with `-`. */
const FAMILIES: ReadonlyArray<readonly [prefix: string, tokenizer: TokenizerName]> = [
  ['gemini-2.0-flash', 'gemma3'],
  ['gemini-2.0-flash-lite', 'gemma3'],
  ['gemini-2.5-pro', 'gemma3'],
  ['gemini-2.5-flash', 'gemma3'],
  ['gemini-2.5-flash-lite', 'gemma3'],
  ['gemini-live-2.5-flash', 'gemma3'],
  ['gemini-3-pro', 'gemma3'],
  ['gemini-3-flash', 'gemma3'],
  ['gemma-3', 'gemma3'],
  ['gemma-3n', 'gemma3'],
  ['gemini-1.0-pro', 'gemma'],
  ['gemini-1.5-pro', 'gemma'],
  ['gemini-1.5-flash', 'gemma'],
  ['gemma-2', 'gemma'],
  ['gemma-1.1', 'gemma'],
  ['gemma-7b', 'gemma'],
  ['gemma-2b', 'gemma'],
];

/** Model families the local tokenizer supports (ids starting with one of these, e.g. `gemini-2.5-flash-lite`). */
export const SUPPORTED_MODEL_FAMILIES: readonly string[] = FAMILIES.map(([p]) => p);

/** The vocabulary of a model, or `undefined` when the local tokenizer does not support it. */
export function tokenizerFor(model: string): TokenizerName | undefined {
  const id = model.replace(/^models\//, '');
  for (const [prefix, name] of FAMILIES) if (id === prefix || id.startsWith(`${prefix}-`)) return name;
  return undefined;
}

/**
 * Tokens the service adds per turn (each Content with a role, including a system instruction that has
 * one) on top of the text tokens. Fitted on recorded countTokens/usage answers: gemini-2.0 adds none;
 * later models add one per turn. Gemma and older models: none known.
 */
export function turnOverhead(model: string): number {
  const id = model.replace(/^models\//, '');
  return /^gemini-(1\.5|2\.5|3|live-2\.5)/.test(id) ? 1 : 0;
}
