import { type AuditAction, type AuditChanges, type AuditEntry, toIsoTimestamp } from '@parity/domain';
import { type Subquery, asc, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Actor } from './access';
import { type Database, getDb } from './client';
import { withContractErrors } from './errors';
import { findPostForAuthor } from './post-query';
import { auditLogs } from './schema';

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

/** A post's audit entries, oldest first; only its author may read them, deleted or not. */
export const auditLog = withContractErrors(async (actor: Actor, postId: string): Promise<AuditEntry[]> => {
  const db = getDb();
  const post = await findPostForAuthor(db, actor?.userId ?? null, postId, { includeDeleted: true });
  const rows = await db
    .select({
      id: auditLogs.id,
      postId: auditLogs.postId,
      actorId: auditLogs.actorId,
      action: auditLogs.action,
      changes: auditLogs.changes,
      at: auditLogs.createdAt,
    })
    .from(auditLogs)
    .where(eq(auditLogs.postId, post.id))
    .orderBy(asc(auditLogs.createdAt), asc(auditLogs.id));
  return rows.map((row) => ({ ...row, at: toIsoTimestamp(row.at) }));
});
