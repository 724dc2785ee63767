import type { FunctionArgs } from 'convex/server';
import { decodeJwt } from 'jose';
import { signUpInput } from '@parity/domain';
import type { api } from '../convex/_generated/api';
import { inputArgument } from '../src/data/convex-args';

type SignInArgs = FunctionArgs<typeof api.auth.signIn>;

/**
 * What the app's sign-up form sends to Convex Auth (`signIn('password', …)`): the account, a
 * password of the adapter's own, and the sign-up flow.
 */
export function signUpArgs(account: { email: string; name: string }): SignInArgs {
  const carried = inputArgument(signUpInput, account);
  return { provider: 'password', params: { ...carried, password: crypto.randomUUID(), flow: 'signUp' } };
}

/** The token Convex Auth returns on a successful sign-in; anything else is a bug. */
export function tokenOf(result: { tokens?: { token: string } | null }): string {
  if (!result.tokens) throw new Error('Convex Auth signed in without returning tokens');
  return result.tokens.token;
}

/** Convex Auth's `sub` claim, `<userId>|<sessionId>`, which getAuthUserId reads back. */
export function subjectOf(token: string): string {
  const { sub } = decodeJwt(token);
  if (!sub) throw new Error('Convex Auth token without a subject');
  return sub;
}
