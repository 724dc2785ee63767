import { ContractError } from '@parity/domain';
import type { Supabase } from './supabase/types';

export interface SessionUser {
  id: string;
  email: string;
}

/** The signed-in user of this client, read from its stored session (no request). */
export async function sessionUser(supabase: Supabase): Promise<SessionUser | null> {
  const { data } = await supabase.auth.getSession();
  const user = data.session?.user;
  return user ? { id: user.id, email: user.email ?? '' } : null;
}

/** Authentication is checked first: an anonymous write is UNAUTHENTICATED whatever it targets. */
export async function requireSessionUser(supabase: Supabase): Promise<SessionUser> {
  const user = await sessionUser(supabase);
  if (!user) throw new ContractError('UNAUTHENTICATED', 'Sign in first');
  return user;
}
