/** Reading request bodies with a size cap. */
import type { IncomingMessage } from 'node:http';
import { RpcError } from '../errors.js';

/** Largest request body the emulator reads (the service's own cap for inline requests is lower). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reads the whole body; rejects with 413 beyond {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new RpcError(413, `Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`, {
        status: 'INVALID_ARGUMENT',
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body the way the service reports syntax errors (empty → `undefined`). */
export function parseJsonBody(raw: Buffer): { ok: true; value: unknown } | { ok: false; error: RpcError } {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const description = `Invalid JSON payload received. ${detail}`;
    return {
      ok: false,
      error: new RpcError(400, description, {
        details: [
          { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ description }] },
        ],
      }),
    };
  }
}
