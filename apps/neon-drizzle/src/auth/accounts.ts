import {
  ACCOUNT_MESSAGES,
  ContractError,
  emailSchema,
  parseInput,
  passwordSchema,
  signUpInput,
} from '@parity/domain';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { emailInUse } from '../data/users';
import { PASSWORD_MAX_LENGTH, getAuth } from './server';

// The domain's sign-up rules plus the password (SPEC.md §7, and Better Auth's own maximum), so
// one parse reports every bad field at once.
export const signUpWithPasswordInput = signUpInput.extend({
  password: passwordSchema.refine(
    (password) => password.length <= PASSWORD_MAX_LENGTH,
    `At most ${PASSWORD_MAX_LENGTH} characters`,
  ),
});
export const signInInput = z.strictObject({ email: emailSchema, password: z.string().min(1, 'Required') });

const emailTaken = () => new ContractError('CONFLICT', ACCOUNT_MESSAGES.emailTaken);

/**
 * Email + password sign-up through Better Auth, after the domain's validation; the new user is
 * signed in. `headers` are the request's in a server action (nextCookies() then sets the session
 * cookie); the contract adapter passes none and acts as the returned user.
 */
export async function signUpWithPassword(
  input: z.input<typeof signUpWithPasswordInput>,
  headers?: Headers,
): Promise<{ userId: string }> {
  const body = parseInput(signUpWithPasswordInput, input);
  try {
    const { user } = await getAuth().api.signUpEmail({ body, ...(headers && { headers }) });
    return { userId: user.id };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.body?.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') throw emailTaken();
    // A concurrent sign-up with the same address passes Better Auth's lookup, then loses at the
    // unique index on email; Better Auth reports that as a failed insert. The winner has
    // committed by the time the index refuses, so the address is now visibly taken.
    if (error.body?.code === 'FAILED_TO_CREATE_USER' && (await emailInUse(body.email))) throw emailTaken();
    throw error;
  }
}

/** Email + password sign-in; the session cookie is set through nextCookies(). */
export async function signInWithPassword(
  input: z.input<typeof signInInput>,
  headers: Headers,
): Promise<void> {
  const body = parseInput(signInInput, input);
  try {
    await getAuth().api.signInEmail({ body, headers });
  } catch (error) {
    if (error instanceof APIError && error.body?.code === 'INVALID_EMAIL_OR_PASSWORD') {
      throw new ContractError('UNAUTHENTICATED', ACCOUNT_MESSAGES.wrongCredentials);
    }
    throw error;
  }
}

export async function signOut(headers: Headers): Promise<void> {
  await getAuth().api.signOut({ headers });
}
