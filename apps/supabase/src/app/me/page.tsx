import type { Metadata } from 'next';
import { ProfileForm, routes } from '@parity/ui';
import { redirect } from 'next/navigation';
import { getProfile } from '@/data';
import { getSupabase, getViewer } from '@/auth/session';
import { upsertProfileAction } from '../actions/profile';

export const metadata: Metadata = { title: 'Your profile' };

export default async function MePage() {
  const viewer = await getViewer();
  if (!viewer) redirect(routes.signIn);
  const profile = await getProfile(await getSupabase(), viewer.id);
  return <ProfileForm profile={profile} onSubmit={upsertProfileAction} />;
}
