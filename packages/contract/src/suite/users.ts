import { describe, expect, it } from 'vitest';
import { ISO_TIMESTAMP, expectAfter, expectCurrentTime, expectContractError, unchecked } from './assertions';
import type { ContractContext } from './context';
import { MISSING_IDS, afterClockPasses } from './fixtures';

// 64 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 254 characters, every part within its own DNS/RFC limit.
const EMAIL_254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
const EMAIL_255 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`;

export function describeUsers(ctx: ContractContext): void {
  describe('users: sign-up and me()', () => {
    it('signUp returns a signed-in client whose me() shows the account', async () => {
      const email = ctx.uniqueEmail();
      const client = await ctx.platform().signUp({ email, name: 'Ada' });
      const me = await client.me();
      expect(me).toEqual({
        id: expect.any(String),
        email,
        name: 'Ada',
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
      });
      expect(me!.id).not.toBe('');
    });

    it('signUp trims and lowercases the email and trims the name', async () => {
      const email = ctx.uniqueEmail();
      const client = await ctx
        .platform()
        .signUp({ email: `  ${email.toUpperCase()}  `, name: '  Ada Lovelace ' });
      expect(await client.me()).toMatchObject({ email, name: 'Ada Lovelace' });
    });

    it('the anonymous client has no account: me() is null', async () => {
      expect(await ctx.anonymous().me()).toBeNull();
    });

    it('signUp sets createdAt to the current time', async () => {
      const before = Date.now();
      const { user } = await ctx.signUp();
      expectCurrentTime(user.createdAt, before);
    });

    it('two accounts get distinct ids', async () => {
      const [ada, grace] = [await ctx.signUp('Ada'), await ctx.signUp('Grace')];
      expect(ada.user.id).not.toBe(grace.user.id);
    });

    it('signUp rejects an invalid email address with VALIDATION on email', async () => {
      await expectContractError(ctx.platform().signUp({ email: 'not-an-email', name: 'Ada' }), 'VALIDATION', [
        'email',
      ]);
    });

    it('signUp accepts an email of 254 characters', async () => {
      const client = await ctx.platform().signUp({ email: EMAIL_254, name: 'Ada' });
      expect((await client.me())?.email).toBe(EMAIL_254);
    });

    it('signUp rejects an email of 255 characters', async () => {
      await expectContractError(ctx.platform().signUp({ email: EMAIL_255, name: 'Ada' }), 'VALIDATION', [
        'email',
      ]);
    });

    it('signUp with an email already used, in another case, is a CONFLICT', async () => {
      const email = ctx.uniqueEmail();
      await ctx.platform().signUp({ email, name: 'Ada' });
      await expectContractError(
        ctx.platform().signUp({ email: ` ${email.toUpperCase()}`, name: 'Eve' }),
        'CONFLICT',
      );
    });

    it('two concurrent sign-ups with one email: exactly one succeeds, the other is a CONFLICT', async () => {
      const email = ctx.uniqueEmail();
      const results = await Promise.allSettled([
        ctx.platform().signUp({ email, name: 'First' }),
        ctx.platform().signUp({ email: email.toUpperCase(), name: 'Second' }),
      ]);
      const rejected = results.filter((result) => result.status === 'rejected');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      await expectContractError(Promise.reject(rejected[0]!.reason), 'CONFLICT');
    });

    it('signUp rejects a blank name', async () => {
      await expectContractError(
        ctx.platform().signUp({ email: ctx.uniqueEmail(), name: '   ' }),
        'VALIDATION',
        ['name'],
      );
    });

    it('signUp accepts a name of 80 characters and rejects 81', async () => {
      const client = await ctx.platform().signUp({ email: ctx.uniqueEmail(), name: 'n'.repeat(80) });
      expect((await client.me())?.name).toBe('n'.repeat(80));
      await expectContractError(
        ctx.platform().signUp({ email: ctx.uniqueEmail(), name: 'n'.repeat(81) }),
        'VALIDATION',
        ['name'],
      );
    });

    it('name length counts code points: 80 emoji are a valid name', async () => {
      const client = await ctx.platform().signUp({ email: ctx.uniqueEmail(), name: '😀'.repeat(80) });
      expect((await client.me())?.name).toBe('😀'.repeat(80));
    });

    it('signUp reports a bad email and a bad name together', async () => {
      await expectContractError(ctx.platform().signUp({ email: 'nope', name: '' }), 'VALIDATION', [
        'email',
        'name',
      ]);
    });

    it('signUp rejects an unknown field such as id', async () => {
      const input = unchecked<{ email: string; name: string }>({
        email: ctx.uniqueEmail(),
        name: 'Ada',
        id: 'mine',
      });
      await expectContractError(ctx.platform().signUp(input), 'VALIDATION', ['id']);
    });
  });

  describe('users: public data', () => {
    it('getUser gives id, name and createdAt to everyone, never the email', async () => {
      const { user } = await ctx.signUp('Ada');
      const { client: grace } = await ctx.signUp('Grace');
      const publicUser = { id: user.id, name: 'Ada', createdAt: user.createdAt };
      expect(await ctx.anonymous().getUser(user.id)).toEqual(publicUser);
      expect(await grace.getUser(user.id)).toEqual(publicUser);
    });

    it('getUser of oneself shows the public fields only; me() alone shows the email', async () => {
      const { client, user } = await ctx.signUp('Ada');
      expect(await client.getUser(user.id)).toEqual({ id: user.id, name: 'Ada', createdAt: user.createdAt });
    });

    it('getUser of a missing or malformed id is null', async () => {
      for (const id of MISSING_IDS) expect(await ctx.anonymous().getUser(id)).toBeNull();
    });

    it('getUser of a post id is null', async () => {
      const { client } = await ctx.signUp();
      const post = await client.createPost({ title: 'Not a user', published: true });
      expect(await client.getUser(post.id)).toBeNull();
    });
  });

  describe('users: updateMe', () => {
    it('updateMe changes the trimmed name and moves updatedAt forward', async () => {
      const { client, user } = await ctx.signUp('Ada');
      await afterClockPasses(user.updatedAt);
      const updated = await client.updateMe({ name: '  Countess  ' });
      expect(updated).toMatchObject({
        id: user.id,
        email: user.email,
        name: 'Countess',
        createdAt: user.createdAt,
      });
      expect(updated.updatedAt).toMatch(ISO_TIMESTAMP);
      expectAfter(updated.updatedAt, user.updatedAt);
      expect(await client.me()).toEqual(updated);
    });

    it('updateMe with an empty patch returns the account unchanged, updatedAt kept', async () => {
      const { client, user } = await ctx.signUp('Ada');
      await afterClockPasses(user.updatedAt);
      expect(await client.updateMe({})).toEqual(user);
      expect(await client.me()).toEqual(user);
    });

    it('updateMe with the same name is a no-op that keeps updatedAt', async () => {
      const { client, user } = await ctx.signUp('Ada');
      await afterClockPasses(user.updatedAt);
      expect(await client.updateMe({ name: 'Ada' })).toEqual(user);
    });

    it('a rejected updateMe changes nothing, updatedAt included', async () => {
      const { client, user } = await ctx.signUp('Ada');
      await afterClockPasses(user.updatedAt);
      await expectContractError(client.updateMe({ name: 'x'.repeat(81) }), 'VALIDATION', ['name']);
      expect(await client.me()).toEqual(user);
    });

    it('updateMe cannot change the email, id or timestamps: unknown fields are VALIDATION', async () => {
      const { client, user } = await ctx.signUp('Ada');
      const patch = unchecked<{ name?: string }>({
        email: 'other@example.com',
        id: 'x',
        createdAt: user.createdAt,
      });
      await expectContractError(client.updateMe(patch), 'VALIDATION', ['email', 'id', 'createdAt']);
      expect(await client.me()).toEqual(user);
    });

    it('updateMe rejects a blank name', async () => {
      const { client } = await ctx.signUp('Ada');
      await expectContractError(client.updateMe({ name: ' ' }), 'VALIDATION', ['name']);
    });

    it('anonymous updateMe is UNAUTHENTICATED', async () => {
      await expectContractError(ctx.anonymous().updateMe({ name: 'Nobody' }), 'UNAUTHENTICATED');
    });
  });
}
