import { v } from 'convex/values';
import { upsertProfileInput } from '@parity/domain';
import { convexToZod } from 'convex-helpers/server/zod4';
import { query } from './_generated/server';
import { toProfile } from './lib/converters';
import { userMutation } from './lib/functions';
import { profileValue } from './lib/validators';

export const getProfile = query({
  args: { userId: v.string() },
  returns: v.union(profileValue, v.null()),
  handler: async (ctx, args) => {
    const userId = ctx.db.normalizeId('users', args.userId);
    if (userId === null) return null;
    const profile = await ctx.db
      .query('profiles')
      .withIndex('by_user', (q) => q.eq('userId', userId))
      .unique();
    return profile === null ? null : toProfile(profile);
  },
});

/** Creates the caller's profile on first call; afterwards changes only the fields given. */
export const upsertProfile = userMutation({
  args: { profile: upsertProfileInput },
  returns: convexToZod(profileValue),
  handler: async (ctx, { profile: input }) => {
    const { user } = ctx;
    const existing = await ctx.db
      .query('profiles')
      .withIndex('by_user', (q) => q.eq('userId', user._id))
      .unique();
    if (existing === null) {
      const profileId = await ctx.db.insert('profiles', {
        userId: user._id,
        bio: input.bio ?? null,
        avatarUrl: input.avatarUrl ?? null,
        updatedAt: Date.now(),
      });
      return toProfile((await ctx.db.get('profiles', profileId))!);
    }
    const changed = (['bio', 'avatarUrl'] as const).some(
      (field) => input[field] !== undefined && input[field] !== existing[field],
    );
    if (!changed) return toProfile(existing);
    await ctx.db.patch('profiles', existing._id, { ...input, updatedAt: Date.now() });
    return toProfile((await ctx.db.get('profiles', existing._id))!);
  },
});
