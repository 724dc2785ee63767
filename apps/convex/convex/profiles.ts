import { v } from 'convex/values';
import { upsertProfileInput } from '@parity/domain';
import { mutation, query } from './_generated/server';
import { requireUser } from './lib/auth';
import { toProfile } from './lib/converters';
import { parseArgs } from './lib/errors';
import { inputRecord, profileValue } from './lib/validators';

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
export const upsertProfile = mutation({
  args: { profile: inputRecord },
  returns: profileValue,
  handler: async (ctx, args) => {
    const user = await requireUser(ctx);
    const input = parseArgs(upsertProfileInput, args.profile);
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
