'use server';

import type { Profile } from '@parity/domain';
import { type ActionResult, type ProfileFormValues, runAction } from '@parity/ui';
import { getActor } from '@/auth/session';
import { upsertProfile } from '@/data/profiles';

export async function upsertProfileAction(values: ProfileFormValues): Promise<ActionResult<Profile>> {
  const actor = await getActor();
  return runAction(() => upsertProfile(actor, values));
}
