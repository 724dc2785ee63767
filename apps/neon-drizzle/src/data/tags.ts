import { TAG_CLOUD_SIZE, type Tag } from '@parity/domain';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb, type Executor } from './client';
import { withContractErrors } from './errors';
import { postTags, tags } from './schema';

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
  // In tag id order: the triggers behind post_tags then lock the tags' counters in that order.
  await tx.insert(postTags).select(
    tx
      .select({ postId: sql<string>`${postId}::uuid`.as('post_id'), tagId: tags.id })
      .from(tags)
      .where(inArray(tags.name, [...names]))
      .orderBy(tags.id),
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

/**
 * The tag cloud: the TAG_CLOUD_SIZE tags with most published, live posts, postCount desc then name
 * asc; unused tags are left out. The counts are kept by triggers, so this reads that many rows.
 */
export const listTags = withContractErrors(async (): Promise<Tag[]> => {
  return getDb()
    .select({ name: tags.name, postCount: tags.postCount })
    .from(tags)
    .where(gt(tags.postCount, 0))
    .orderBy(desc(tags.postCount), asc(tags.name))
    .limit(TAG_CLOUD_SIZE);
});
