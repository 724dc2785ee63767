import type { Tag } from '@parity/domain';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Executor } from './client';
import { withContractErrors } from './errors';
import { postTags, posts, tags } from './schema';

/**
 * Links a post to tags by name, creating the missing tags. Two statements on purpose: the insert
 * waits for concurrent transactions creating the same names, and the following statement (a new
 * snapshot under READ COMMITTED) then sees their rows, so N concurrent posts sharing brand-new
 * tags all succeed with exactly one row per name. Names arrive sorted, so lock order is stable.
 */
export async function linkTags(tx: Executor, postId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await tx
    .insert(tags)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing({ target: tags.name });
  await tx.insert(postTags).select(
    tx
      .select({ postId: sql<string>`${postId}::uuid`.as('post_id'), tagId: tags.id })
      .from(tags)
      .where(inArray(tags.name, [...names])),
  );
}

export async function unlinkTags(tx: Executor, postId: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const tagIds = tx
    .select({ id: tags.id })
    .from(tags)
    .where(inArray(tags.name, [...names]));
  await tx.delete(postTags).where(and(eq(postTags.postId, postId), inArray(postTags.tagId, tagIds)));
}

/** Tags of published, not deleted posts: postCount desc, then name asc; unused tags are left out. */
export const listTags = withContractErrors(async (): Promise<Tag[]> => {
  const postCount = count();
  return getDb()
    .select({ name: tags.name, postCount })
    .from(tags)
    .innerJoin(postTags, eq(postTags.tagId, tags.id))
    .innerJoin(posts, and(eq(posts.id, postTags.postId), eq(posts.published, true), isNull(posts.deletedAt)))
    .groupBy(tags.name)
    .orderBy(desc(postCount), asc(tags.name));
});
