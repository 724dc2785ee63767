import { randomUUID } from 'node:crypto';
import { ContractError, type Post } from '@parity/domain';
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';

// Issue 18: the offline Supabase API cuts the connection of a write's request before it is handled
// or after it committed (see "Fault injection" in tooling/supabase-offline/README.md). Afterwards the write is
// applied entirely or not at all (seen through the contract's reads and the audit log), the caller
// got an error (supabase-js retries only GET, HEAD and OPTIONS, so a write is never sent twice), and
// the next request works.

const target = inject('supabase');
const faultsUrl = `${target.url}/_parity/faults`;

async function arm(method: string, path: string, at: 'before' | 'after'): Promise<void> {
  const response = await fetch(faultsUrl, {
    method: 'POST',
    body: JSON.stringify({ faults: [{ method, path, at }] }),
  });
  expect(response.status).toBe(204);
}

/** The caller's error for a cut connection: supabase-js's fetch failure, never a ContractError. */
async function expectConnectionError(write: Promise<unknown>): Promise<void> {
  const error = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(ContractError);
  expect(((await (await fetch(faultsUrl)).json()) as { fired: unknown[] }).fired).toHaveLength(1);
}

const client = () => createSupabaseClient({ url: target.url, key: target.anonKey });

describe('a write cut by the offline Supabase API', () => {
  let supabase: Supabase;
  let post: Post;

  beforeAll(async () => {
    supabase = client();
    await data.signUp(
      supabase,
      { email: `faults.${randomUUID()}@example.com`, name: 'Faults' },
      randomUUID(),
    );
  });
  beforeEach(async () => {
    post = await data.createPost(supabase, { title: 'Before the fault', published: true, tags: ['a'] });
  });

  const writes: Array<[string, string, string, () => Promise<unknown>, (after: Post | null) => boolean]> = [
    [
      'updatePost',
      'PATCH',
      '^/rest/v1/posts$',
      () => data.updatePost(supabase, post.id, { title: 'After the fault' }),
      (p) => p?.title === 'After the fault',
    ],
    [
      'setPostTags',
      'POST',
      '^/rest/v1/rpc/set_post_tags$',
      () => data.setPostTags(supabase, post.id, ['b', 'c']),
      (p) => p?.tags.join() === 'b,c',
    ],
    [
      'editPost',
      'POST',
      '^/rest/v1/rpc/edit_post$',
      () => data.editPost(supabase, post.id, { title: 'Edited', tags: ['d'] }),
      (p) => p?.title === 'Edited' && p.tags.join() === 'd',
    ],
    ['deletePost', 'PATCH', '^/rest/v1/posts$', () => data.deletePost(supabase, post.id), (p) => p === null],
  ];

  describe.each(['before', 'after'] as const)('cut %s the request is handled', (at) => {
    it.each(writes)(
      '%s: all or nothing, one audit entry at most, and the next request works',
      async (_name, method, path, write, applied) => {
        const entries = (await data.auditLog(supabase, post.id)).length;
        await arm(method, path, at);
        await expectConnectionError(write());
        const after = await data.getPost(supabase, post.id);
        expect(applied(after)).toBe(at === 'after');
        expect(await data.auditLog(supabase, post.id)).toHaveLength(entries + (at === 'after' ? 1 : 0));
      },
    );

    it('createPost: the post, its tags and its create entry all, or none', async () => {
      const title = `Created, cut ${at}`;
      await arm('POST', '^/rest/v1/rpc/create_post$', at);
      await expectConnectionError(data.createPost(supabase, { title, published: true, tags: ['x', 'y'] }));
      const me = await data.me(supabase);
      const mine = await data.listPosts(supabase, { authorId: me!.id, limit: 100 });
      const created = mine.items.filter((p) => p.title === title);
      expect(created).toHaveLength(at === 'after' ? 1 : 0);
      for (const p of created) {
        expect(p.tags).toEqual(['x', 'y']);
        expect((await data.auditLog(supabase, p.id)).map((e) => e.action)).toEqual(['create']);
      }
    });

    it('restorePost: restored with one entry, or still deleted', async () => {
      await data.deletePost(supabase, post.id);
      await arm('PATCH', '^/rest/v1/posts$', at);
      await expectConnectionError(data.restorePost(supabase, post.id));
      expect((await data.getPost(supabase, post.id)) !== null).toBe(at === 'after');
      const actions = (await data.auditLog(supabase, post.id)).map((e) => e.action);
      expect(actions).toEqual(['create', 'delete', ...(at === 'after' ? ['restore'] : [])]);
    });

    it('sign-up: the account exists entirely (it can sign in) or not at all (the same sign-up succeeds)', async () => {
      const email = `signup.${at}.${randomUUID()}@example.com`;
      const password = randomUUID();
      await arm('POST', '^/auth/v1/signup$', at);
      await expectConnectionError(data.signUp(client(), { email, name: 'Cut' }, password));
      const again = client();
      if (at === 'before') await data.signUp(again, { email, name: 'Cut' }, password);
      else await data.signIn(again, { email, password });
      expect(await data.me(again)).toMatchObject({ email, name: 'Cut' });
    });
  });
});
