'use client';

import { runAction, ProfileForm } from '@parity/ui';
import { useMutation, useQuery } from 'convex/react';
import { Loading } from '@/components/loading';
import { RequireViewer } from '@/auth/require-viewer';
import { mapErrors } from '@/data/contract-errors';
import { api } from '@/convex/_generated/api';

export function MyProfile() {
  return <RequireViewer>{(viewer) => <EditProfile userId={viewer.id} />}</RequireViewer>;
}

function EditProfile({ userId }: { userId: string }) {
  const profile = useQuery(api.profiles.getProfile, { userId });
  const upsertProfile = useMutation(api.profiles.upsertProfile);
  if (profile === undefined) return <Loading />;
  return (
    <ProfileForm
      profile={profile}
      onSubmit={(values) => runAction(() => mapErrors(upsertProfile({ profile: { ...values } })))}
    />
  );
}
