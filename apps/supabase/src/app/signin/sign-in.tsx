'use client';

import { routes, runAction, SignInForm } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { signIn } from '@/data';
import { useSupabase } from '../providers';

/** Signs in from the browser: supabase-js writes the session cookies the server then reads. */
export function SignIn() {
  const supabase = useSupabase();
  const router = useRouter();
  return (
    <SignInForm
      onSubmit={(values) => runAction(() => signIn(supabase, values))}
      onSuccess={() => {
        router.push(routes.home);
        router.refresh();
      }}
    />
  );
}
