'use server';

import type { ProfileFormValues } from '@parity/ui';
import { runAction } from '@parity/ui';
import { getSupabase } from '@/auth/session';
import * as data from '@/data';

export async function upsertProfileAction(values: ProfileFormValues) {
  return runAction(async () => data.upsertProfile(await getSupabase(), values));
}
