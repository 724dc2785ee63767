import type { Tag } from '@parity/domain';
import { AppLink as Link } from '../link';
import { routes } from '../routes';

interface TagCloudProps {
  /** listTags: postCount desc, then name. */
  tags: Tag[];
  /** The tag the list is filtered by, marked as the current one. */
  activeTag?: string | null;
}

/** Every tag in use with its number of published posts; each links to the tag filter. */
export function TagCloud({ tags, activeTag = null }: TagCloudProps) {
  return (
    <nav aria-label="Tags" className="space-y-2">
      <h2 className="text-sm font-semibold tracking-wide text-zinc-600 uppercase">Tags</h2>
      {tags.length === 0 ? (
        <p className="text-sm text-zinc-500">No tags yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {tags.map((tag) => (
            <li key={tag.name}>
              <Link
                href={routes.tag(tag.name)}
                aria-current={tag.name === activeTag ? 'page' : undefined}
                className="inline-flex items-center gap-1 rounded-full border border-zinc-200 bg-white px-2.5 py-1 text-sm hover:border-indigo-400 aria-[current=page]:border-indigo-600 aria-[current=page]:bg-indigo-50"
              >
                <span>{tag.name}</span> <span className="text-xs text-zinc-600">{tag.postCount}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
