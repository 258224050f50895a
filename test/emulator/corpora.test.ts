// Corpora against the emulator through the generated stubs and the client's transport: create (given
// and derived names), get, list with pages, delete with and without force, the project limit
// (control.corpora), corpus permissions and google.rpc error bodies. Tuned-model permissions, which
// share permissions-store.ts, are covered in tuned-models.test.ts.
import { describe, expect, it } from 'vitest';
import * as corpora from '../../generated/methods/corpora.js';
import * as permissions from '../../generated/methods/corpora.permissions.js';
import type { Corpus } from '../../generated/types/Corpus.js';
import {
  ApiError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../../src/core/errors.js';
import { rejection, setup } from '../integration/helpers.js';
import { api, rpc } from './helpers.js';

const T0 = Date.parse('2026-04-01T00:00:00Z');
const frozen = { clock: { start: T0, frozen: true } };

/** A client (no retries) on a frozen-clock emulator. */
const start = (): ReturnType<typeof setup> => setup({ maxRetries: 0 }, frozen);

describe('corpora.create / get', () => {
  it('creates with a given name and answers get with the same resource', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    const created = await corpora.create(t, {}, { name: 'corpora/my-docs-1', displayName: 'My docs' });
    expect(created).toEqual({
      name: 'corpora/my-docs-1',
      displayName: 'My docs',
      createTime: '2026-04-01T00:00:00.000000000Z',
      updateTime: '2026-04-01T00:00:00.000000000Z',
    });
    emu.control.clock.advance(5000);
    expect(await corpora.get(t, { name: 'corpora/my-docs-1' })).toEqual(created);
    // Output-only times sent by the caller are ignored; no display name means none is printed.
    const bare = await corpora.create(t, {}, { name: 'corpora/bare', createTime: '2000-01-01T00:00:00Z' });
    expect(bare).toEqual({
      name: 'corpora/bare',
      createTime: '2026-04-01T00:00:05.000000000Z',
      updateTime: '2026-04-01T00:00:05.000000000Z',
    });
    expect(emu.control.corpora.list()).toEqual(['corpora/my-docs-1', 'corpora/bare']);
  });

  it('derives the name from the display name plus a 12-character suffix', async () => {
    const { client } = await start();
    const t = client.transport;
    const a = await corpora.create(t, {}, { displayName: 'My Awesome Corpora' });
    expect(a.name).toMatch(/^corpora\/my-awesome-corpora-[a-z0-9]{12}$/);
    expect(a.displayName).toBe('My Awesome Corpora');
    const b = await corpora.create(t, {}, { displayName: 'My Awesome Corpora' });
    expect(b.name).not.toBe(a.name);
    // Punctuation is dropped, long names are cut so the id stays within 40 characters.
    const long = await corpora.create(
      t,
      {},
      { displayName: `Docs, on "Semantic" Retriever! ${'x'.repeat(60)}` },
    );
    const id = long.name!.slice('corpora/'.length);
    expect(id).toMatch(/^docs-on-semantic-retriever-[a-z0-9]{12}$/);
    expect(id.length).toBeLessThanOrEqual(40);
    // Neither name nor display name: the suffix alone.
    expect((await corpora.create(t, {}, {})).name).toMatch(/^corpora\/[a-z0-9]{12}$/);
    // A display name with nothing usable in it: also the suffix alone.
    expect((await corpora.create(t, {}, { displayName: '*** ***' })).name).toMatch(/^corpora\/[a-z0-9]{12}$/);
  });

  it('refuses malformed ids and display names with 400, taken names with 409', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    const bad = async (body: Corpus, re: RegExp): Promise<void> => {
      const err = await rejection(corpora.create(t, {}, body));
      expect(err).toBeInstanceOf(BadRequestError);
      expect(rpc(err, 400, 'INVALID_ARGUMENT').message).toMatch(re);
    };
    await bad({ name: 'corpora/Upper' }, /must be up to 40 lowercase letters/);
    await bad({ name: 'corpora/-dash' }, /may not start or end with a dash/);
    await bad({ name: 'corpora/dash-' }, /may not start or end with a dash/);
    await bad({ name: 'corpora/under_score' }, /lowercase letters, digits or dashes/);
    await bad({ name: `corpora/${'a'.repeat(41)}` }, /up to 40/);
    await bad({ name: 'corpora/a/b' }, /corpora\/a\/b|"a\/b"/);
    await bad({ name: 'my-corpus' }, /must look like corpora\/\{corpus\}/);
    await bad({ displayName: 'x'.repeat(513) }, /at most 512 characters, got 513/);
    // Unknown fields are the validator's BadRequest.
    const unknown = rpc(
      await rejection(corpora.create(t, {}, { colour: 'red' } as Corpus)),
      400,
      'INVALID_ARGUMENT',
    );
    expect(unknown.message).toContain('Unknown name "colour"');
    expect(unknown.detail('BadRequest')).toBeDefined();
    // The boundary cases are fine.
    await corpora.create(t, {}, { name: `corpora/${'a'.repeat(40)}`, displayName: 'x'.repeat(512) });
    await corpora.create(t, {}, { name: 'corpora/a' });
    expect(emu.control.corpora.list()).toEqual([`corpora/${'a'.repeat(40)}`, 'corpora/a']);

    const dup = await rejection(corpora.create(t, {}, { name: 'corpora/a', displayName: 'again' }));
    expect(dup).toBeInstanceOf(ConflictError);
    expect(rpc(dup, 409, 'ALREADY_EXISTS').message).toBe('Corpus corpora/a already exists.');
    expect((await corpora.get(t, { name: 'corpora/a' })).displayName).toBeUndefined();
  });

  it('answers 404 NOT_FOUND for a missing corpus', async () => {
    const { client } = await start();
    const err = await rejection(corpora.get(client.transport, { name: 'corpora/nope' }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(rpc(err, 404, 'NOT_FOUND').message).toBe('Requested entity was not found.');
    rpc(await rejection(corpora.delete(client.transport, { name: 'corpora/nope' })), 404, 'NOT_FOUND');
  });

  it('prints the raw google.rpc body on the wire', async () => {
    const { emu } = await start();
    const res = await api(emu, '/v1beta/corpora/missing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
    });
  });
});

