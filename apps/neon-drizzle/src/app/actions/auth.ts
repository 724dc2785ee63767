'use server';

import { type ActionResult, type SignInValues, type SignUpValues, runAction } from '@parity/ui';
import { routes } from '@parity/ui/routes';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signInWithPassword, signOut, signUpWithPassword } from '@/auth/accounts';

export async function signUpAction(values: SignUpValues): Promise<ActionResult<never>> {
  const result = await runAction(async () => signUpWithPassword(values, await headers()));
  if (!result.ok) return result;
  redirect(routes.home);
}

export async function signInAction(values: SignInValues): Promise<ActionResult<never>> {
  const result = await runAction(async () => signInWithPassword(values, await headers()));
  if (!result.ok) return result;
  redirect(routes.home);
}

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect(routes.home);
}
