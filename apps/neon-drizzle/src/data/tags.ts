import { TAG_CLOUD_SIZE, type Tag } from '@parity/domain';
import { type Subquery, and, asc, desc, gt, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Database, getDb, preparedRead } from './client';
import { withContractErrors } from './errors';
import { postTags, tags } from './schema';

/**
 * Locks the rows of the named tags, in id order, once `after` (the write's post row) is written: the
 * tag counters' triggers update those rows at the end of the statement in id order, and the link
 * upsert below would otherwise lock existing tags first, in the order the names came. Two writes
 * taking the same counters in opposite orders deadlock (test/tag-lock-order.test.ts). The main query
 * of the statement reads it (`tagsLocked`), so it runs before the upsert, which runs at the end.
 */
export function lockTags(db: Database, after: Subquery, names: readonly string[]) {
  return db.$with('locked_tags').as(
    db
      .select({ id: tags.id })
      .from(tags)
      .where(and(inArray(tags.name, [...names]), sql`exists (select from ${after})`))
      .orderBy(asc(tags.id))
      .for('no key update'),
  );
}

/** The condition that makes a statement's main query take the `lockTags` locks first. */
export const tagsLocked = (locked: Subquery) => sql`(select count(*) from ${locked}) >= 0`;

/**
 * Links the post `from` returns to tags by name, creating the missing ones, as steps of the write's
 * one statement. ON CONFLICT DO UPDATE (not DO NOTHING) returns the id of a tag another transaction
 * created concurrently too, so N concurrent posts sharing brand-new tags all link, one row per name.
 */
export function linkTags(db: Database, from: Subquery & { id: AnyPgColumn }, names: readonly string[]) {
  if (names.length === 0) return [];
  const linked = db.$with('linked_tags').as(
    db
      .insert(tags)
      .values(names.map((name) => ({ name })))
      .onConflictDoUpdate({ target: tags.name, set: { name: sql`excluded.name` } })
      .returning({ id: tags.id }),
  );
  const links = db
    .$with('links')
    .as(db.insert(postTags).select(sql`select ${from.id}, ${linked.id} from ${from} cross join ${linked}`));
  return [linked, links];
}

/** Unlinks the post `from` returns from the named tags, as a step of the write's one statement. */
export function unlinkTags(db: Database, from: Subquery & { id: AnyPgColumn }, names: readonly string[]) {
  if (names.length === 0) return [];
  const unlinked = db.$with('unlinked').as(
    db.delete(postTags).where(
      and(
        inArray(postTags.postId, sql`(select ${from.id} from ${from})`),
        inArray(
          postTags.tagId,
          db
            .select({ id: tags.id })
            .from(tags)
            .where(inArray(tags.name, [...names])),
        ),
      ),
    ),
  );
  return [unlinked];
}

/**
 * The tag cloud: the TAG_CLOUD_SIZE tags with most published, live posts, postCount desc then name
 * asc; unused tags are left out. The counts are kept by triggers, so this reads that many rows.
 */
export const listTags = withContractErrors(async (): Promise<Tag[]> => tagCloud(getDb()).execute());

const tagCloud = preparedRead((db) =>
  db
    .select({ name: tags.name, postCount: tags.postCount })
    .from(tags)
    .where(gt(tags.postCount, 0))
    .orderBy(desc(tags.postCount), asc(tags.name))
    .limit(TAG_CLOUD_SIZE)
    .prepare('list_tags'),
);
