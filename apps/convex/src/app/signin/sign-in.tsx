'use client';

import { SignInForm, routes } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { usePasswordAuth } from '@/auth/accounts';

export function SignIn() {
  const { signIn } = usePasswordAuth();
  const router = useRouter();
  return <SignInForm onSubmit={signIn} onSuccess={() => router.push(routes.home)} />;
}
