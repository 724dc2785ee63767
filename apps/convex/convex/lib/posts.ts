import type { Doc } from '../_generated/dataModel';
import type { MutationCtx, QueryCtx } from '../_generated/server';
import { fail } from './errors';

/** A post by a client-supplied id; an id of the wrong format or table is just a missing post. */
export async function findPost(ctx: QueryCtx, postId: string): Promise<Doc<'posts'> | null> {
  const id = ctx.db.normalizeId('posts', postId);
  return id === null ? null : await ctx.db.get('posts', id);
}

export function isVisible(post: Doc<'posts'>, viewer: Doc<'users'> | null): boolean {
  return post.deletedAt === null && (post.published || post.authorId === viewer?._id);
}

/**
 * The post, when `user` is its author. Others get FORBIDDEN when they can see the post and
 * NOT_FOUND when they cannot, so a draft's or a deleted post's existence never leaks. A deleted
 * post is NOT_FOUND for its author too unless the operation is one that reaches deleted posts.
 */
export async function requireAuthoredPost(
  ctx: QueryCtx,
  user: Doc<'users'> | null,
  postId: string,
  { includeDeleted = false } = {},
): Promise<Doc<'posts'>> {
  const post = await findPost(ctx, postId);
  if (post !== null && user !== null && post.authorId === user._id) {
    if (post.deletedAt === null || includeDeleted) return post;
  } else if (post !== null && isVisible(post, user)) {
    fail('FORBIDDEN', 'Only the author may do this');
  }
  fail('NOT_FOUND', 'Post not found');
}

/**
 * A write's new updatedAt: now, but at least 1 ms past the post's last stamp. Date.now() is fixed
 * for a whole mutation, so two mutations on one post within a millisecond would share it; a
 * post's audit entries and updatedAt must strictly increase at millisecond precision.
 */
export function nextUpdatedAt(post: Doc<'posts'>): number {
  return Math.max(Date.now(), Math.floor(post.updatedAt ?? post._creationTime) + 1);
}

/** The entry of a write, stamped with the post's creation time (create) or new updatedAt. */
export async function appendAudit(
  ctx: MutationCtx,
  post: Doc<'posts'>,
  actor: Doc<'users'>,
  action: Doc<'auditLogs'>['action'],
  changes: Doc<'auditLogs'>['changes'] = {},
): Promise<void> {
  const at = action === 'create' ? post._creationTime : post.updatedAt!;
  await ctx.db.insert('auditLogs', { postId: post._id, actorId: actor._id, action, changes, at });
}

/** The tags a post adds to listTags counts: only while it is published and not deleted. */
const countedTags = (post: Doc<'posts'> | null) =>
  post !== null && post.published && post.deletedAt === null ? post.tags : [];

/**
 * Brings postTags links and tag counts from a post's previous state to its new one, in the
 * writing mutation (so counts are never stale). `before` null: created; `after` null: removed.
 */
export async function syncPostTags(
  ctx: MutationCtx,
  before: Doc<'posts'> | null,
  after: Doc<'posts'> | null,
): Promise<void> {
  const post = (after ?? before)!;
  const countedBefore = new Set(countedTags(before));
  const countedAfter = new Set(countedTags(after));
  const linkedAfter = new Set(after?.tags ?? []);

  const links = await ctx.db
    .query('postTags')
    .withIndex('by_post', (q) => q.eq('postId', post._id))
    .collect();
  const linkedNames = new Set<string>();
  for (const link of links) {
    const tag = (await ctx.db.get('tags', link.tagId))!;
    if (after === null || !linkedAfter.has(tag.name)) {
      await ctx.db.delete('postTags', link._id);
      continue;
    }
    linkedNames.add(tag.name);
    if (link.published !== after.published || link.deletedAt !== after.deletedAt) {
      await ctx.db.patch('postTags', link._id, { published: after.published, deletedAt: after.deletedAt });
    }
  }

  for (const name of new Set([...countedBefore, ...countedAfter, ...linkedAfter])) {
    const delta = Number(countedAfter.has(name)) - Number(countedBefore.has(name));
    const needsLink = after !== null && linkedAfter.has(name) && !linkedNames.has(name);
    if (delta === 0 && !needsLink) continue;
    const tag = await findOrCreateTag(ctx, name);
    if (delta !== 0) await ctx.db.patch('tags', tag._id, { postCount: tag.postCount + delta });
    if (needsLink) {
      await ctx.db.insert('postTags', {
        postId: after._id,
        tagId: tag._id,
        authorId: after.authorId,
        published: after.published,
        deletedAt: after.deletedAt,
        postCreationTime: after._creationTime,
      });
    }
  }
}

// Convex mutations are serializable: two posts creating the same new tag at once conflict and
// one is retried, so a name never gets two tag documents.
async function findOrCreateTag(ctx: MutationCtx, name: string): Promise<Doc<'tags'>> {
  const existing = await ctx.db
    .query('tags')
    .withIndex('by_name', (q) => q.eq('name', name))
    .unique();
  if (existing !== null) return existing;
  return (await ctx.db.get('tags', await ctx.db.insert('tags', { name, postCount: 0 })))!;
}
