import { v } from 'convex/values';
import { query } from './_generated/server';
import { currentUser } from './lib/auth';
import { toAuditEntry } from './lib/converters';
import { requireAuthoredPost } from './lib/posts';
import { auditEntryValue } from './lib/validators';

/** A post's audit log, oldest first; its author's only (deleted posts included). */
export const auditLog = query({
  args: { postId: v.string() },
  returns: v.array(auditEntryValue),
  handler: async (ctx, args) => {
    const post = await requireAuthoredPost(ctx, await currentUser(ctx), args.postId, {
      includeDeleted: true,
    });
    const entries = await ctx.db
      .query('auditLogs')
      .withIndex('by_post', (q) => q.eq('postId', post._id))
      .collect();
    return entries.map(toAuditEntry);
  },
});
