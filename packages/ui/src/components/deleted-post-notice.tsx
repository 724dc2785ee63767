'use client';

import type { Post } from '@parity/domain';
import { useId, useState } from 'react';
import type { ActionResult } from '../action-result';
import { linkClass, secondaryButtonClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';
import { useAction } from '../use-action';
import { FormAlert } from './form-alert';

interface RestoreButtonProps {
  onRestore: () => Promise<ActionResult<Post>>;
  onRestored?: (post: Post) => void;
}

/** Restores a soft-deleted post; without onRestored it links to the restored post. */
export function RestoreButton({ onRestore, onRestored }: RestoreButtonProps) {
  const { error, pending, run } = useAction(onRestore);
  const [restored, setRestored] = useState<Post | null>(null);

  if (restored) {
    return (
      <p role="status">
        Post restored.{' '}
        <Link href={routes.post(restored.id)} className={linkClass}>
          View post
        </Link>
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <FormAlert error={error} />
      <button
        type="button"
        disabled={pending}
        onClick={() => run(undefined, (post) => (onRestored ? onRestored(post) : setRestored(post)))}
        className={secondaryButtonClass}
      >
        Restore post
      </button>
    </div>
  );
}

/** What the author sees where a deleted post was: it is hidden from everyone until restored. */
export function DeletedPostNotice(props: RestoreButtonProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4"
    >
      <h1 id={headingId} className="text-xl font-semibold">
        Post deleted
      </h1>
      <p className="text-sm text-zinc-700">
        This post is hidden from everyone, you included, until you restore it.
      </p>
      <RestoreButton {...props} />
    </section>
  );
}
