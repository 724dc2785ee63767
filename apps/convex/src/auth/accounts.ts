'use client';

import { useAuthActions } from '@convex-dev/auth/react';
import { contractErrorFromData, parseInput, type ContractError } from '@parity/domain';
import { runAction, type SignInValues, type SignUpValues } from '@parity/ui';
import { signUpWithPasswordInput } from '@/convex/lib/signUp';

/**
 * The contract error a refused `auth:signIn` carries. Convex Auth's Next.js route hands the
 * browser only the error's message, not ConvexError data (get-convex/convex-auth#229); a
 * ConvexError's message is its data as JSON, so that is read back. Anything else — the network,
 * a bug — is not a contract error and is rethrown as it is (SPEC.md §7).
 */
function contractErrorOf(error: unknown): ContractError | null {
  const message = error instanceof Error ? error.message : '';
  const start = message.indexOf('{"code":');
  if (start < 0) return null;
  // The data ends at one of the closing braces that follow; the first that parses is it.
  for (let end = message.indexOf('}', start); end >= 0; end = message.indexOf('}', end + 1)) {
    try {
      return contractErrorFromData(JSON.parse(message.slice(start, end + 1)));
    } catch {
      // not yet the end of the object
    }
  }
  return null;
}

function rethrowAsContractError(error: unknown): never {
  throw contractErrorOf(error) ?? error;
}

/**
 * Sign-up and sign-in through Convex Auth's `signIn('password', …)` (convex/auth.ts). The form
 * checks the fields with the same rules first, so every bad field shows at once.
 */
export function usePasswordAuth() {
  const { signIn } = useAuthActions();
  return {
    signUp: (values: SignUpValues) =>
      runAction(async () => {
        parseInput(signUpWithPasswordInput, values);
        await signIn('password', { ...values, flow: 'signUp' }).catch(rethrowAsContractError);
      }),
    signIn: (values: SignInValues) =>
      runAction(async () => {
        await signIn('password', { ...values, flow: 'signIn' }).catch(rethrowAsContractError);
      }),
  };
}
