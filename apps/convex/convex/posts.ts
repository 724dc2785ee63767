import { v, type Infer } from 'convex/values';
import { convexToZod } from 'convex-helpers/server/zod4';
import { z } from 'zod';
import {
  createPostInput,
  editPostInput,
  listPostsQuery,
  postChanges,
  postEdit,
  sameTags,
  setPostTagsInput,
  updatePostInput,
} from '@parity/domain';
import { mutation, query } from './_generated/server';
import { currentUser, requireUser } from './lib/auth';
import { toPost } from './lib/converters';
import { userMutation, zodQuery } from './lib/functions';
import { listVisiblePosts } from './lib/listPosts';
import {
  appendAudit,
  findPost,
  isVisible,
  nextUpdatedAt,
  requireAuthoredPost,
  syncPostTags,
} from './lib/posts';
import { type auditChanges, postPageValue, postValue } from './lib/validators';

// Ids arrive as plain strings (v.string(), not v.id): an id of the wrong format or of another
// table must read as a missing post, not fail argument validation. Inputs are the domain's
// schemas (lib/functions.ts).
const post = convexToZod(postValue);

export const getPost = query({
  args: { postId: v.string() },
  returns: v.union(postValue, v.null()),
  handler: async (ctx, { postId }) => {
    const post = await findPost(ctx, postId);
    return post !== null && isVisible(post, await currentUser(ctx)) ? await toPost(ctx, post) : null;
  },
});

export const listPosts = zodQuery({
  args: { query: listPostsQuery },
  returns: convexToZod(postPageValue),
  handler: (ctx, args) => listVisiblePosts(ctx, args.query),
});

export const createPost = userMutation({
  args: { post: createPostInput },
  returns: post,
  handler: async (ctx, { post: input }) => {
    const author = ctx.user;
    const postId = await ctx.db.insert('posts', {
      authorId: author._id,
      ...input,
      deletedAt: null,
    });
    const post = (await ctx.db.get('posts', postId))!;
    await syncPostTags(ctx, null, post);
    // Tags given at creation belong to the one `create` entry.
    await appendAudit(ctx, post, author, 'create');
    return await toPost(ctx, post);
  },
});

export const updatePost = userMutation({
  args: { postId: z.string(), patch: updatePostInput },
  returns: post,
  handler: async (ctx, { patch, ...args }) => {
    const author = ctx.user;
    const before = await requireAuthoredPost(ctx, author, args.postId);
    // postChanges only reports title, content and published, whose values the validator covers.
    const changes = postChanges(before, patch) as Infer<typeof auditChanges>;
    if (Object.keys(changes).length === 0) return await toPost(ctx, before);
    await ctx.db.patch('posts', before._id, { ...patch, updatedAt: nextUpdatedAt(before) });
    const after = (await ctx.db.get('posts', before._id))!;
    if ('published' in changes) await syncPostTags(ctx, before, after);
    await appendAudit(ctx, after, author, 'update', changes);
    return await toPost(ctx, after);
  },
});

export const setPostTags = userMutation({
  args: { postId: z.string(), ...setPostTagsInput.shape },
  returns: post,
  handler: async (ctx, { tags, ...args }) => {
    const author = ctx.user;
    const before = await requireAuthoredPost(ctx, author, args.postId);
    if (sameTags(before.tags, tags)) return await toPost(ctx, before);
    await ctx.db.patch('posts', before._id, { tags, updatedAt: nextUpdatedAt(before) });
    const after = (await ctx.db.get('posts', before._id))!;
    await syncPostTags(ctx, before, after);
    await appendAudit(ctx, after, author, 'tags', { tags: { from: before.tags, to: tags } });
    return await toPost(ctx, after);
  },
});

/**
 * The edit form's one write (SPEC.md §6): fields and tags in one mutation, one transaction, with one
 * audit entry; a conflicting write makes Convex retry it whole, so no reader sees half an edit.
 */
export const editPost = userMutation({
  args: { postId: z.string(), edit: editPostInput },
  returns: post,
  handler: async (ctx, { edit, ...args }) => {
    const author = ctx.user;
    const before = await requireAuthoredPost(ctx, author, args.postId);
    const entry = postEdit(before, edit);
    if (entry === null) return await toPost(ctx, before);
    await ctx.db.patch('posts', before._id, { ...edit, updatedAt: nextUpdatedAt(before) });
    const after = (await ctx.db.get('posts', before._id))!;
    await syncPostTags(ctx, before, after);
    // postEdit reports title, content, published and tags, whose values the validator covers.
    await appendAudit(ctx, after, author, entry.action, entry.changes as Infer<typeof auditChanges>);
    return await toPost(ctx, after);
  },
});

export const deletePost = mutation({
  args: { postId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const author = await requireUser(ctx);
    const before = await requireAuthoredPost(ctx, author, args.postId);
    const now = nextUpdatedAt(before);
    await ctx.db.patch('posts', before._id, { deletedAt: now, updatedAt: now });
    const after = (await ctx.db.get('posts', before._id))!;
    await syncPostTags(ctx, before, after);
    await appendAudit(ctx, after, author, 'delete');
    return null;
  },
});

export const restorePost = mutation({
  args: { postId: v.string() },
  returns: postValue,
  handler: async (ctx, args) => {
    const author = await requireUser(ctx);
    const before = await requireAuthoredPost(ctx, author, args.postId, { includeDeleted: true });
    if (before.deletedAt === null) return await toPost(ctx, before);
    await ctx.db.patch('posts', before._id, { deletedAt: null, updatedAt: nextUpdatedAt(before) });
    const after = (await ctx.db.get('posts', before._id))!;
    await syncPostTags(ctx, before, after);
    await appendAudit(ctx, after, author, 'restore');
    return await toPost(ctx, after);
  },
});
