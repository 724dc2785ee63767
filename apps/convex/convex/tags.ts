import { v } from 'convex/values';
import { query } from './_generated/server';
import { tagCloud } from './lib/tagCloud';
import { tagValue } from './lib/validators';

/** The tag cloud (SPEC.md §6): see lib/tagCloud.ts for how it stays bounded. */
export const listTags = query({
  args: {},
  returns: v.array(tagValue),
  handler: (ctx) => tagCloud(ctx.db),
});
