import { v } from 'convex/values';
import { query } from './_generated/server';
import { tagValue } from './lib/validators';

/**
 * Tags carrying at least one published, not deleted post, postCount desc then name asc. One
 * index range reads exactly the tags returned; the name tie-break is sorted here because an
 * index orders every field in the same direction.
 */
export const listTags = query({
  args: {},
  returns: v.array(tagValue),
  handler: async (ctx) => {
    const tags = await ctx.db
      .query('tags')
      .withIndex('by_post_count', (q) => q.gt('postCount', 0))
      .collect();
    return tags
      .map(({ name, postCount }) => ({ name, postCount }))
      .sort((a, b) => b.postCount - a.postCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
});
