import { convexTest } from 'convex-test';
import { ConvexError } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { api } from '../convex/_generated/api';
import schema from '../convex/schema';
import { subjectOf, tokenOf } from '../contract/auth';
import { modules } from '../contract/convex-test';

const PASSWORD = 'correct horse battery staple';
const ADA = { email: 'ada@example.com', name: 'Ada', password: PASSWORD };

async function errorData(
  call: Promise<unknown>,
): Promise<{ code: string; fields?: Record<string, string[]> }> {
  const error: unknown = await call.then(
    () => expect.fail('the call succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConvexError);
  return (error as ConvexError<{ code: string; fields?: Record<string, string[]> }>).data;
}

// The password provider of convex/auth.ts, as the sign-up and sign-in pages call it.
describe('password sign-up and sign-in', () => {
  const signIn = (t: ReturnType<typeof convexTest>, params: Record<string, string>) =>
    t.action(api.auth.signIn, { provider: 'password', params });

  it('signs in with the email in another letter case, as the same user', async () => {
    const t = convexTest(schema, modules);
    const signedUp = subjectOf(tokenOf(await signIn(t, { ...ADA, flow: 'signUp' })));
    const signedIn = subjectOf(
      tokenOf(await signIn(t, { email: ' ADA@Example.com', password: PASSWORD, flow: 'signIn' })),
    );
    expect(signedIn.split('|')[0]).toBe(signedUp.split('|')[0]);
    const me = await t.withIdentity({ subject: signedIn }).query(api.users.me, {});
    expect(me).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const t = convexTest(schema, modules);
    await signIn(t, { ...ADA, flow: 'signUp' });
    for (const params of [
      { email: ADA.email, password: `${PASSWORD}!` },
      { email: 'nobody@example.com', password: PASSWORD },
    ]) {
      expect(await errorData(signIn(t, { ...params, flow: 'signIn' }))).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('a taken email is CONFLICT even with the same password (no sign-in into that account)', async () => {
    const t = convexTest(schema, modules);
    await signIn(t, { ...ADA, flow: 'signUp' });
    const data = await errorData(signIn(t, { ...ADA, email: 'ADA@example.com', flow: 'signUp' }));
    expect(data.code).toBe('CONFLICT');
    expect(await t.run((ctx) => ctx.db.query('users').collect())).toHaveLength(1);
  });

  it('reports the password with the other bad fields, and creates nothing', async () => {
    const t = convexTest(schema, modules);
    const data = await errorData(signIn(t, { email: 'nope', name: ' ', password: 'short', flow: 'signUp' }));
    expect(data.code).toBe('VALIDATION');
    expect(Object.keys(data.fields ?? {}).sort()).toEqual(['email', 'name', 'password']);
    expect(await t.run((ctx) => ctx.db.query('authAccounts').collect())).toEqual([]);
  });

  it('deleteMe removes the account, so its email and password no longer sign in', async () => {
    const t = convexTest(schema, modules);
    const subject = subjectOf(tokenOf(await signIn(t, { ...ADA, flow: 'signUp' })));
    await t.withIdentity({ subject }).mutation(api.users.deleteMe, {});
    expect(
      await errorData(signIn(t, { email: ADA.email, password: PASSWORD, flow: 'signIn' })),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const left = await t.run(async (ctx) => ({
      accounts: await ctx.db.query('authAccounts').collect(),
      sessions: await ctx.db.query('authSessions').collect(),
      refreshTokens: await ctx.db.query('authRefreshTokens').collect(),
    }));
    expect(left).toEqual({ accounts: [], sessions: [], refreshTokens: [] });
  });
});
