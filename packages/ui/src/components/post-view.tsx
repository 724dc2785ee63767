'use client';

import type { AuditEntry, Post } from '@parity/domain';
import { useState } from 'react';
import type { ActionResult } from '../action-result';
import { dangerButtonClass, secondaryButtonClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';
import { useAction } from '../use-action';
import { AuditLog } from './audit-log';
import { DeletedPostNotice } from './deleted-post-notice';
import { FormAlert } from './form-alert';
import { PostMeta } from './post-meta';

interface PostViewProps {
  post: Post;
  /** The signed-in user's id, or null for a visitor: edit / delete show for the author only. */
  viewerId: string | null;
  /** The author's view of the post's history; pass it only when the viewer is the author. */
  auditLog?: AuditEntry[];
  onDelete: () => Promise<ActionResult<unknown>>;
  onRestore: () => Promise<ActionResult<Post>>;
}

export function PostView({ post, viewerId, auditLog, onDelete, onRestore }: PostViewProps) {
  const isAuthor = viewerId !== null && viewerId === post.authorId;
  const [deleted, setDeleted] = useState(false);
  const { error, pending, run } = useAction(onDelete);

  if (deleted) return <DeletedPostNotice onRestore={onRestore} onRestored={() => setDeleted(false)} />;

  return (
    <div className="space-y-8">
      <article className="space-y-4">
        <header className="space-y-2">
          <h1 className="text-3xl font-semibold">{post.title}</h1>
          <PostMeta post={post} />
        </header>
        {post.content === null ? (
          <p className="text-zinc-500 italic">No content.</p>
        ) : (
          <div className="whitespace-pre-wrap leading-relaxed">{post.content}</div>
        )}
      </article>
      {isAuthor && (
        <div className="space-y-2">
          <FormAlert error={error} />
          <div className="flex gap-3">
            <Link href={routes.editPost(post.id)} className={secondaryButtonClass}>
              Edit post
            </Link>
            <button
              type="button"
              disabled={pending}
              onClick={() => run(undefined, () => setDeleted(true))}
              className={dangerButtonClass}
            >
              Delete post
            </button>
          </div>
        </div>
      )}
      {isAuthor && auditLog && <AuditLog entries={auditLog} />}
    </div>
  );
}
