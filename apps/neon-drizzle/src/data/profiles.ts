import { type Profile, parseInput, toIsoTimestamp, upsertProfileInput } from '@parity/domain';
import { eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, isId, requireActor } from './access';
import { getDb } from './client';
import { withContractErrors } from './errors';
import { profiles } from './schema';

type ProfileRow = typeof profiles.$inferSelect;

function toProfile(row: ProfileRow): Profile {
  return {
    userId: row.userId,
    bio: row.bio,
    avatarUrl: row.avatarUrl,
    updatedAt: toIsoTimestamp(row.updatedAt),
  };
}

export const getProfile = withContractErrors(async (userId: string): Promise<Profile | null> => {
  if (!isId(userId)) return null;
  const [row] = await getDb().select().from(profiles).where(eq(profiles.userId, userId));
  return row ? toProfile(row) : null;
});

/**
 * Creates the profile on the first call (fields not given are null), then changes only the fields
 * given. The conflict update runs only when a value really differs, so a no-op keeps updatedAt.
 */
export const upsertProfile = withContractErrors(
  async (actor: Actor, input: z.input<typeof upsertProfileInput>): Promise<Profile> => {
    const userId = requireActor(actor);
    const fields = parseInput(upsertProfileInput, input);
    const db = getDb();
    const changed = [
      fields.bio !== undefined && sql`${profiles.bio} is distinct from excluded.bio`,
      fields.avatarUrl !== undefined && sql`${profiles.avatarUrl} is distinct from excluded.avatar_url`,
    ].filter((condition) => condition !== false);
    const insert = db.insert(profiles).values({ userId, ...fields });
    const [written] = await (
      changed.length > 0
        ? insert.onConflictDoUpdate({
            target: profiles.userId,
            set: { ...fields, updatedAt: sql`now()` },
            setWhere: or(...changed),
          })
        : insert.onConflictDoNothing()
    ).returning();
    if (written) return toProfile(written);
    const [current] = await db.select().from(profiles).where(eq(profiles.userId, userId));
    return toProfile(current!);
  },
);
