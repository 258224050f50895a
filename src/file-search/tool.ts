// Using stores in generateContent: the `fileSearch` tool and the retrieved contexts of a response.

import type { GenerateContentResponse } from '../../generated/types/GenerateContentResponse.js';
import type { RetrievedContext } from '../../generated/types/RetrievedContext.js';
import type { Tool } from '../../generated/types/Tool.js';
import { storeName, type StoreRef } from './names.js';

/** A `fileSearch` tool over one or more stores: `tools: [fileSearchTool(store, { topK: 5 })]`. */
export function fileSearchTool(
  stores: StoreRef | readonly StoreRef[],
  options: { topK?: number; metadataFilter?: string } = {},
): Tool {
  const list = (Array.isArray(stores) ? stores : [stores]) as readonly StoreRef[];
  return { fileSearch: { fileSearchStoreNames: list.map(storeName), ...options } };
}

/** The retrieved passages a response was grounded on (first candidate), with their store and metadata. */
export function retrievedContexts(response: GenerateContentResponse): RetrievedContext[] {
  const chunks = response.candidates?.[0]?.groundingMetadata?.groundingChunks ?? [];
  return chunks.flatMap((c) => (c.retrievedContext ? [c.retrievedContext] : []));
}
