/**
 * The `fileSearch` tool in generateContent: retrieves passages of ACTIVE documents (whitespace
 * chunking as configured per document, scored by words shared with the last user turn, best `topK`)
 * and sets `groundingMetadata` (groundingChunks[].retrievedContext + groundingSupports) on the
 * candidates, in the recorded shape, replacing the generation area's placeholder when the request
 * names a store this emulator holds. The generation handlers are wrapped, not changed.
 */
import type { EmulatorCore } from '../../core.js';
import type { ApiCall, Handler, HandlerResult } from '../../registry.js';
import type { FileSearchState, StoredDocument } from './store.js';
import { isObj } from '../../json.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The fileSearch tool of a request, if any. */
function fileSearchOf(
  request: Obj,
): { stores: string[]; topK: number; filter: string | undefined } | undefined {
  for (const tool of list(request['tools'])) {
    const fs = isObj(tool) ? tool['fileSearch'] : undefined;
    if (!isObj(fs)) continue;
    const stores = list(fs['fileSearchStoreNames']).filter((s): s is string => typeof s === 'string');
    const topK = typeof fs['topK'] === 'number' && fs['topK'] > 0 ? fs['topK'] : 5;
    return {
      stores,
      topK,
      filter: typeof fs['metadataFilter'] === 'string' ? fs['metadataFilter'] : undefined,
    };
  }
  return undefined;
}

function lastUserText(request: Obj): string {
  const contents = list(request['contents']);
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i];
    if (!isObj(c) || (c['role'] !== undefined && c['role'] !== 'user')) continue;
    const text = list(c['parts'])
      .map((p) => (isObj(p) && typeof p['text'] === 'string' ? p['text'] : ''))
      .join(' ');
    if (text.trim()) return text;
  }
  return '';
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Splits text into whitespace-token chunks of `max` tokens overlapping by `overlap`. */
export function chunkText(text: string, max: number, overlap: number): string[] {
  const tokens = text.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  const step = Math.max(1, max - Math.min(overlap, max - 1));
  for (let i = 0; i < tokens.length; i += step) {
    out.push(tokens.slice(i, i + max).join(''));
    if (i + max >= tokens.length) break;
  }
  return out;
}

/** `key = "value"` / `key = 3` clauses joined by AND (the subset of AIP-160 the emulator understands). */
function matchesFilter(doc: StoredDocument, filter: string | undefined): boolean {
  if (!filter?.trim()) return true;
  return filter.split(/\s+AND\s+/i).every((clause) => {
    const m = /^\s*([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?))\s*$/.exec(clause);
    if (!m) return true; // not understood: do not filter on it
    const want = m[2] ?? m[3] ?? m[4];
    const meta = doc.customMetadata.find((c) => c['key'] === m[1]);
    if (!meta) return false;
    if (typeof meta['numericValue'] === 'number') return String(meta['numericValue']) === want;
    if (typeof meta['stringValue'] === 'string') return meta['stringValue'] === want;
    const values = isObj(meta['stringListValue']) ? list(meta['stringListValue']['values']) : [];
    return values.includes(want);
  });
}

interface Retrieved {
  readonly store: string;
  readonly doc: StoredDocument;
  readonly text: string;
  readonly score: number;
}

/**
 * The best passages for the request's question; `undefined` when the request has no fileSearch tool
 * or names no store this emulator holds (the generation area's placeholder grounding then stays).
 */
export function retrieve(state: FileSearchState, request: Obj): Retrieved[] | undefined {
  const tool = fileSearchOf(request);
  if (!tool || !tool.stores.some((s) => state.getStore(s))) return undefined;
  const query = new Set(words(lastUserText(request)).filter((w) => w.length > 2));
  const found: Retrieved[] = [];
  for (const name of tool.stores) {
    const store = state.getStore(name);
    if (!store) continue;
    for (const doc of store.documents.values()) {
      if (state.state(doc) !== 'STATE_ACTIVE' || !matchesFilter(doc, tool.filter)) continue;
      for (const text of chunkText(doc.text, doc.maxTokensPerChunk, doc.maxOverlapTokens)) {
        const score = words(text).filter((w) => query.has(w)).length;
        if (score > 0) found.push({ store: name, doc, text, score });
      }
    }
  }
  return found.sort((a, b) => b.score - a.score).slice(0, tool.topK);
}

function candidateText(candidate: Obj): string {
  const content = candidate['content'];
  return list(isObj(content) ? content['parts'] : [])
    .map((p) => (isObj(p) && typeof p['text'] === 'string' && p['thought'] !== true ? p['text'] : ''))
    .join('');
}

/** groundingMetadata for a candidate's text grounded on `found`. */
export function groundingMetadata(found: readonly Retrieved[], text: string): Obj {
  const groundingChunks = found.map((r) => ({
    retrievedContext: {
      ...(r.doc.displayName !== undefined ? { title: r.doc.displayName } : {}),
      text: r.text,
      fileSearchStore: r.store,
      ...(r.doc.customMetadata.length > 0 ? { customMetadata: r.doc.customMetadata } : {}),
    },
  }));
  const supports =
    text.length > 0
      ? [
          {
            segment: { endIndex: Buffer.byteLength(text, 'utf8'), text },
            groundingChunkIndices: found.map((_, i) => i),
          },
        ]
      : [];
  return { groundingChunks, ...(supports.length > 0 ? { groundingSupports: supports } : {}) };
}

/** Puts the retrieval's grounding on every candidate (replacing a placeholder), or removes it when nothing matched. */
function decorate(body: unknown, found: readonly Retrieved[]): unknown {
  if (!isObj(body)) return body;
  const candidates = list(body['candidates']).map((c) => {
    if (!isObj(c)) return c;
    const { groundingMetadata: _placeholder, ...rest } = c;
    return found.length > 0
      ? { ...rest, groundingMetadata: groundingMetadata(found, candidateText(c)) }
      : rest;
  });
  return candidates.length > 0 ? { ...body, candidates } : body;
}

async function* lastDecorated(
  chunks: Iterable<unknown> | AsyncIterable<unknown>,
  found: readonly Retrieved[],
): AsyncGenerator<unknown> {
  let prev: unknown;
  let has = false;
  for await (const c of chunks) {
    if (has) yield prev;
    prev = c;
    has = true;
  }
  if (has) yield isObj(prev) && 'error' in prev ? prev : decorate(prev, found);
}

/** Wraps a generation handler so fileSearch requests get grounding metadata. */
export function withFileSearch(state: FileSearchState, inner: Handler): Handler {
  return async (call: ApiCall): Promise<HandlerResult> => {
    const result = await inner(call);
    const found = isObj(call.body) ? retrieve(state, call.body) : undefined;
    if (!found) return result;
    if (result.kind === 'json') return { ...result, body: decorate(result.body, found) };
    if (result.kind === 'stream') return { kind: 'stream', chunks: lastDecorated(result.chunks, found) };
    return result;
  };
}

/** Wraps the registered generateContent / streamGenerateContent handlers of `core`. */
export function installGrounding(core: EmulatorCore, state: FileSearchState): void {
  for (const id of ['models.generateContent', 'models.streamGenerateContent']) {
    const inner = core.registry.get(id, 'rest');
    if (inner) core.registry.register(id, withFileSearch(state, inner));
  }
}
