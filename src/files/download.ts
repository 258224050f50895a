// Streamed downloads: `GET {name}:download?alt=media` (302 to the download host), never buffered.

import { AbortError } from '../core/errors.js';
import type { HttpTransport } from '../core/transport.js';
import { pipeToNode } from '#platform';
import type { NodeWritableLike } from '../platform/types.js';

export type { NodeWritableLike };

/** Where `downloadTo` writes: a file path (Node), a web `WritableStream`, or a Node writable. */
export type DownloadDestination = string | WritableStream<Uint8Array> | NodeWritableLike;

/** The response body of a media download. */
export async function downloadBody(
  t: HttpTransport,
  name: string,
  signal: AbortSignal | undefined,
): Promise<ReadableStream<Uint8Array>> {
  const res = await t.request({
    method: 'GET',
    path: `${name}:download`,
    query: { alt: 'media' },
    raw: true,
    signal,
  });
  return res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
}

/** Pipes `body` to `destination`; resolves with the number of bytes written. */
export async function writeBody(
  body: ReadableStream<Uint8Array>,
  destination: DownloadDestination,
  signal: AbortSignal | undefined,
): Promise<number> {
  let bytes = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.length;
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    if (typeof WritableStream !== 'undefined' && destination instanceof WritableStream) {
      await counted.pipeTo(destination, signal ? { signal } : {});
      return bytes;
    }
    await pipeToNode(counted, destination as string | NodeWritableLike, signal);
    return bytes;
  } catch (e) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    throw e;
  }
}
