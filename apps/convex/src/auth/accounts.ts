'use client';

import { useAuthActions } from '@convex-dev/auth/react';
import { ContractError, parseInput } from '@parity/domain';
import { runAction, type SignInValues, type SignUpValues } from '@parity/ui';
import { signUpWithPasswordInput } from '@/convex/lib/signUp';

/**
 * Sign-up and sign-in through Convex Auth's `signIn('password', …)` (convex/auth.ts). Its
 * Next.js route hands the browser only an error's message, not ConvexError data
 * (get-convex/convex-auth#229), so the form checks the fields with the same rules first and a
 * refusal becomes one contract error.
 */
export function usePasswordAuth() {
  const { signIn } = useAuthActions();
  return {
    signUp: (values: SignUpValues) =>
      runAction(async () => {
        parseInput(signUpWithPasswordInput, values);
        await signIn('password', { ...values, flow: 'signUp' }).catch(() => {
          throw new ContractError('CONFLICT', 'This email cannot sign up: it may already have an account.');
        });
      }),
    signIn: (values: SignInValues) =>
      runAction(async () => {
        await signIn('password', { ...values, flow: 'signIn' }).catch(() => {
          throw new ContractError('UNAUTHENTICATED', 'Wrong email or password.');
        });
      }),
  };
}
