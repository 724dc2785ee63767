import { ContractError, type Post, toIsoTimestamp } from '@parity/domain';
import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import { isId, notFound } from './access';
import type { Database } from './client';
import { postTags, posts, taggedPosts, tags, users } from './schema';

// The post as the contract returns it, in one statement: the author's live name by join and the
// tag names, sorted, by a correlated subquery (served by the post_tags primary key).
const postColumns = {
  id: posts.id,
  authorId: posts.authorId,
  authorName: users.name,
  title: posts.title,
  content: posts.content,
  published: posts.published,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
  deletedAt: posts.deletedAt,
  tags: sql<string[]>`coalesce((
    select array_agg(${tags.name} order by ${tags.name})
    from ${postTags} join ${tags} on ${tags.id} = ${postTags.tagId}
    where ${postTags.postId} = ${posts.id}
  ), '{}')`,
};

export function selectPosts(db: Database) {
  return db.select(postColumns).from(posts).innerJoin(users, eq(users.id, posts.authorId));
}

/** Posts under a tag, reached through tagged_posts: the page is read in that table's order. */
export function selectTaggedPosts(db: Database) {
  return db
    .select(postColumns)
    .from(taggedPosts)
    .innerJoin(posts, eq(posts.id, taggedPosts.postId))
    .innerJoin(users, eq(users.id, posts.authorId));
}

export type PostRow = Awaited<ReturnType<typeof selectPosts>>[number];

export function toPost(row: PostRow): Post {
  return {
    id: row.id,
    authorId: row.authorId,
    author: { id: row.authorId, name: row.authorName },
    title: row.title,
    content: row.content,
    published: row.published,
    tags: row.tags,
    createdAt: toIsoTimestamp(row.createdAt),
    updatedAt: toIsoTimestamp(row.updatedAt),
  };
}

/** SPEC.md §4 visibility: published and not deleted, or a not-deleted draft of one's own. */
export function visibleTo(userId: string | null): SQL {
  const readable = userId
    ? or(eq(posts.published, true), eq(posts.authorId, userId))
    : eq(posts.published, true);
  return and(isNull(posts.deletedAt), readable)!;
}

/**
 * A post its author is about to write (or read the audit log of). Anyone else gets FORBIDDEN if
 * they can see the post and NOT_FOUND if not, so a draft's existence never leaks. A write then
 * guards on the updated_at read here (posts.ts), so it never acts on a version it did not check.
 */
export async function findPostForAuthor(
  db: Database,
  userId: string | null,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<PostRow> {
  if (!isId(id)) throw notFound('Post');
  const [row] = await selectPosts(db).where(eq(posts.id, id));
  return requireAuthorOf(row, userId, options);
}

/** findPostForAuthor's rule, on a post row (or none) that another statement read along. */
export function requireAuthorOf<Row extends Pick<PostRow, 'authorId' | 'published' | 'deletedAt'>>(
  row: Row | undefined,
  userId: string | null,
  { includeDeleted = false } = {},
): Row {
  if (!row || (row.deletedAt && !includeDeleted)) throw notFound('Post');
  if (row.authorId !== userId) {
    if (row.published && !row.deletedAt) throw new ContractError('FORBIDDEN', 'Only the author may do this');
    throw notFound('Post');
  }
  return row;
}

/**
 * A write's new updated_at, taken under the post's row lock (the UPDATE's): the clock at that moment,
 * and at least 1 ms after the previous value, so a post's updatedAt and its audit entries' `at`
 * strictly increase in commit order even at millisecond precision, and a write's guard on the
 * updated_at it read fails after any other write.
 */
export const nextUpdatedAt = sql`greatest(clock_timestamp(), ${posts.updatedAt} + interval '1 millisecond')`;
