/**
 * `client.models.list()` across several pages of the emulator's catalog: `for await` over items,
 * `.pages()`, `await` for the first page only, resuming from a page token, a bad token, a failed page
 * retried transparently, and a signal stopping the iteration.
 */
import { describe, expect, it } from 'vitest';
import { AbortError, BadRequestError } from '../../src/core/index.js';
import { callsTo, collect, rejection, setup } from './helpers.js';

const LIST = 'models.list';

describe('models.list pager', () => {
  it('iterates every model across pages of 5', async () => {
    const { emu, client } = await setup();
    const expected = emu.control.models.list().map((m) => m.name);
    expect(expected.length).toBeGreaterThan(15);
    const names = (await collect(client.models.list({ pageSize: 5 }))).map((m) => m.name);
    expect(names).toEqual(expected);
    expect(callsTo(emu, LIST)).toBe(Math.ceil(expected.length / 5));
    const queries = emu.control.requests.map((r) => r.query);
    expect(queries[0]).toEqual({ pageSize: '5' });
    expect(queries[1]).toMatchObject({ pageSize: '5', pageToken: expect.any(String) });
  });

  it('.pages() yields the raw pages; only the last has no nextPageToken', async () => {
    const { emu, client } = await setup();
    const pages = await collect(client.models.list({ pageSize: 5 }).pages());
    const total = emu.control.models.list().length;
    expect(pages).toHaveLength(Math.ceil(total / 5));
    pages.slice(0, -1).forEach((p) => {
      expect(p.models).toHaveLength(5);
      expect(p.nextPageToken).toEqual(expect.any(String));
    });
    expect(pages.at(-1)?.nextPageToken).toBeUndefined();
    expect(pages.flatMap((p) => p.models ?? [])).toHaveLength(total);
  });

  it('await gives the first page with one request', async () => {
    const { emu, client } = await setup();
    const page = await client.models.list({ pageSize: 5 });
    expect(page.models).toHaveLength(5);
    expect(page.nextPageToken).toBeTruthy();
    expect(callsTo(emu, LIST)).toBe(1);
  });

  it('resumes from a page token', async () => {
    const { emu, client } = await setup();
    const all = emu.control.models.list().map((m) => m.name);
    const first = await client.models.list({ pageSize: 5 });
    const rest = (
      await collect(client.models.list({ pageSize: 5, pageToken: first.nextPageToken ?? '' }))
    ).map((m) => m.name);
    expect(rest).toEqual(all.slice(5));
  });

  it('a bad page token is a BadRequestError', async () => {
    const { client } = await setup();
    const err = await rejection(client.models.list({ pageSize: 5, pageToken: 'not-a-token' }));
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).message).toBe('Invalid page token.');
  });

  it('a failed page in the middle is retried without restarting the iteration', async () => {
    const { emu, client } = await setup();
    const pager = client.models.list({ pageSize: 5 });
    const names: string[] = [];
    for await (const m of pager) {
      names.push(m.name ?? '');
      if (names.length === 5) emu.control.faults.failNext(1, { code: 503, methodId: LIST });
    }
    expect(names).toEqual(emu.control.models.list().map((m) => m.name));
    expect(callsTo(emu, LIST)).toBe(Math.ceil(names.length / 5) + 1);
  });

  it('a signal stops the iteration before the next page', async () => {
    const { emu, client } = await setup();
    const ac = new AbortController();
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const m of client.models.list({ pageSize: 5 }, { signal: ac.signal })) {
          seen.push(m.name ?? '');
          if (seen.length === 7) ac.abort('done');
        }
      })(),
    );
    expect(err).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(10); // the second page was already in hand
    expect(callsTo(emu, LIST)).toBe(2);
  });
});
