import { toIsoTimestamp } from '@parity/domain';
import type { Infer } from 'convex/values';
import type { Doc, Id } from '../_generated/dataModel';
import type { QueryCtx } from '../_generated/server';
import type { auditEntryValue, postValue, profileValue, publicUserValue, userValue } from './validators';

// Documents → contract records: the only place numbers become ISO timestamps and
// `_creationTime` becomes createdAt.

export function toUser(user: Doc<'users'>): Infer<typeof userValue> {
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    createdAt: toIsoTimestamp(user._creationTime),
    updatedAt: toIsoTimestamp(user.updatedAt ?? user._creationTime),
  };
}

export function toPublicUser(user: Doc<'users'>): Infer<typeof publicUserValue> {
  return { id: user._id, name: user.name, createdAt: toIsoTimestamp(user._creationTime) };
}

export function toProfile(profile: Doc<'profiles'>): Infer<typeof profileValue> {
  return {
    userId: profile.userId,
    bio: profile.bio,
    avatarUrl: profile.avatarUrl,
    updatedAt: toIsoTimestamp(profile.updatedAt),
  };
}

export function toAuditEntry(entry: Doc<'auditLogs'>): Infer<typeof auditEntryValue> {
  return {
    id: entry._id,
    postId: entry.postId,
    actorId: entry.actorId,
    action: entry.action,
    at: toIsoTimestamp(entry.at),
    changes: entry.changes,
  };
}

/** Posts with their authors read live (one read per distinct author). */
export async function toPosts(ctx: QueryCtx, posts: Doc<'posts'>[]): Promise<Infer<typeof postValue>[]> {
  const authors = new Map<Id<'users'>, Doc<'users'>>();
  for (const authorId of new Set(posts.map((post) => post.authorId))) {
    const author = await ctx.db.get('users', authorId);
    // deleteMe removes a user's posts in the same mutation, so a post always has its author.
    if (author === null) throw new Error(`Post author ${authorId} does not exist`);
    authors.set(authorId, author);
  }
  return posts.map((post) => {
    const author = authors.get(post.authorId)!;
    return {
      id: post._id,
      authorId: post.authorId,
      author: { id: author._id, name: author.name },
      title: post.title,
      content: post.content,
      published: post.published,
      tags: post.tags,
      createdAt: toIsoTimestamp(post._creationTime),
      updatedAt: toIsoTimestamp(post.updatedAt ?? post._creationTime),
    };
  });
}

export async function toPost(ctx: QueryCtx, post: Doc<'posts'>): Promise<Infer<typeof postValue>> {
  const [converted] = await toPosts(ctx, [post]);
  return converted!;
}
