import { type AuditAction, type AuditChanges, type AuditEntry, toIsoTimestamp } from '@parity/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { type Actor } from './access';
import { getDb, type Executor } from './client';
import { withContractErrors } from './errors';
import { findPostForAuthor } from './post-query';
import { auditLogs } from './schema';

/** Called inside the transaction of the write it records, so a failed write leaves no entry. */
export async function appendAudit(
  tx: Executor,
  entry: { postId: string; actorId: string; action: AuditAction; changes: AuditChanges },
): Promise<void> {
  await tx.insert(auditLogs).values(entry);
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
      // Rounded to milliseconds as the posts' timestamptz(3) columns are, so a `create` entry's
      // `at` equals the post's createdAt.
      at: sql`${auditLogs.createdAt}::timestamptz(3)`.mapWith(auditLogs.createdAt),
    })
    .from(auditLogs)
    .where(eq(auditLogs.postId, post.id))
    .orderBy(asc(auditLogs.createdAt), asc(auditLogs.id));
  return rows.map((row) => ({ ...row, at: toIsoTimestamp(row.at) }));
});
