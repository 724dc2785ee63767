'use client';

import type { Page, Post } from '@parity/domain';
import { useState } from 'react';
import type { ActionResult } from '../action-result';
import { secondaryButtonClass } from '../classes';
import { useAction } from '../use-action';
import { FormAlert } from './form-alert';
import { PostCard } from './post-card';

interface PostListProps {
  /** The first page, as listPosts returned it. */
  page: Page<Post>;
  /** listPosts with the same filters and this cursor. */
  onLoadMore: (cursor: string) => Promise<ActionResult<Page<Post>>>;
  /** Accessible name of the list, e.g. "Posts" or "Posts by Ada". */
  label?: string;
  emptyMessage?: string;
}

interface Loaded {
  first: Page<Post>;
  more: Post[];
  nextCursor: string | null;
}

/** Posts with a "Load more" button that follows nextCursor. A new first page starts over. */
export function PostList({
  page,
  onLoadMore,
  label = 'Posts',
  emptyMessage = 'No posts yet.',
}: PostListProps) {
  const [loaded, setLoaded] = useState<Loaded>({ first: page, more: [], nextCursor: page.nextCursor });
  const { error, pending, run } = useAction(onLoadMore);

  // A new first page (another filter, or a live update) starts over, unless it holds the same posts
  // and cursor: then the pages loaded after it still follow on, and only its contents are renewed.
  if (loaded.first !== page) {
    setLoaded(
      samePosts(loaded.first, page)
        ? { ...loaded, first: page }
        : { first: page, more: [], nextCursor: page.nextCursor },
    );
  }

  const posts = [...page.items, ...loaded.more];
  const { nextCursor } = loaded;

  function loadMore(cursor: string) {
    run(cursor, (next) =>
      setLoaded((current) => ({
        ...current,
        more: [...current.more, ...next.items],
        nextCursor: next.nextCursor,
      })),
    );
  }

  return (
    <section aria-label={label} aria-busy={pending} className="space-y-4">
      {posts.length === 0 ? (
        <p className="text-zinc-600">{emptyMessage}</p>
      ) : (
        <ul className="space-y-3">
          {posts.map((post) => (
            <li key={post.id}>
              <PostCard post={post} />
            </li>
          ))}
        </ul>
      )}
      <FormAlert error={error} />
      {nextCursor !== null && (
        <button
          type="button"
          disabled={pending}
          onClick={() => loadMore(nextCursor)}
          className={secondaryButtonClass}
        >
          Load more
        </button>
      )}
    </section>
  );
}

const samePosts = (a: Page<Post>, b: Page<Post>): boolean =>
  a.nextCursor === b.nextCursor &&
  a.items.length === b.items.length &&
  a.items.every((post, index) => post.id === b.items[index]?.id);
