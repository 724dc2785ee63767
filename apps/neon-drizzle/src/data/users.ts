import { type PublicUser, type User, parseInput, toIsoTimestamp, updateMeInput } from '@parity/domain';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, isId, requireActor, userGone } from './access';
import { getDb } from './client';
import { withContractErrors } from './errors';
import { posts, taggedPosts, tags, users } from './schema';
import { tagsLocked } from './tags';

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: toIsoTimestamp(row.createdAt),
    updatedAt: toIsoTimestamp(row.updatedAt),
  };
}

/** Whether an account uses this (normalized) email; the unique index on email agrees. */
export const emailInUse = withContractErrors(async (email: string): Promise<boolean> => {
  const [row] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row !== undefined;
});

export const getMe = withContractErrors(async (actor: Actor): Promise<User | null> => {
  if (!actor) return null;
  const [row] = await getDb().select().from(users).where(eq(users.id, actor.userId));
  return row ? toUser(row) : null;
});

export const getUser = withContractErrors(async (id: string): Promise<PublicUser | null> => {
  if (!isId(id)) return null;
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, id));
  return row ? { ...row, createdAt: toIsoTimestamp(row.createdAt) } : null;
});

export const updateMe = withContractErrors(
  async (actor: Actor, patch: z.input<typeof updateMeInput>): Promise<User> => {
    const userId = requireActor(actor);
    const { name } = parseInput(updateMeInput, patch);
    const db = getDb();
    if (name !== undefined) {
      // Only a real change touches the row, so a same-name update keeps updatedAt.
      const [updated] = await db
        .update(users)
        .set({ name, updatedAt: sql`now()` })
        .where(and(eq(users.id, userId), ne(users.name, name)))
        .returning();
      if (updated) return toUser(updated);
    }
    const [current] = await db.select().from(users).where(eq(users.id, userId));
    if (!current) throw userGone();
    return toUser(current);
  },
);

/**
 * Hard delete; the foreign keys cascade to the profile, posts, their tag links and audit entries.
 * The cascade moves the counters of the user's tags post by post, not in tag id order, so two
 * accounts deleted at once would lock shared counters in opposite orders and deadlock: the
 * statement locks them first, in id order, as every post write does (`lockTags`).
 */
export const deleteMe = withContractErrors(async (actor: Actor): Promise<void> => {
  const userId = requireActor(actor);
  const db = getDb();
  const countersMoved = db
    .select({ id: taggedPosts.tagId })
    .from(posts)
    .innerJoin(taggedPosts, eq(taggedPosts.postId, posts.id))
    .where(and(eq(posts.authorId, userId), eq(taggedPosts.published, true)));
  const locked = db
    .$with('locked_tags')
    .as(
      db
        .select({ id: tags.id })
        .from(tags)
        .where(inArray(tags.id, countersMoved))
        .orderBy(asc(tags.id))
        .for('no key update'),
    );
  const deleted = await db
    .with(locked)
    .delete(users)
    .where(and(eq(users.id, userId), tagsLocked(locked)))
    .returning({ id: users.id });
  if (deleted.length === 0) throw userGone();
});
