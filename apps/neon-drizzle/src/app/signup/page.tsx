import type { Metadata } from 'next';
import { SignUpForm } from '@parity/ui';
import { routes } from '@parity/ui/routes';
import { redirect } from 'next/navigation';
import { getActor } from '@/auth/session';
import { signUpAction } from '../actions/auth';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  if (await getActor()) redirect(routes.home);
  return <SignUpForm onSubmit={signUpAction} />;
}
