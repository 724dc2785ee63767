import { describe, expect, it } from 'vitest';
import { ISO_TIMESTAMP, expectAfter, expectContractError, unchecked } from './assertions';
import type { Client } from '../platform';
import type { ContractContext } from './context';
import { MISSING_IDS, afterClockPasses } from './fixtures';

type ProfileInput = Parameters<Client['upsertProfile']>[0];

const AVATAR = 'https://example.com/ada.png';

export function describeProfiles(ctx: ContractContext): void {
  describe('profiles', () => {
    it('getProfile is null until the first upsertProfile', async () => {
      const { client, user } = await ctx.signUp();
      expect(await client.getProfile(user.id)).toBeNull();
    });

    it('the first upsertProfile creates the profile; fields not given are null', async () => {
      const { client, user } = await ctx.signUp();
      const profile = await client.upsertProfile({ bio: 'Poet of science' });
      expect(profile).toEqual({
        userId: user.id,
        bio: 'Poet of science',
        avatarUrl: null,
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
      });
      expect(await client.getProfile(user.id)).toEqual(profile);
    });

    it('the first upsertProfile with an empty input creates an empty profile', async () => {
      const { client, user } = await ctx.signUp();
      expect(await client.upsertProfile({})).toMatchObject({ userId: user.id, bio: null, avatarUrl: null });
    });

    it('upsertProfile changes only the fields it is given', async () => {
      const { client } = await ctx.signUp();
      await client.upsertProfile({ bio: 'Poet of science', avatarUrl: AVATAR });
      const updated = await client.upsertProfile({ bio: 'Analyst' });
      expect(updated).toMatchObject({ bio: 'Analyst', avatarUrl: AVATAR });
    });

    it('upsertProfile with null clears a field', async () => {
      const { client } = await ctx.signUp();
      await client.upsertProfile({ bio: 'Poet of science', avatarUrl: AVATAR });
      expect(await client.upsertProfile({ avatarUrl: null })).toMatchObject({
        bio: 'Poet of science',
        avatarUrl: null,
      });
      expect(await client.upsertProfile({ bio: null })).toMatchObject({ bio: null, avatarUrl: null });
    });

    it('a profile is readable by everyone, the anonymous visitor included', async () => {
      const { client, user } = await ctx.signUp();
      const profile = await client.upsertProfile({ bio: 'Hello', avatarUrl: AVATAR });
      const { client: other } = await ctx.signUp();
      expect(await other.getProfile(user.id)).toEqual(profile);
      expect(await ctx.anonymous().getProfile(user.id)).toEqual(profile);
    });

    it('getProfile of a missing or malformed user id is null', async () => {
      for (const id of MISSING_IDS) expect(await ctx.anonymous().getProfile(id)).toBeNull();
    });

    it('upsertProfile writes the caller’s own profile only: userId and updatedAt fields are VALIDATION', async () => {
      const { client: owner, user } = await ctx.signUp();
      const profile = await owner.upsertProfile({ bio: 'Mine' });
      const { client: other } = await ctx.signUp();
      const input = unchecked<ProfileInput>({
        userId: user.id,
        updatedAt: profile.updatedAt,
        bio: 'Hijacked',
      });
      await expectContractError(other.upsertProfile(input), 'VALIDATION', ['userId', 'updatedAt']);
      expect(await other.getProfile(user.id)).toEqual(profile);
    });

    it('anonymous upsertProfile is UNAUTHENTICATED', async () => {
      await expectContractError(ctx.anonymous().upsertProfile({ bio: 'Nobody' }), 'UNAUTHENTICATED');
    });

    it('upsertProfile moves updatedAt forward on a change', async () => {
      const { client } = await ctx.signUp();
      const created = await client.upsertProfile({ bio: 'One' });
      await afterClockPasses(created.updatedAt);
      const updated = await client.upsertProfile({ bio: 'Two' });
      expectAfter(updated.updatedAt, created.updatedAt);
    });

    it('upsertProfile with the current values is a no-op that keeps updatedAt', async () => {
      const { client } = await ctx.signUp();
      const created = await client.upsertProfile({ bio: 'One', avatarUrl: AVATAR });
      await afterClockPasses(created.updatedAt);
      expect(await client.upsertProfile({ bio: 'One' })).toEqual(created);
      expect(await client.upsertProfile({})).toEqual(created);
    });

    it('bio: 280 characters are accepted, 281 rejected', async () => {
      const { client } = await ctx.signUp();
      expect((await client.upsertProfile({ bio: 'b'.repeat(280) })).bio).toBe('b'.repeat(280));
      await expectContractError(client.upsertProfile({ bio: 'b'.repeat(281) }), 'VALIDATION', ['bio']);
    });

    it('bio length counts code points: 280 emoji are accepted', async () => {
      const { client } = await ctx.signUp();
      expect((await client.upsertProfile({ bio: '🎉'.repeat(280) })).bio).toBe('🎉'.repeat(280));
    });

    it('avatarUrl must be an absolute https URL', async () => {
      const { client } = await ctx.signUp();
      for (const avatarUrl of ['http://example.com/a.png', '/a.png', 'example.com/a.png', 'not a url']) {
        await expectContractError(client.upsertProfile({ avatarUrl }), 'VALIDATION', ['avatarUrl']);
      }
    });

    it('avatarUrl: 2048 characters are accepted, 2049 rejected', async () => {
      const { client } = await ctx.signUp();
      const prefix = 'https://example.com/';
      const url2048 = prefix + 'p'.repeat(2048 - prefix.length);
      expect((await client.upsertProfile({ avatarUrl: url2048 })).avatarUrl).toBe(url2048);
      await expectContractError(client.upsertProfile({ avatarUrl: `${url2048}p` }), 'VALIDATION', [
        'avatarUrl',
      ]);
    });

    it('upsertProfile reports a bad bio and a bad avatarUrl together, and changes nothing', async () => {
      const { client, user } = await ctx.signUp();
      const profile = await client.upsertProfile({ bio: 'Kept' });
      await afterClockPasses(profile.updatedAt);
      await expectContractError(
        client.upsertProfile({ bio: 'b'.repeat(281), avatarUrl: 'ftp://example.com' }),
        'VALIDATION',
        ['bio', 'avatarUrl'],
      );
      expect(await client.getProfile(user.id)).toEqual(profile);
    });

    it('a rejected first upsertProfile creates no profile', async () => {
      const { client, user } = await ctx.signUp();
      await expectContractError(
        client.upsertProfile({ avatarUrl: 'http://insecure.example' }),
        'VALIDATION',
        ['avatarUrl'],
      );
      expect(await client.getProfile(user.id)).toBeNull();
    });
  });
}
