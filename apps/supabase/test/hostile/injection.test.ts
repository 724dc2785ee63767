import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, createVictim, expectRefused, signUpAccount, target } from './fixtures';

let victim: Awaited<ReturnType<typeof createVictim>>;
let attacker: Account;

beforeAll(async () => {
  victim = await createVictim();
  attacker = await signUpAccount('Attacker');
});

// Filter values, select lists and order terms reach SQL only as bind parameters or as
// identifiers checked against the schema: each payload is data or an error, never SQL.
describe('SQL injection', () => {
  it('through a filter value', async () => {
    for (const value of ["x' or '1'='1", "x'; drop table public.posts; --", "') or true --"]) {
      const { error } = await expectRefused(() =>
        attacker.supabase.from('posts').select('id').eq('title', value),
      );
      expect(error).toBeNull();
    }
  });

  it('through a uuid filter value', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase.from('posts').select('id').eq('id', `${victim.draftId}' or '1'='1`),
    );
    expect(error).toMatchObject({ code: '22P02' });
  });

  it('through an in() list and a like pattern', async () => {
    await expectRefused(() =>
      attacker.supabase
        .from('posts')
        .select('id')
        .in('id', [victim.draftId, "') or (1=1"])
        .then((response) => ({
          error: response.error,
          data: response.data ?? [],
        })),
    );
    const like = await expectRefused(() =>
      attacker.supabase.from('posts').select('id').like('title', "%' or published = false or '"),
    );
    expect(like.error).toBeNull();
  });

  it('through the select list', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase.from('posts').select('id, (select email from public.users limit 1)'),
    );
    expect(error).not.toBeNull();
  });

  it('through the order term', async () => {
    const { error } = await expectRefused(() =>
      attacker.supabase.from('posts').select('id').order('title; delete from public.posts; --'),
    );
    expect(error).not.toBeNull();
  });

  it('through a column name in the request body', async () => {
    const { error } = await expectRefused(() =>
      rawPatch(`posts?id=eq.${victim.publishedId}`, { "title\" = 'x', author_id = author_id --": 'x' }),
    );
    expect(error).not.toBeNull();
  });

  it('through an rpc argument', async () => {
    const { data, error } = await attacker.supabase.rpc('create_post', {
      title: "x'); delete from public.posts; --",
      published: false,
    });
    expect(error).toBeNull();
    expect(data?.title).toBe("x'); delete from public.posts; --");
    await expectRefused(() => attacker.supabase.from('post_details').select('id').eq('id', victim.draftId));
  });
});

/** A hand-written PATCH: the typed client would not let a made-up column name through. */
async function rawPatch(path: string, body: object): Promise<{ error: unknown }> {
  const response = await fetch(`${target.url}/rest/v1/${path}`, {
    method: 'PATCH',
    headers: {
      apikey: target.anonKey,
      Authorization: `Bearer ${attacker.accessToken}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { error: response.ok ? null : await response.json() };
}
