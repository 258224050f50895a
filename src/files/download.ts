// Streamed downloads: `GET {name}:download?alt=media` (302 to the download host), never buffered.

import { AbortError, ConnectionError } from '../core/errors.js';
import type { ClientTransport } from '../core/client-transport.js';
import { pipeToNode } from '#platform';
import type { NodeWritableLike } from '../platform/types.js';

export type { NodeWritableLike };

/** Where `downloadTo` writes: a file path (Node), a web `WritableStream`, or a Node writable. */
export type DownloadDestination = string | WritableStream<Uint8Array> | NodeWritableLike;

/**
 * The response body of a media download. The API answers 302 to the download host; the redirect is
 * followed here (at most 5 hops), not by fetch, so the credentials never leave the client's origin: the
 * transport adds them only for its own origin, and a `key` / `access_token` parameter of a Location on
 * another origin is removed. Where the platform hides the target (a browser's opaque redirect), the
 * browser follows it instead (its CORS rules then decide which headers go along).
 */
export async function downloadBody(
  t: ClientTransport,
  name: string,
  signal: AbortSignal | undefined,
): Promise<ReadableStream<Uint8Array>> {
  const own = new URL(t.baseUrl).origin;
  let path = `${name}:download`;
  let query: Record<string, string> | undefined = { alt: 'media' };
  for (let hops = 0; ; hops++) {
    const get = (redirect: 'follow' | 'manual'): Promise<Response> =>
      t.request({ method: 'GET', path, query, raw: true, signal, redirect });
    let res = await get('manual');
    if (res.type === 'opaqueredirect') res = await get('follow');
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (location === null) {
      if (res.status >= 300)
        throw new ConnectionError(`${name}: download answered ${res.status} without a location`);
      return res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    }
    await res.body?.cancel();
    if (hops === 5) throw new ConnectionError(`${name}: download: more than 5 redirects`);
    const next = new URL(location, res.url || own);
    if (next.origin !== own) {
      next.searchParams.delete('key');
      next.searchParams.delete('access_token');
    }
    path = next.href;
    query = undefined;
  }
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
