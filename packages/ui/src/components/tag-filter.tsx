import { useId } from 'react';
import { inputClass, linkClass, secondaryButtonClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';

interface TagFilterProps {
  /** The current `?tag=` value, as typed (the platform normalizes it). */
  activeTag?: string | null;
}

/** A GET form for `/?tag=`, so filtering works with or without JavaScript on every app. */
export function TagFilter({ activeTag = null }: TagFilterProps) {
  const inputId = useId();
  return (
    <form role="search" action={routes.home} method="get" className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800">
          Filter by tag
        </label>
        {/* Keyed by the filter, so a client-side navigation to another tag shows that tag. */}
        <input
          key={activeTag}
          id={inputId}
          name="tag"
          defaultValue={activeTag ?? ''}
          className={inputClass}
        />
      </div>
      <button type="submit" className={secondaryButtonClass}>
        Filter
      </button>
      {activeTag && (
        <Link href={routes.home} className={linkClass}>
          Clear filter
        </Link>
      )}
    </form>
  );
}
