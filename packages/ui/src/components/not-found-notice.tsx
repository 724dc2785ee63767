import { linkClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';

/** What a page shows for anything missing or not visible to the viewer (the two look the same). */
export function NotFoundNotice({ what = 'Page' }: { what?: string }) {
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">{what} not found</h1>
      <p className="text-zinc-600">It does not exist, or it is not visible to you.</p>
      <Link href={routes.home} className={linkClass}>
        Back to all posts
      </Link>
    </section>
  );
}
