'use client';

import { SignUpForm, routes } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { usePasswordAuth } from '@/auth/accounts';

export function SignUp() {
  const { signUp } = usePasswordAuth();
  const router = useRouter();
  return <SignUpForm onSubmit={signUp} onSuccess={() => router.push(routes.home)} />;
}
