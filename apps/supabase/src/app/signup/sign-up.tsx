'use client';

import { routes, runAction, SignUpForm } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { signUp } from '@/data';
import { useSupabase } from '../providers';

/**
 * Signs up from the browser through Supabase Auth, the name as user metadata (the contract
 * adapter signs up through the same data-layer function); the session lands in cookies.
 */
export function SignUp() {
  const supabase = useSupabase();
  const router = useRouter();
  return (
    <SignUpForm
      onSubmit={({ email, name, password }) => runAction(() => signUp(supabase, { email, name }, password))}
      onSuccess={() => {
        router.push(routes.home);
        router.refresh();
      }}
    />
  );
}
