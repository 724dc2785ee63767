import { normalizeTag } from '@parity/domain';
import { useId, type ReactNode } from 'react';
import type { ActionResult } from '../action-result';

/** The home page's one h1 (SPEC.md §8): the latest posts, or those of the filter's tag. */
export function HomeHeading({ tag }: { tag: string | null }) {
  return (
    <h1 className="text-2xl font-semibold">
      {tag === null ? 'Latest posts' : `Posts tagged “${normalizeTag(tag)}”`}
    </h1>
  );
}

/** A profile page's list of posts under its "Posts" heading (SPEC.md §8). */
export function UserPostsSection({ children }: { children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        Posts
      </h2>
      {children}
    </section>
  );
}

/**
 * The post page's rule for a post getPost does not return (SPEC.md §8): only the author of a
 * deleted post can still read its audit log, so a readable log means "your deleted post", and
 * anything else — a visitor, an error — means "not found".
 */
export function isOwnDeletedPost(auditLog: ActionResult<unknown> | null | undefined): boolean {
  return auditLog?.ok === true;
}
