import type { AuditChanges } from './types';
import type { EditPostInput, UpdatePostInput } from './schemas';
import { sameTags } from './normalize';

type Editable = { title: string; content: string | null; published: boolean };
const EDITABLE = ['title', 'content', 'published'] as const;

/** The `update` audit changes: only fields the patch really changes. Empty → a no-op write. */
export function postChanges(current: Editable, patch: UpdatePostInput): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of EDITABLE) {
    const to = patch[field];
    if (to !== undefined && to !== current[field]) changes[field] = { from: current[field], to };
  }
  return changes;
}

/** The one audit entry an edit appends (SPEC.md §6, "An edit is all or nothing"). */
export interface PostEdit {
  action: 'update' | 'tags';
  changes: AuditChanges;
}

/**
 * What editPost records: `tags` when only the tag set changes (what setPostTags records), else one
 * `update` entry listing every changed field, tags included. null when nothing changes: a no-op.
 */
export function postEdit(
  current: Editable & { tags: readonly string[] },
  edit: EditPostInput,
): PostEdit | null {
  const changes = postChanges(current, edit);
  if (edit.tags !== undefined && !sameTags(current.tags, edit.tags)) {
    changes['tags'] = { from: [...current.tags], to: edit.tags };
  }
  const fields = Object.keys(changes);
  if (fields.length === 0) return null;
  return { action: fields.length === 1 && fields[0] === 'tags' ? 'tags' : 'update', changes };
}
