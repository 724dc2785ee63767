import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  admin,
  anonClient,
  clientWithToken,
  createVictim,
  expectRefused,
  jwtSecret,
  signToken,
  signUpAccount,
  target,
} from './fixtures';

let victim: Awaited<ReturnType<typeof createVictim>>;
let attacker: Account;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  victim = await createVictim();
  attacker = await signUpAccount('Attacker');
});

function victimClaims() {
  return { sub: victim.id, role: 'authenticated', aud: 'authenticated', email: 'victim@example.com' };
}

describe('hostile rpc calls', () => {
  it('call create_post as anon', async () => {
    const { error } = await expectRefused(() => anonClient().rpc('create_post', { title: 'Anonymous' }));
    expect(error).toMatchObject({ code: '42501' });
  });

  it('call set_post_tags as anon', async () => {
    const { error } = await expectRefused(() =>
      anonClient().rpc('set_post_tags', { post_id: victim.publishedId, tags: ['spam'] }),
    );
    expect(error).toMatchObject({ code: '42501' });
  });

  it('call set_post_tags on another user’s post, published or draft', async () => {
    const published = await expectRefused(() =>
      attacker.supabase.rpc('set_post_tags', { post_id: victim.publishedId, tags: ['spam'] }),
    );
    expect(published.error).toMatchObject({ code: '42501' });
    const draft = await expectRefused(() =>
      attacker.supabase.rpc('set_post_tags', { post_id: victim.draftId, tags: ['spam'] }),
    );
    expect(draft.error).toMatchObject({ code: 'P0002' });
  });

  it('call delete_me as anon', async () => {
    const { error } = await expectRefused(() => anonClient().rpc('delete_me'));
    expect(error).toMatchObject({ code: '42501' });
  });

  it('reach the private helpers through rpc', async () => {
    const { error } = await expectRefused(() =>
      fetchRpc('record_post_tags_change', {
        target_post_id: victim.publishedId,
        from_tags: [],
        to_tags: ['forged'],
      }),
    );
    expect(error).not.toBeNull();
  });
});

describe('hostile sign-ups', () => {
  it('sign up with a blank or overlong name, skipping the app’s validation', async () => {
    for (const name of ['', ' padded ', 'x'.repeat(81)]) {
      const { error } = await expectRefused(() =>
        anonClient().auth.signUp({
          email: `bypass.${crypto.randomUUID()}@example.com`,
          password: crypto.randomUUID(),
          options: { data: { name } },
        }),
      );
      expect(error).not.toBeNull();
    }
  });
});

describe('hostile tokens and keys', () => {
  it('use an expired token of the victim', async () => {
    const expired = await signToken(victimClaims(), jwtSecret, now() - 60);
    const { error } = await expectRefused(() =>
      clientWithToken(expired).from('posts').update({ title: 'Late' }).eq('id', victim.publishedId).select(),
    );
    expect(error).not.toBeNull();
  });

  it('use a token forged with another secret', async () => {
    const forged = await signToken(
      victimClaims(),
      'not-the-project-secret-not-the-project-secret',
      now() + 600,
    );
    const { error } = await expectRefused(() =>
      clientWithToken(forged).from('posts').update({ title: 'Forged' }).eq('id', victim.publishedId).select(),
    );
    expect(error).not.toBeNull();
  });

  it('forge a service_role token to bypass RLS', async () => {
    const forged = await signToken(
      { role: 'service_role' },
      'not-the-project-secret-not-the-project-secret',
      now() + 600,
    );
    const { error } = await expectRefused(() =>
      clientWithToken(forged).from('audit_logs').delete().neq('action', ''),
    );
    expect(error).not.toBeNull();
  });

  it('use an unsigned token (alg none)', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...victimClaims(), exp: now() + 600 })}.`;
    const { error } = await expectRefused(() =>
      clientWithToken(unsigned)
        .from('posts')
        .update({ title: 'Unsigned' })
        .eq('id', victim.publishedId)
        .select(),
    );
    expect(error).not.toBeNull();
  });

  it('use the anon key where the service role is needed: delete a user through the admin API', async () => {
    const { error } = await expectRefused(() => anonClient().auth.admin.deleteUser(victim.id));
    expect(error).not.toBeNull();
    expect((await admin.auth.admin.getUserById(victim.id)).data.user?.id).toBe(victim.id);
  });

  it('use a user’s own token where the service role is needed', async () => {
    const { error } = await expectRefused(() => attacker.supabase.auth.admin.deleteUser(victim.id));
    expect(error).not.toBeNull();
  });
});

/** A raw PostgREST call, for functions the generated types (rightly) do not know. */
async function fetchRpc(name: string, args: object): Promise<{ error: unknown; data?: unknown }> {
  const response = await fetch(`${target.url}/rest/v1/rpc/${name}`, {
    method: 'POST',
    headers: {
      apikey: target.anonKey,
      Authorization: `Bearer ${attacker.accessToken}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(args),
  });
  return response.ok ? { error: null, data: await response.json() } : { error: await response.json() };
}
