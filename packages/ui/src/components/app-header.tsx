import { linkClass, secondaryButtonClass } from '../classes';
import { AppLink as Link } from '../link';
import { routes } from '../routes';

export interface SiblingApp {
  name: string;
  href: string;
}

interface AppHeaderProps {
  appName: string;
  /** The same app on the other two platforms. */
  siblings: SiblingApp[];
  /** The signed-in user, or null for a visitor. */
  viewer: { id: string; name: string } | null;
  /** Signs out; used as a form action, so a server action or a client function fits. */
  onSignOut: () => void | Promise<void>;
}

export function AppHeader({ appName, siblings, viewer, onSignOut }: AppHeaderProps) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={routes.home} className="text-lg font-semibold text-zinc-900">
          {appName}
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-4 text-sm">
          {viewer ? (
            <>
              <Link href={routes.newPost} className={linkClass}>
                New post
              </Link>
              <Link href={routes.me} className={linkClass}>
                Edit profile
              </Link>
              <span>
                Signed in as{' '}
                <Link href={routes.user(viewer.id)} className={linkClass}>
                  {viewer.name}
                </Link>
              </span>
              <form action={onSignOut}>
                <button type="submit" className={secondaryButtonClass}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href={routes.signIn} className={linkClass}>
                Sign in
              </Link>
              <Link href={routes.signUp} className={linkClass}>
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
      {siblings.length > 0 && (
        <nav aria-label="Same app on other platforms" className="bg-zinc-50 text-xs text-zinc-600">
          <div className="mx-auto flex max-w-4xl gap-3 px-4 py-1">
            <span aria-hidden="true">Same app on:</span>
            <ul className="flex gap-3">
              {siblings.map((sibling) => (
                <li key={sibling.href}>
                  {/* Another app on another origin: a full page load, never the client router. */}
                  <a href={sibling.href} className={linkClass}>
                    {sibling.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