describe('corpora.list', () => {
  it('lists oldest first, 10 per page by default, at most 20, following page tokens', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    expect(await corpora.list(t, {})).toEqual({});
    // Seeds do not count against the project limit.
    const names: string[] = [];
    for (let i = 0; i < 23; i++) {
      const seeded = emu.control.corpora.seed({
        id: `c${String(i).padStart(2, '0')}`,
        displayName: `Corpus ${i}`,
      });
      names.push(seeded['name'] as string);
      emu.control.clock.advance(1000);
    }
    const first = await corpora.list(t, {});
    expect(first.corpora?.map((c) => c.name)).toEqual(names.slice(0, 10));
    expect(first.corpora?.[0]).toEqual({
      name: 'corpora/c00',
      displayName: 'Corpus 0',
      createTime: '2026-04-01T00:00:00.000000000Z',
      updateTime: '2026-04-01T00:00:00.000000000Z',
    });
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await corpora.list(t, { pageToken: first.nextPageToken! });
    expect(second.corpora?.map((c) => c.name)).toEqual(names.slice(10, 20));
    const third = await corpora.list(t, { pageToken: second.nextPageToken! });
    expect(third.corpora?.map((c) => c.name)).toEqual(names.slice(20));
    expect(third.nextPageToken).toBeUndefined();

    const capped = await corpora.list(t, { pageSize: 100 });
    expect(capped.corpora).toHaveLength(20);
    const rest = await corpora.list(t, { pageSize: 100, pageToken: capped.nextPageToken! });
    expect(rest.corpora?.map((c) => c.name)).toEqual(names.slice(20));
    const small = await corpora.list(t, { pageSize: 3 });
    expect(small.corpora?.map((c) => c.name)).toEqual(names.slice(0, 3));
    expect((await corpora.list(t, { pageSize: 0 })).corpora).toHaveLength(10);

    const bad = rpc(await rejection(corpora.list(t, { pageToken: 'not-a-token' })), 400, 'INVALID_ARGUMENT');
    expect(bad.message).toBe('Invalid page token.');
    // A token naming a corpus that has since been deleted is no longer valid.
    await corpora.delete(t, { name: 'corpora/c02' });
    rpc(
      await rejection(corpora.list(t, { pageSize: 3, pageToken: small.nextPageToken! })),
      400,
      'INVALID_ARGUMENT',
    );
  });
});

