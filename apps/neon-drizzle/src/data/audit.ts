import { type AuditAction, type AuditChanges, type AuditEntry, toIsoTimestamp } from '@parity/domain';
import { asc, eq } from 'drizzle-orm';
import { type Actor } from './access';
import { getDb, type Executor } from './client';
import { withContractErrors } from './errors';
import { findPostForAuthor } from './post-query';
import { auditLogs } from './schema';

/**
 * Called inside the transaction of the write it records, so a failed write leaves no entry. `at`
 * is the post's createdAt (create) or new updatedAt (every other write), set under the post's row
 * lock: a post's entries are stamped in commit order, strictly increasing.
 */
export async function appendAudit(
  tx: Executor,
  { at, ...entry }: { postId: string; actorId: string; action: AuditAction; changes: AuditChanges; at: Date },
): Promise<void> {
  await tx.insert(auditLogs).values({ ...entry, createdAt: at });
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
