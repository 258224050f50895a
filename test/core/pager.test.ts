import { afterEach, describe, expect, it } from 'vitest';
import { PagePromise } from '../../src/core/index.js';
import { json, startServer, type FixtureServer } from './support/server.js';
import { listFiles } from './support/specs.js';
import { transportFor } from './support/transport.js';

interface FilePage {
  files?: { name: string }[];
  nextPageToken?: string;
}

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function memoryPager(pages: Record<string, FilePage>, pageToken?: string) {
  const fetched: (string | undefined)[] = [];
  const pager = new PagePromise<{ name: string }, FilePage>(
    async (token) => {
      fetched.push(token);
      return pages[token ?? ''] ?? {};
    },
    'files',
    { pageToken },
  );
  return { pager, fetched };
}

const PAGES: Record<string, FilePage> = {
  '': { files: [{ name: 'files/a' }, { name: 'files/b' }], nextPageToken: 't2' },
  t2: { files: [{ name: 'files/c' }], nextPageToken: 't3' },
  t3: { files: [{ name: 'files/d' }], nextPageToken: '' },
};

describe('PagePromise', () => {
  it('await gives the first page, fetched once', async () => {
    const { pager, fetched } = memoryPager(PAGES);
    const page = await pager;
    expect(page.files?.map((f) => f.name)).toEqual(['files/a', 'files/b']);
    expect(await pager.page()).toBe(page);
    expect(fetched).toEqual([undefined]);
  });

  it('for await yields every item across pages, reusing the first page', async () => {
    const { pager, fetched } = memoryPager(PAGES);
    await pager;
    const names: string[] = [];
    for await (const f of pager) names.push(f.name);
    expect(names).toEqual(['files/a', 'files/b', 'files/c', 'files/d']);
    expect(fetched).toEqual([undefined, 't2', 't3']);
  });

  it('pages() yields raw pages; resumes from a pageToken', async () => {
    const { pager } = memoryPager(PAGES, 't2');
    const pages: FilePage[] = [];
    for await (const p of pager.pages()) pages.push(p);
    expect(pages).toEqual([PAGES.t2, PAGES.t3]);
  });

  it('over(): the params go with every page, the page token replaced page by page, starting from theirs', async () => {
    const sent: Record<string, unknown>[] = [];
    const list = async (params: { pageSize?: number; pageToken?: string }): Promise<FilePage> => {
      sent.push({ ...params });
      return PAGES[params.pageToken ?? ''] ?? {};
    };
    const names: string[] = [];
    const pager = PagePromise.over<{ name: string }, FilePage, { pageSize?: number; pageToken?: string }>(
      list,
      { pageSize: 2 },
      'files',
    );
    for await (const f of pager) names.push(f.name);
    expect(names).toEqual(['files/a', 'files/b', 'files/c', 'files/d']);
    expect(sent).toEqual([
      { pageSize: 2 },
      { pageSize: 2, pageToken: 't2' },
      { pageSize: 2, pageToken: 't3' },
    ]);

    sent.length = 0;
    const resumed = PagePromise.over(list, { pageSize: 5, pageToken: 't2' }, 'files');
    expect((await resumed).files).toEqual(PAGES.t2!.files);
    expect(sent).toEqual([{ pageSize: 5, pageToken: 't2' }]);
  });

  it('an empty collection ({}) yields no items', async () => {
    const { pager } = memoryPager({ '': {} });
    const items: unknown[] = [];
    for await (const f of pager) items.push(f);
    expect(items).toEqual([]);
  });

  it('stops if the server repeats a page token', async () => {
    const { pager, fetched } = memoryPager({
      '': { files: [{ name: 'x' }], nextPageToken: 'same' },
      same: { files: [{ name: 'y' }], nextPageToken: 'same' },
    });
    const names: string[] = [];
    for await (const f of pager) names.push(f.name);
    expect(names).toEqual(['x', 'y']);
    expect(fetched).toEqual([undefined, 'same']);
  });

  it('propagates fetch errors through await and iteration', async () => {
    const pager = new PagePromise<number, { n?: number[]; nextPageToken?: string }>(
      () => Promise.reject(new Error('boom')),
      'n',
    );
    await expect(pager).rejects.toThrow('boom');
    await expect(
      (async () => {
        for await (const _ of pager) void _;
      })(),
    ).rejects.toThrow('boom');
  });

  it('works over the transport with pageSize and pageToken', async () => {
    server = await startServer(
      (_r, res) => json(res, 200, { files: [{ name: 'files/1' }], nextPageToken: 'N' }),
      (_r, res) => json(res, 200, { files: [{ name: 'files/2' }] }),
    );
    const t = transportFor(server);
    const pager = new PagePromise<{ name: string }, FilePage>(
      (pageToken) => t.call<FilePage>({ spec: listFiles, params: { pageSize: 1, pageToken } }),
      'files',
    );
    const names: string[] = [];
    for await (const f of pager) names.push(f.name);
    expect(names).toEqual(['files/1', 'files/2']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1beta/files?pageSize=1',
      '/v1beta/files?pageSize=1&pageToken=N',
    ]);
  });
});
