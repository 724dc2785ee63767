import { beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '../../src/data';
import { type Account, admin, anonClient, createVictim, expectRefused, signUpAccount } from './fixtures';

let victim: Awaited<ReturnType<typeof createVictim>>;
let attacker: Account;
let attackerPostId: string;

beforeAll(async () => {
  victim = await createVictim();
  attacker = await signUpAccount('Attacker');
  attackerPostId = (await createPost(attacker.supabase, { title: 'Attacker post', published: true })).id;
});

describe('hostile writes on posts', () => {
  it('insert a post with another user’s author_id', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase
        .from('posts')
        .insert({ title: 'Impersonated', author_id: victim.id, published: true }),
    );
    expect(error).toMatchObject({ code: '42501' });
  });

  it('insert a post as anon', async () => {
    const { error } = await expectRefused(() => anonClient().from('posts').insert({ title: 'Anonymous' }));
    expect(error).toMatchObject({ code: '42501' });
  });

  it('update another user’s published post', async () => {
    await expectRefused(() =>
      attacker.supabase.from('posts').update({ title: 'Defaced' }).eq('id', victim.publishedId).select(),
    );
  });

  it('soft-delete another user’s post', async () => {
    await expectRefused(() =>
      attacker.supabase.from('posts').update({ deleted_at: 'now' }).eq('id', victim.publishedId).select(),
    );
  });

  it('restore another user’s deleted post', async () => {
    await expectRefused(() =>
      attacker.supabase.from('posts').update({ deleted_at: null }).eq('id', victim.deletedId).select(),
    );
  });

  it('hand an own post over to another user by changing author_id', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase.from('posts').update({ author_id: victim.id }).eq('id', attackerPostId),
    );
    expect(error).toMatchObject({ code: '42501' });
  });

  it('change the id, created_at or updated_at of an own post', async () => {
    for (const change of [
      { id: '00000000-0000-4000-8000-000000000999' },
      { created_at: '2000-01-01T00:00:00Z' },
      { updated_at: '2000-01-01T00:00:00Z' },
    ]) {
      const { error } = await expectRefused(() =>
        attacker.supabase.from('posts').update(change).eq('id', attackerPostId),
      );
      expect(error).toMatchObject({ code: '42501' });
    }
  });

  it('hard-delete a post, own or another user’s', async () => {
    for (const id of [attackerPostId, victim.publishedId]) {
      const { error } = await expectRefused(() => attacker.supabase.from('posts').delete().eq('id', id));
      expect(error).toMatchObject({ code: '42501' });
    }
  });

  it('edit an own deleted post without restoring it', async () => {
    const { error } = await expectRefused(() =>
      victim.supabase.from('posts').update({ title: 'Edited in the bin' }).eq('id', victim.deletedId),
    );
    expect(error).toMatchObject({ code: '55000' });
  });

  it('bypass validation: a 201-character title straight through PostgREST', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase
        .from('posts')
        .update({ title: 'x'.repeat(201) })
        .eq('id', attackerPostId),
    );
    expect(error).toMatchObject({ code: '23514' });
  });
});

describe('hostile writes on users and profiles', () => {
  it('rename another user', async () => {
    await expectRefused(() =>
      attacker.supabase.from('users').update({ name: 'Pwned' }).eq('id', victim.id).select('id'),
    );
  });

  it('change an own email or id behind GoTrue’s back', async () => {
    for (const change of [{ email: 'victim@example.com' }, { id: victim.id }]) {
      const { error } = await expectRefused(() =>
        attacker.supabase.from('users').update(change).eq('id', attacker.id),
      );
      expect(error).toMatchObject({ code: '42501' });
    }
  });

  it('update another user’s profile', async () => {
    await expectRefused(() =>
      attacker.supabase.from('profiles').update({ bio: 'defaced' }).eq('user_id', victim.id).select(),
    );
  });

  it('upsert a profile naming another user’s user_id', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase
        .from('profiles')
        .upsert({ user_id: victim.id, bio: 'hijacked' }, { onConflict: 'user_id' }),
    );
    expect(error).toMatchObject({ code: '42501' });
  });
});

describe('hostile writes on tags, post_tags and audit_logs', () => {
  it('delete or rename a tag', async () => {
    const del = await expectRefused(() => attacker.supabase.from('tags').delete().eq('name', 'public'));
    expect(del.error).toMatchObject({ code: '42501' });
    const rename = await expectRefused(() =>
      attacker.supabase.from('tags').update({ name: 'renamed' }).eq('name', 'public'),
    );
    expect(rename.error).toMatchObject({ code: '42501' });
  });

  it('link a tag to another user’s post', async () => {
    const { data: tag } = await admin.from('tags').select('id').eq('name', 'public').single();
    const { error } = await expectRefused(() =>
      attacker.supabase.from('post_tags').insert({ post_id: victim.publishedId, tag_id: tag?.id ?? '' }),
    );
    expect(error).toMatchObject({ code: '42501' });
  });

  it('unlink the tags of another user’s post', async () => {
    await expectRefused(() =>
      attacker.supabase.from('post_tags').delete().eq('post_id', victim.publishedId).select(),
    );
  });

  it('forge, rewrite or erase audit entries, even of an own post', async () => {
    const forge = await expectRefused(() =>
      attacker.supabase
        .from('audit_logs')
        .insert({ post_id: attackerPostId, actor_id: attacker.id, action: 'update', changes: {} }),
    );
    expect(forge.error).toMatchObject({ code: '42501' });
    const rewrite = await expectRefused(() =>
      attacker.supabase.from('audit_logs').update({ action: 'delete' }).eq('post_id', attackerPostId),
    );
    expect(rewrite.error).toMatchObject({ code: '42501' });
    const erase = await expectRefused(() =>
      attacker.supabase.from('audit_logs').delete().eq('post_id', attackerPostId),
    );
    expect(erase.error).toMatchObject({ code: '42501' });
  });
});
