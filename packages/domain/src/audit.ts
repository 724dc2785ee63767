import type { AuditChanges } from './types';
import type { UpdatePostInput } from './schemas';

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
