import type { Profile, PublicUser } from '@parity/domain';
import { useId } from 'react';
import { linkClass } from '../classes';
import { formatTimestamp } from '../format';
import { AppLink as Link } from '../link';
import { routes } from '../routes';

interface ProfileViewProps {
  user: PublicUser;
  /** null until the user saves a profile for the first time. */
  profile: Profile | null;
  /** Shows the "Edit profile" link when the viewer is this user. */
  isOwner?: boolean;
}

export function ProfileView({ user, profile, isOwner = false }: ProfileViewProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex gap-4">
      {profile?.avatarUrl && (
        // A user-supplied URL on any host: a plain img, not a framework image optimizer.
        <img
          src={profile.avatarUrl}
          alt={`Avatar of ${user.name}`}
          className="size-20 rounded-full object-cover"
        />
      )}
      <div className="space-y-1">
        <h1 id={headingId} className="text-2xl font-semibold">
          {user.name}
        </h1>
        <p className="text-sm text-zinc-600">
          Member since <time dateTime={user.createdAt}>{formatTimestamp(user.createdAt)}</time>
        </p>
        {profile?.bio ? (
          <p className="whitespace-pre-wrap">{profile.bio}</p>
        ) : (
          <p className="text-zinc-500 italic">No bio yet.</p>
        )}
        {isOwner && (
          <Link href={routes.me} className={linkClass}>
            Edit your profile
          </Link>
        )}
      </div>
    </section>
  );
}
