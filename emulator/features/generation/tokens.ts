/**
 * Deterministic token counting. Text counts one token per word, number or punctuation mark
 * (`"Hello, world!"` → 4); each media part (inlineData/fileData) costs a fixed amount by modality:
 * image 258 (the service's per-image cost), audio 32, video 263, document 258. Function calls and
 * responses count as the text of their JSON.
 */
import { isObj } from '../../json.js';

/** Per-part cost of media, by modality. */
export const MEDIA_TOKENS: Readonly<Record<string, number>> = {
  IMAGE: 258,
  AUDIO: 32,
  VIDEO: 263,
  DOCUMENT: 258,
};

/** A count split by modality, in the order modalities first appear. */
export interface TokenCount {
  readonly total: number;
  readonly details: readonly { readonly modality: string; readonly tokenCount: number }[];
}

type Obj = Readonly<Record<string, unknown>>;

/** Tokens in a piece of text. */
export function countTextTokens(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu)?.length ?? 0;
}

function modalityOf(mimeType: unknown): string {
  const mime = typeof mimeType === 'string' ? mimeType : '';
  if (mime.startsWith('image/')) return 'IMAGE';
  if (mime.startsWith('audio/')) return 'AUDIO';
  if (mime.startsWith('video/')) return 'VIDEO';
  if (mime.startsWith('text/')) return 'TEXT';
  return 'DOCUMENT';
}

/** Adds up tokens by modality. */
export class TokenCounter {
  private readonly counts = new Map<string, number>();
  private readonly text: (text: string) => number;
  private readonly perTurn: number;

  /**
   * `text` counts a text (default: the word rule); `perTurn` tokens are added for each content with
   * a role (the real vocabularies' turn markers, see vocabulary.ts).
   */
  constructor(options: { readonly count?: (text: string) => number; readonly perTurn?: number } = {}) {
    this.text = options.count ?? countTextTokens;
    this.perTurn = options.perTurn ?? 0;
  }

  /** Adds `n` tokens of a modality. */
  add(modality: string, n: number): void {
    if (n > 0) this.counts.set(modality, (this.counts.get(modality) ?? 0) + n);
  }

  /** Counts one Part. */
  part(part: Obj): void {
    if (typeof part['text'] === 'string') this.add('TEXT', this.text(part['text']));
    for (const key of ['inlineData', 'fileData']) {
      const media = part[key];
      if (!isObj(media)) continue;
      const modality = modalityOf(media['mimeType']);
      // Inline text files count as their text; other media cost a fixed amount.
      if (modality === 'TEXT' && typeof media['data'] === 'string') {
        this.add('TEXT', this.text(Buffer.from(media['data'], 'base64').toString('utf8')));
      } else {
        this.add(modality, MEDIA_TOKENS[modality] ?? 258);
      }
    }
    for (const key of ['functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult']) {
      if (part[key] !== undefined) this.add('TEXT', this.text(JSON.stringify(part[key])));
    }
  }

  /** Counts a Content (its parts). */
  content(content: unknown): void {
    if (!isObj(content) || !Array.isArray(content['parts'])) return;
    for (const p of content['parts']) if (isObj(p)) this.part(p);
    if (typeof content['role'] === 'string' && content['role'] !== '') this.add('TEXT', this.perTurn);
  }

  /** Counts the prompt side of a GenerateContentRequest: contents, system instruction and tools. */
  request(req: Obj): void {
    if (Array.isArray(req['contents'])) for (const c of req['contents']) this.content(c);
    this.content(req['systemInstruction']);
    if (Array.isArray(req['tools']) && req['tools'].length > 0) {
      this.add('TEXT', this.text(JSON.stringify(req['tools'])));
    }
  }

  /** The result. */
  result(): TokenCount {
    const details = [...this.counts].map(([modality, tokenCount]) => ({ modality, tokenCount }));
    return { total: details.reduce((s, d) => s + d.tokenCount, 0), details };
  }
}