describe('corpora.delete', () => {
  it('deletes an empty corpus; a corpus with documents only with force', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    await corpora.create(t, {}, { name: 'corpora/empty' });
    expect(await corpora.delete(t, { name: 'corpora/empty' })).toEqual({});
    rpc(await rejection(corpora.get(t, { name: 'corpora/empty' })), 404, 'NOT_FOUND');

    emu.control.corpora.seed({ id: 'full', documents: 3 });
    const refused = await rejection(corpora.delete(t, { name: 'corpora/full' }));
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(rpc(refused, 400, 'FAILED_PRECONDITION').message).toBe(
      'Corpus corpora/full contains 3 document(s); set force=true to delete it with its documents.',
    );
    rpc(
      await rejection(corpora.delete(t, { name: 'corpora/full', force: false })),
      400,
      'FAILED_PRECONDITION',
    );
    expect((await corpora.get(t, { name: 'corpora/full' })).name).toBe('corpora/full');
    expect(await corpora.delete(t, { name: 'corpora/full', force: true })).toEqual({});
    expect(emu.control.requests.at(-1)).toMatchObject({ method: 'DELETE', query: { force: 'true' } });
    rpc(await rejection(corpora.get(t, { name: 'corpora/full' })), 404, 'NOT_FOUND');
    // The name is free again.
    expect((await corpora.create(t, {}, { name: 'corpora/full' })).name).toBe('corpora/full');
  });

  it('only the owner deletes', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    emu.control.corpora.seed({ id: 'theirs', callerRole: 'WRITER' });
    const denied = await rejection(corpora.delete(t, { name: 'corpora/theirs', force: true }));
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(rpc(denied, 403, 'PERMISSION_DENIED').message).toBe(
      'The caller does not have permission to delete corpora/theirs (needs OWNER, has WRITER).',
    );
    expect(emu.control.corpora.list()).toEqual(['corpora/theirs']);
  });
});

