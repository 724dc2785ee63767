import {
  AUDIT_ACTIONS,
  ContractError,
  toIsoTimestamp,
  type AuditAction,
  type AuditChanges,
  type AuditEntry,
} from '@parity/domain';
import type { Json, Tables } from './database.types';
import type { Supabase } from './supabase/types';
import { dataOrThrow } from './errors';
import { isUuid } from './ids';
import { getPost } from './posts';
import { sessionUser } from './session';

/**
 * RLS shows a post's log to its author only (a deleted post's too). Every post has a 'create'
 * entry, so an empty log means "not the author": FORBIDDEN if the caller sees the post.
 */
export async function auditLog(supabase: Supabase, postId: string): Promise<AuditEntry[]> {
  if (!isUuid(postId)) throw new ContractError('NOT_FOUND', 'Post not found');
  // Anonymous callers have no access to audit_logs at all; they are answered like other non-authors.
  if (await sessionUser(supabase)) {
    const rows = dataOrThrow(
      await supabase
        .from('audit_logs')
        .select('id, post_id, actor_id, action, at, changes')
        .eq('post_id', postId)
        // `at` strictly increases per post in commit order (the writes stamp it under the
        // post's row lock); id only breaks ties between posts, never within one.
        .order('at', { ascending: true })
        .order('id', { ascending: true }),
    );
    if (rows.length > 0) return rows.map(toAuditEntry);
  }
  throw (await getPost(supabase, postId))
    ? new ContractError('FORBIDDEN', 'Only the author reads the audit log')
    : new ContractError('NOT_FOUND', 'Post not found');
}

function toAuditEntry(row: Tables<'audit_logs'>): AuditEntry {
  return {
    id: String(row.id),
    postId: row.post_id,
    actorId: row.actor_id,
    action: toAuditAction(row.action),
    at: toIsoTimestamp(row.at),
    changes: toAuditChanges(row.changes),
  };
}

function toAuditAction(action: string): AuditAction {
  const known = AUDIT_ACTIONS.find((candidate) => candidate === action);
  if (!known) throw new Error(`Unknown audit action ${action}`);
  return known;
}

// The triggers write {field: {from, to}} objects only (audit_logs_changes_check: an object).
function toAuditChanges(changes: Json): AuditChanges {
  const result: AuditChanges = {};
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) return result;
  for (const [field, change] of Object.entries(changes)) {
    if (typeof change === 'object' && change !== null && !Array.isArray(change)) {
      result[field] = { from: change.from ?? null, to: change.to ?? null };
    }
  }
  return result;
}
