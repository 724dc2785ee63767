import { v } from 'convex/values';
import { updateMeInput } from '@parity/domain';
import { convexToZod } from 'convex-helpers/server/zod4';
import { mutation, query } from './_generated/server';
import { currentUser, deleteAuthRecords, requireUser } from './lib/auth';
import { toPublicUser, toUser } from './lib/converters';
import { userMutation } from './lib/functions';
import { syncPostTags } from './lib/posts';
import { publicUserValue, userValue } from './lib/validators';

export const me = query({
  args: {},
  returns: v.union(userValue, v.null()),
  handler: async (ctx) => {
    const user = await currentUser(ctx);
    return user === null ? null : toUser(user);
  },
});

export const getUser = query({
  args: { userId: v.string() },
  returns: v.union(publicUserValue, v.null()),
  handler: async (ctx, args) => {
    const userId = ctx.db.normalizeId('users', args.userId);
    const user = userId === null ? null : await ctx.db.get('users', userId);
    return user === null ? null : toPublicUser(user);
  },
});

export const updateMe = userMutation({
  args: { patch: updateMeInput },
  returns: convexToZod(userValue),
  handler: async (ctx, { patch: { name } }) => {
    const { user } = ctx;
    if (name === undefined || name === user.name) return toUser(user);
    await ctx.db.patch('users', user._id, { name, updatedAt: Date.now() });
    return toUser((await ctx.db.get('users', user._id))!);
  },
});

/**
 * Hard delete with its cascade, Convex Auth's records included, in one transaction. Every read is an index range of this user's
 * own documents; an account with more posts than one mutation may write (Convex allows 8,192
 * documents) would move the post cascade into a scheduled internal mutation run in batches.
 */
export const deleteMe = mutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    const posts = await ctx.db
      .query('posts')
      .withIndex('by_author_and_visibility', (q) => q.eq('authorId', user._id))
      .collect();
    for (const post of posts) {
      await syncPostTags(ctx, post, null);
      const entries = await ctx.db
        .query('auditLogs')
        .withIndex('by_post', (q) => q.eq('postId', post._id))
        .collect();
      for (const entry of entries) await ctx.db.delete('auditLogs', entry._id);
      await ctx.db.delete('posts', post._id);
    }
    const profile = await ctx.db
      .query('profiles')
      .withIndex('by_user', (q) => q.eq('userId', user._id))
      .unique();
    if (profile !== null) await ctx.db.delete('profiles', profile._id);
    await deleteAuthRecords(ctx, user._id);
    await ctx.db.delete('users', user._id);
    return null;
  },
});
