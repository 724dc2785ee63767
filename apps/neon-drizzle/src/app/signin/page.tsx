import type { Metadata } from 'next';
import { SignInForm } from '@parity/ui';
import { routes } from '@parity/ui/routes';
import { redirect } from 'next/navigation';
import { getActor } from '@/auth/session';
import { signInAction } from '../actions/auth';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getActor()) redirect(routes.home);
  return <SignInForm onSubmit={signInAction} />;
}
