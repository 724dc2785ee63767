import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, anonClient, createVictim, expectRefused, signUpAccount } from './fixtures';

let victim: Awaited<ReturnType<typeof createVictim>>;
let attacker: Account;

beforeAll(async () => {
  victim = await createVictim();
  attacker = await signUpAccount('Attacker');
});

describe('hostile reads', () => {
  it('read another user’s draft or deleted post through filters on posts', async () => {
    for (const reader of [attacker.supabase, anonClient()]) {
      await expectRefused(() =>
        reader.from('posts').select('id').eq('published', false).eq('author_id', victim.id),
      );
      await expectRefused(() => reader.from('posts').select('id').not('deleted_at', 'is', null));
      await expectRefused(() =>
        reader.from('posts').select('id').in('id', [victim.draftId, victim.deletedId]),
      );
    }
  });

  it('read drafts or deleted posts through post_details', async () => {
    await expectRefused(() =>
      attacker.supabase.from('post_details').select('id').in('id', [victim.draftId, victim.deletedId]),
    );
  });

  it('read a draft through an embed from its author', async () => {
    const { data, error } = await expectRefused(() =>
      attacker.supabase
        .from('users')
        .select('id, posts(id, title)')
        .eq('id', victim.id)
        .then((response) => ({
          error: response.error,
          data: response.data?.flatMap((user) => user.posts).filter((post) => post.id !== victim.publishedId),
        })),
    );
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });

  it('read a draft’s tag links through an embed from the tag', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase
        .from('tags')
        .select('name, post_tags(post_id)')
        .eq('name', 'secret')
        .then((response) => ({
          error: response.error,
          data: response.data?.flatMap((tag) => tag.post_tags),
        })),
    );
    expect(error).toBeNull();
  });

  it('read another user’s audit log', async () => {
    await expectRefused(() =>
      attacker.supabase.from('audit_logs').select('*').eq('post_id', victim.publishedId),
    );
    const anon = await expectRefused(() => anonClient().from('audit_logs').select('*'));
    expect(anon.error).toMatchObject({ code: '42501' });
  });

  it('read email addresses, as anon or as another user', async () => {
    for (const reader of [anonClient(), attacker.supabase]) {
      const { error } = await expectRefused(() => reader.from('users').select('email').eq('id', victim.id));
      expect(error).toMatchObject({ code: '42501' });
    }
  });

  it('read email addresses with select=* or an embed', async () => {
    const star = await expectRefused(() => attacker.supabase.from('users').select('*'));
    expect(star.error).toMatchObject({ code: '42501' });
    const embedded = await expectRefused(() => attacker.supabase.from('posts').select('id, users(email)'));
    expect(embedded.error).toMatchObject({ code: '42501' });
  });
});
