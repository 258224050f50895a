// Offline token counting for Gemini and Gemma models with the SDK's own SentencePiece-BPE encoder
// (bpe.ts) over the vocabularies it ships (loaded lazily, see loader.ts).
import type { Content } from '../../generated/types/Content.js';
import { InvalidArgumentError } from '../core/errors.js';
import { toContent, toContents, type ContentInput } from '../models/content.js';
import { ToolRunner, type Tools } from '../tools/runner.js';
import { vocabulary, type Vocabulary } from './loader.js';
import { SUPPORTED_MODEL_FAMILIES, tokenizerFor, turnOverhead, type TokenizerName } from './support.js';
import { TextCollector } from './texts.js';

/** The model is not one the local tokenizer knows the vocabulary of. */
export class UnsupportedModelError extends InvalidArgumentError {
  /** The model asked for. */
  readonly model: string;
  /** Creates the error. */
  constructor(model: string) {
    super(
      `LocalTokenizer does not support ${model}; supported model families: ${SUPPORTED_MODEL_FAMILIES.join(', ')} (use models.countTokens for others)`,
    );
    this.model = model;
  }
  override get name(): string {
    return 'UnsupportedModelError';
  }
}

/** A request to count: contents plus the settings that also cost tokens. */
export interface LocalCountInput {
  /** The conversation. */
  contents?: ContentInput;
  /** System instruction. */
  systemInstruction?: ContentInput;
  /** Tools; function declarations count (name, description, schema words), approximately. */
  tools?: Tools;
}

/** The result of a local count. */
export interface LocalCountResult {
  /** Tokens of the input. */
  totalTokens: number;
}

/** The tokens of one text of a content. */
export interface TokensInfo {
  /** Token ids in the model's vocabulary. */
  tokenIds: number[];
  /** The pieces, with SentencePiece's `▁` shown as a space (byte pieces stay `<0xNN>`). */
  tokens: string[];
  /** Role of the content the text belongs to. */
  role: string;
}

const COUNT_KEYS = ['contents', 'systemInstruction', 'tools'];
const isCountInput = (v: unknown): v is LocalCountInput =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !('parts' in v) &&
  COUNT_KEYS.some((k) => k in v);

/**
 * Counts and computes tokens offline for a supported Gemini/Gemma model. Text only: media parts need
 * `client.models.countTokens`. The vocabulary loads on first use (~0.1 s, once per process).
 *
 * ```ts
 * const tok = new LocalTokenizer('gemini-2.5-flash');
 * const { totalTokens } = await tok.countTokens('What is the capital of France?'); // 8, as the API says
 * ```
 */
export class LocalTokenizer {
  /** Model families it supports (an id matches its family name or continues it with `-`). */
  static readonly supportedModelFamilies: readonly string[] = SUPPORTED_MODEL_FAMILIES;

  /** Whether `model` is supported. */
  static supports(model: string): boolean {
    return tokenizerFor(model) !== undefined;
  }

  /** The model counted for. */
  readonly model: string;
  /** The vocabulary it uses. */
  readonly tokenizer: TokenizerName;

  /**
   * Throws `UnsupportedModelError` for a model whose vocabulary is not known, unless `options.tokenizer`
   * names one to use anyway (your responsibility: counts for other models are estimates). Loads nothing yet.
   */
  constructor(model: string, options: { tokenizer?: TokenizerName } = {}) {
    const name = options.tokenizer ?? (typeof model === 'string' ? tokenizerFor(model) : undefined);
    if (!name || typeof model !== 'string') throw new UnsupportedModelError(String(model));
    this.model = model.replace(/^models\//, '');
    this.tokenizer = name;
  }

  /** Loads the vocabulary now (otherwise the first count does). */
  async load(): Promise<void> {
    await vocabulary(this.tokenizer);
  }

  /** Token ids of a text, without special tokens. */
  async encode(text: string): Promise<number[]> {
    return (await vocabulary(this.tokenizer)).encode(text);
  }

  /**
   * Counts the tokens of contents, or of `{ contents, systemInstruction, tools }`. Matches the API
   * for text turns and system instructions (including the one token per turn newer models add); function
   * declarations and function call/response parts are approximate (the service wraps them in a template
   * the SDK does not know), and a response schema is not counted (the service does not count it either).
   */
  async countTokens(input: ContentInput | LocalCountInput): Promise<LocalCountResult> {
    const req: LocalCountInput = isCountInput(input) ? input : { contents: input };
    const texts = new TextCollector();
    const turns: Content[] = req.contents === undefined ? [] : await toContents(req.contents);
    for (const c of turns) texts.content(c);
    if (req.tools) texts.tools(new ToolRunner(req.tools).tools);
    if (req.systemInstruction !== undefined) {
      const si =
        typeof req.systemInstruction === 'string'
          ? { parts: [{ text: req.systemInstruction }] }
          : await toContent(req.systemInstruction, 'systemInstruction');
      texts.content(si);
      turns.push(si);
    }
    const vocab = await vocabulary(this.tokenizer);
    let total = 0;
    for (const t of texts.texts) if (t) total += vocab.encode(t).length;
    total += turnOverhead(this.model) * turns.filter((c) => c.role).length;
    return { totalTokens: total };
  }

  /** The token ids and pieces of each text of each content, with the content's role. */
  async computeTokens(input: ContentInput): Promise<{ tokensInfo: TokensInfo[] }> {
    const vocab = await vocabulary(this.tokenizer);
    const tokensInfo: TokensInfo[] = [];
    for (const c of await toContents(input)) {
      const texts = new TextCollector();
      texts.content(c);
      for (const t of texts.texts) tokensInfo.push(info(vocab, t, c.role ?? 'user'));
    }
    return { tokensInfo };
  }
}

function info(vocab: Vocabulary, text: string, role: string): TokensInfo {
  const tokenIds = vocab.encode(text);
  return { tokenIds, tokens: vocab.pieces(tokenIds).map((p) => p.replace(/▁/g, ' ')), role };
}
