import { type AuditAction, type AuditChanges, type AuditEntry, toIsoTimestamp } from '@parity/domain';
import { type Subquery, and, asc, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Actor, isId, notFound } from './access';
import { type Database, getDb, preparedRead } from './client';
import { withContractErrors } from './errors';
import { requireAuthorOf } from './post-query';
import { auditLogs, posts } from './schema';

/**
 * The audit entry of a write, as a step of that write's one statement (a CTE over `from`, the row the
 * write returned), so a write that fails or is not made leaves no entry. `at` is the post's createdAt
 * (create) or new updatedAt (every other write), set under the post's row lock: a post's entries are
 * stamped in commit order, strictly increasing.
 */
export function auditEntry(
  db: Database,
  { from, postId, at }: { from: Subquery; postId: AnyPgColumn; at: AnyPgColumn },
  { actorId, action, changes }: { actorId: string; action: AuditAction; changes: AuditChanges },
) {
  return db
    .$with('audit')
    .as(
      db
        .insert(auditLogs)
        .select(
          sql`select gen_random_uuid(), ${postId}, ${actorId}::uuid, ${action}::audit_action, ${JSON.stringify(changes)}::jsonb, ${at} from ${from}`,
        ),
    );
}

/**
 * A post's audit entries, oldest first; only its author may read them, deleted or not. One
 * statement: the post's row, with its entries joined only when the caller is its author, so the
 * access rule (requireAuthorOf) decides on the row that came back with them.
 */
export const auditLog = withContractErrors(async (actor: Actor, postId: string): Promise<AuditEntry[]> => {
  const userId = actor?.userId ?? null;
  if (!isId(postId)) throw notFound('Post');
  const rows = await postWithEntries(getDb()).execute({ postId, userId });
  requireAuthorOf(rows[0], userId, { includeDeleted: true });
  return rows.flatMap(({ entry }) => (entry ? [{ ...entry, at: toIsoTimestamp(entry.at) }] : []));
});

// Without a caller, `author_id = NULL` is never true: the post's row comes back with no entries.
const postWithEntries = preparedRead((db) =>
  db
    .select({
      authorId: posts.authorId,
      published: posts.published,
      deletedAt: posts.deletedAt,
      entry: {
        id: auditLogs.id,
        postId: auditLogs.postId,
        actorId: auditLogs.actorId,
        action: auditLogs.action,
        changes: auditLogs.changes,
        at: auditLogs.createdAt,
      },
    })
    .from(posts)
    .leftJoin(auditLogs, and(eq(auditLogs.postId, posts.id), eq(posts.authorId, sql.placeholder('userId'))))
    .where(eq(posts.id, sql.placeholder('postId')))
    .orderBy(asc(auditLogs.createdAt), asc(auditLogs.id))
    .prepare('audit_log'),
);
