import type { Post } from '@parity/domain';
import { linkClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';
import { PostMeta } from './post-meta';

interface PostCardProps {
  post: Post;
}

export function PostCard({ post }: PostCardProps) {
  return (
    <article className="space-y-1 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 className="text-lg font-semibold">
        <Link href={routes.post(post.id)} className={linkClass}>
          {post.title}
        </Link>
      </h2>
      <PostMeta post={post} />
    </article>
  );
}
