'use server';

import { routes } from '@parity/ui';
import { redirect } from 'next/navigation';
import { getSupabase } from '@/auth/session';
import * as data from '@/data';

// Sign-up and sign-in run in the browser (supabase-js writes the session cookies there).
export async function signOutAction() {
  await data.signOut(await getSupabase());
  redirect(routes.home);
}
