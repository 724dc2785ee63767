import type { Metadata } from 'next';
import { ProfileForm } from '@parity/ui';
import { requireActor } from '@/auth/session';
import { getProfile } from '@/data/profiles';
import { upsertProfileAction } from '../actions/profile';

export const metadata: Metadata = { title: 'Your profile' };

export default async function MyProfilePage() {
  const actor = await requireActor();
  return <ProfileForm profile={await getProfile(actor.userId)} onSubmit={upsertProfileAction} />;
}
