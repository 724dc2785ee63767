import type { Post } from '@parity/domain';
import { linkClass, tagChipClass } from '../classes';
import { formatTimestamp } from '../format';
import { AppLink as Link } from '../link';
import { routes } from '../routes';

/** Author, date, draft badge and tags: shown the same way on a card and on the post page. */
export function PostMeta({ post }: { post: Post }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600">
      <span>
        by{' '}
        <Link href={routes.user(post.author.id)} className={linkClass}>
          {post.author.name}
        </Link>
      </span>
      <time dateTime={post.createdAt}>{formatTimestamp(post.createdAt)}</time>
      {!post.published && (
        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Draft</span>
      )}
      {post.tags.length > 0 && (
        <ul aria-label="Tags of this post" className="flex flex-wrap gap-1">
          {post.tags.map((tag) => (
            <li key={tag}>
              <Link href={routes.tag(tag)} className={tagChipClass}>
                {tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
