import { afterEach, describe, expect, it } from 'vitest';
import { download } from '../../generated/methods/files.js';
import { startServer, type FixtureServer } from './support/server.js';
import { transportFor } from './support/transport.js';

let server: FixtureServer;
afterEach(async () => {
  await server?.close();
});

describe('HttpTransport.call on a media method (alt=media)', () => {
  it('follows the redirect to the media host and resolves with the unread Response', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i & 255));
    server = await startServer(
      (req, res) => {
        res.writeHead(302, { location: `/download${req.url}` });
        res.end();
      },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp4' });
        res.write(bytes.subarray(0, 1000));
        setTimeout(() => res.end(bytes.subarray(1000)), 20);
      },
    );
    const response = await download(transportFor(server), { name: 'files/abc' });
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1beta/files/abc:download?alt=media',
      '/download/v1beta/files/abc:download?alt=media',
    ]);
  });
});
