import { parseInput, toIsoTimestamp, upsertProfileInput, type Profile } from '@parity/domain';
import type { Supabase } from './supabase/types';
import { dataOrThrow } from './errors';
import { isUuid } from './ids';
import { requireSessionUser } from './session';

const PROFILE_COLUMNS = 'user_id, bio, avatar_url, updated_at';

type ProfileRow = { user_id: string; bio: string | null; avatar_url: string | null; updated_at: string };

function toProfile(row: ProfileRow): Profile {
  return {
    userId: row.user_id,
    bio: row.bio,
    avatarUrl: row.avatar_url,
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

export async function getProfile(supabase: Supabase, userId: string): Promise<Profile | null> {
  if (!isUuid(userId)) return null;
  const row = dataOrThrow(
    await supabase.from('profiles').select(PROFILE_COLUMNS).eq('user_id', userId).maybeSingle(),
  );
  return row && toProfile(row);
}

/**
 * One upsert on the primary key: user_id defaults to auth.uid() and is not writable, and only the
 * given columns are sent, so an existing profile keeps the fields the caller left out.
 */
export async function upsertProfile(
  supabase: Supabase,
  input: { bio?: string | null; avatarUrl?: string | null },
): Promise<Profile> {
  const user = await requireSessionUser(supabase);
  const { bio, avatarUrl } = parseInput(upsertProfileInput, input);
  const changes = {
    ...(bio !== undefined && { bio }),
    ...(avatarUrl !== undefined && { avatar_url: avatarUrl }),
  };
  if (Object.keys(changes).length === 0) {
    // Nothing to change: create the profile if missing (ignoreDuplicates keeps an existing one).
    dataOrThrow(
      await supabase
        .from('profiles')
        .upsert({ bio: null }, { onConflict: 'user_id', ignoreDuplicates: true }),
    );
    const profile = await getProfile(supabase, user.id);
    if (!profile) throw new Error('The profile was neither created nor found');
    return profile;
  }
  const row = dataOrThrow(
    await supabase
      .from('profiles')
      .upsert(changes, { onConflict: 'user_id' })
      .select(PROFILE_COLUMNS)
      .single(),
  );
  return toProfile(row);
}