describe('the corpora limit (control.corpora)', () => {
  it('allows 5 corpora per project by default, then 429 RESOURCE_EXHAUSTED', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    for (let i = 0; i < 5; i++) await corpora.create(t, {}, { name: `corpora/c${i}` });
    const full = await rejection(corpora.create(t, {}, { name: 'corpora/c5' }));
    expect(full).toBeInstanceOf(RateLimitError);
    expect(rpc(full, 429, 'RESOURCE_EXHAUSTED').message).toBe(
      'A project can create up to 5 corpora; delete one before creating another.',
    );
    // A bad or taken name is still answered as such when the project is full.
    rpc(await rejection(corpora.create(t, {}, { name: 'corpora/c0' })), 409, 'ALREADY_EXISTS');
    rpc(await rejection(corpora.create(t, {}, { name: 'corpora/Bad' })), 400, 'INVALID_ARGUMENT');
    expect(emu.control.corpora.list()).toHaveLength(5);

    await corpora.delete(t, { name: 'corpora/c0' });
    expect((await corpora.create(t, {}, { name: 'corpora/c5' })).name).toBe('corpora/c5');
    rpc(await rejection(corpora.create(t, {}, {})), 429, 'RESOURCE_EXHAUSTED');
  });

  it('is configurable, seeds bypass it, and reset restores it', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    expect(emu.control.corpora.configure({})).toEqual({ maxCorpora: 5 });
    expect(emu.control.corpora.configure({ maxCorpora: 1 })).toEqual({ maxCorpora: 1 });
    await corpora.create(t, {}, { name: 'corpora/only' });
    rpc(await rejection(corpora.create(t, {}, { name: 'corpora/second' })), 429, 'RESOURCE_EXHAUSTED');
    expect(emu.control.corpora.seed({ id: 'seeded' })).toMatchObject({ name: 'corpora/seeded' });
    expect(emu.control.corpora.list()).toEqual(['corpora/only', 'corpora/seeded']);
    emu.control.corpora.configure({ maxCorpora: 0 });
    rpc(await rejection(corpora.create(t, {}, {})), 429, 'RESOURCE_EXHAUSTED');

    expect(() => emu.control.corpora.configure({ maxCorpora: -1 })).toThrow(RangeError);
    expect(() => emu.control.corpora.configure({ maxCorpora: 1.5 })).toThrow(RangeError);
    expect(() => emu.control.corpora.seed({ id: 'seeded' })).toThrow(/already exists/);
    expect(() => emu.control.corpora.seed({ id: 'Bad' })).toThrow(RangeError);
    expect(() => emu.control.corpora.seed({ id: 'x', documents: -1 })).toThrow(/documents/);
    expect(() => emu.control.corpora.seed({ id: 'x', callerRole: 'ADMIN' as 'OWNER' })).toThrow(/callerRole/);
    // A seed without an id derives one like create does.
    expect(emu.control.corpora.seed({ displayName: 'Seeded Docs' })['name']).toMatch(
      /^corpora\/seeded-docs-[a-z0-9]{12}$/,
    );

    emu.control.reset();
    expect(emu.control.corpora.list()).toEqual([]);
    for (let i = 0; i < 5; i++) await corpora.create(t, {}, {});
    rpc(await rejection(corpora.create(t, {}, {})), 429, 'RESOURCE_EXHAUSTED');
  });

  it('is served over the HTTP control API', async () => {
    const { emu, client } = await start();
    const control = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${emu.url}/__emulator/${path}`, {
        signal: AbortSignal.timeout(5000),
        headers: { 'content-type': 'application/json' },
        ...init,
      });
    const configured = await control('corpora/configure', {
      method: 'POST',
      body: JSON.stringify({ maxCorpora: 2 }),
    });
    expect(await configured.json()).toEqual({ maxCorpora: 2 });
    const seeded = await control('corpora/seed', {
      method: 'POST',
      body: JSON.stringify({ id: 'over-http', documents: 1 }),
    });
    expect(await seeded.json()).toMatchObject({ name: 'corpora/over-http' });
    const bad = await control('corpora/seed', { method: 'POST', body: JSON.stringify({ id: 'over-http' }) });
    expect(bad.status).toBe(400);
    expect(await (await control('corpora')).json()).toEqual({ corpora: ['corpora/over-http'] });
    await corpora.create(client.transport, {}, {});
    rpc(await rejection(corpora.create(client.transport, {}, {})), 429, 'RESOURCE_EXHAUSTED');
    rpc(
      await rejection(corpora.delete(client.transport, { name: 'corpora/over-http' })),
      400,
      'FAILED_PRECONDITION',
    );
  });
});

describe('corpora permissions', () => {
  it('creates, gets, lists (paged), patches and deletes grants on a corpus', async () => {
    const { client } = await start();
    const t = client.transport;
    const parent = (await corpora.create(t, {}, { name: 'corpora/shared' })).name!;
    expect(await permissions.list(t, { parent })).toEqual({});

    const reader = await permissions.create(
      t,
      { parent },
      { emailAddress: 'ana@example.com', role: 'READER' },
    );
    expect(reader).toEqual({
      name: expect.stringMatching(/^corpora\/shared\/permissions\/[a-z0-9]{12}$/),
      granteeType: 'USER', // unset with an address: a user
      emailAddress: 'ana@example.com',
      role: 'READER',
    });
    const group = await permissions.create(
      t,
      { parent },
      { granteeType: 'GROUP', emailAddress: 'team@example.com', role: 'WRITER' },
    );
    const everyone = await permissions.create(t, { parent }, { granteeType: 'EVERYONE', role: 'READER' });
    expect(everyone).toEqual({ name: expect.any(String), granteeType: 'EVERYONE', role: 'READER' });
    expect(await permissions.get(t, { name: group.name! })).toEqual(group);

    const all = await permissions.list(t, { parent });
    expect(all.permissions?.map((p) => p.name)).toEqual([reader.name, group.name, everyone.name]);
    const page = await permissions.list(t, { parent, pageSize: 2 });
    expect(page.permissions?.map((p) => p.name)).toEqual([reader.name, group.name]);
    const rest = await permissions.list(t, { parent, pageSize: 2, pageToken: page.nextPageToken! });
    expect(rest).toEqual({ permissions: [everyone] });

    const patched = await permissions.patch(
      t,
      { name: reader.name!, updateMask: 'role' },
      { role: 'WRITER' },
    );
    expect(patched).toEqual({ ...reader, role: 'WRITER' });
    expect((await permissions.get(t, { name: reader.name! })).role).toBe('WRITER');

    expect(await permissions.delete(t, { name: group.name! })).toEqual({});
    rpc(await rejection(permissions.get(t, { name: group.name! })), 404, 'NOT_FOUND');
    rpc(await rejection(permissions.delete(t, { name: group.name! })), 404, 'NOT_FOUND');
    expect((await permissions.list(t, { parent })).permissions?.map((p) => p.name)).toEqual([
      reader.name,
      everyone.name,
    ]);

    // Grants belong to their corpus: the same id under another corpus is not found.
    await corpora.create(t, {}, { name: 'corpora/other' });
    const foreign = reader.name!.replace('corpora/shared/', 'corpora/other/');
    rpc(await rejection(permissions.get(t, { name: foreign })), 404, 'NOT_FOUND');
    // Deleting the corpus (force not needed: no documents) takes its grants with it.
    await corpora.delete(t, { name: parent });
    rpc(await rejection(permissions.get(t, { name: reader.name! })), 404, 'NOT_FOUND');
    rpc(await rejection(permissions.list(t, { parent })), 404, 'NOT_FOUND');
    rpc(
      await rejection(permissions.create(t, { parent }, { emailAddress: 'a@b.co', role: 'READER' })),
      404,
      'NOT_FOUND',
    );
  });

  it('checks roles, grantee types and e-mail addresses (400) and duplicates (409)', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    emu.control.corpora.seed({ id: 'rules' });
    const parent = 'corpora/rules';
    const bad = async (p: Promise<unknown>, re: RegExp): Promise<void> => {
      expect(rpc(await rejection(p), 400, 'INVALID_ARGUMENT').message).toMatch(re);
    };
    await bad(
      permissions.create(t, { parent }, { emailAddress: 'ana@example.com' }),
      /role is not specified/,
    );
    await bad(
      permissions.create(t, { parent }, { emailAddress: 'ana@example.com', role: 'OWNER' }),
      /OWNER role can not be granted/,
    );
    await bad(permissions.create(t, { parent }, { role: 'READER' }), /grantee_type must be set/);
    await bad(
      permissions.create(t, { parent }, { granteeType: 'GROUP', role: 'READER' }),
      /email_address .*must be set/,
    );
    await bad(
      permissions.create(t, { parent }, { granteeType: 'USER', emailAddress: 'ana', role: 'READER' }),
      /not a valid email address: ana/,
    );
    await bad(
      permissions.create(t, { parent }, { granteeType: 'EVERYONE', emailAddress: 'a@b.co', role: 'READER' }),
      /must not be set when grantee_type is EVERYONE/,
    );
    await bad(
      permissions.create(t, { parent }, { granteeType: 'EVERYONE', role: 'WRITER' }),
      /Only the READER role/,
    );
    const enumErr = rpc(
      await rejection(
        permissions.create(t, { parent }, { emailAddress: 'a@b.co', role: 'ADMIN' as 'READER' }),
      ),
      400,
      'INVALID_ARGUMENT',
    );
    expect(enumErr.message).toMatch(/ADMIN/);
    expect(await permissions.list(t, { parent })).toEqual({});

    const ana = await permissions.create(t, { parent }, { emailAddress: 'ana@example.com', role: 'READER' });
    const dup = await rejection(
      permissions.create(
        t,
        { parent },
        { granteeType: 'USER', emailAddress: 'ANA@example.com', role: 'WRITER' },
      ),
    );
    expect(dup).toBeInstanceOf(ConflictError);
    expect(rpc(dup, 409, 'ALREADY_EXISTS').message).toContain(ana.name!);
    // The same address as a group is another grantee.
    await permissions.create(
      t,
      { parent },
      { granteeType: 'GROUP', emailAddress: 'ana@example.com', role: 'READER' },
    );
    const everyone = await permissions.create(t, { parent }, { granteeType: 'EVERYONE', role: 'READER' });
    rpc(
      await rejection(permissions.create(t, { parent }, { granteeType: 'EVERYONE', role: 'READER' })),
      409,
      'ALREADY_EXISTS',
    );

    await bad(permissions.patch(t, { name: ana.name! }, { role: 'WRITER' }), /update_mask is not specified/);
    await bad(
      permissions.patch(t, { name: ana.name!, updateMask: 'role,emailAddress' }, { role: 'WRITER' }),
      /names emailAddress/,
    );
    await bad(permissions.patch(t, { name: ana.name!, updateMask: 'role' }, { role: 'OWNER' }), /OWNER role/);
    await bad(permissions.patch(t, { name: ana.name!, updateMask: 'role' }, {}), /role is not specified/);
    await bad(
      permissions.patch(t, { name: everyone.name!, updateMask: 'role' }, { role: 'WRITER' }),
      /Only the READER role/,
    );
    expect((await permissions.get(t, { name: ana.name! })).role).toBe('READER');
    rpc(
      await rejection(
        permissions.patch(t, { name: `${parent}/permissions/nope`, updateMask: 'role' }, { role: 'READER' }),
      ),
      404,
      'NOT_FOUND',
    );
  });

  it('follows the caller role: readers read, writers share, only the owner deletes the corpus', async () => {
    const { emu, client } = await start();
    const t = client.transport;
    emu.control.corpora.seed({ id: 'read-only', callerRole: 'READER' });
    emu.control.corpora.seed({ id: 'writable', callerRole: 'WRITER' });

    expect(await permissions.list(t, { parent: 'corpora/read-only' })).toEqual({});
    const denied = await rejection(
      permissions.create(t, { parent: 'corpora/read-only' }, { emailAddress: 'a@b.co', role: 'READER' }),
    );
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(rpc(denied, 403, 'PERMISSION_DENIED').message).toBe(
      'The caller does not have permission to share corpora/read-only (needs WRITER, has READER).',
    );
    expect((await corpora.get(t, { name: 'corpora/read-only' })).name).toBe('corpora/read-only');

    const grant = await permissions.create(
      t,
      { parent: 'corpora/writable' },
      { emailAddress: 'a@b.co', role: 'READER' },
    );
    expect(
      (await permissions.patch(t, { name: grant.name!, updateMask: 'role' }, { role: 'WRITER' })).role,
    ).toBe('WRITER');
    expect(await permissions.delete(t, { name: grant.name! })).toEqual({});
    rpc(await rejection(corpora.delete(t, { name: 'corpora/writable' })), 403, 'PERMISSION_DENIED');
  });
});
