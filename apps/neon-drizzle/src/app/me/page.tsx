import { ProfileForm } from '@parity/ui';
import { requireActor } from '@/auth/session';
import { getProfile } from '@/data/profiles';
import { upsertProfileAction } from '../actions/profile';

export default async function MyProfilePage() {
  const actor = await requireActor();
  return <ProfileForm profile={await getProfile(actor.userId)} onSubmit={upsertProfileAction} />;
}
