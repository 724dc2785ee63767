import { ConvexCredentials } from '@convex-dev/auth/providers/ConvexCredentials';
import { convexAuth, createAccount, retrieveAccount } from '@convex-dev/auth/server';
import { ACCOUNT_MESSAGES, normalizeEmail } from '@parity/domain';
import { Scrypt } from 'lucia';
import { v } from 'convex/values';
import { internal } from './_generated/api';
import type { DataModel } from './_generated/dataModel';
import { env, internalQuery } from './_generated/server';
import { fail, parseArgs } from './lib/errors';
import { signUpWithPasswordInput } from './lib/signUp';
import { testPasswordHashing } from './lib/testPasswords';

const PROVIDER = 'password';

/**
 * Email + password on Convex Auth's credentials primitives. Its stock `Password` provider signs
 * a sign-up with an existing email and the same password into that account, and reports a
 * taken email as a plain Error; the contract wants CONFLICT (and every bad field at once), so
 * the two flows are spelled out here with the same hashing (lucia's Scrypt) as `Password`.
 */
const password = ConvexCredentials<DataModel>({
  id: PROVIDER,
  crypto:
    env.NODE_ENV === 'test'
      ? testPasswordHashing
      : {
          hashSecret: (secret) => new Scrypt().hash(secret),
          verifySecret: (secret, hash) => new Scrypt().verify(hash, secret),
        },
  authorize: async ({ flow, ...params }, ctx) => {
    if (flow === 'signUp') {
      const { email, name, password } = parseArgs(signUpWithPasswordInput, params);
      const emailTaken = () => ctx.runQuery(internal.auth.isEmailTaken, { email });
      if (await emailTaken()) fail('CONFLICT', ACCOUNT_MESSAGES.emailTaken);
      try {
        const { user } = await createAccount(ctx, {
          provider: PROVIDER,
          account: { id: email, secret: password },
          profile: { email, name },
        });
        return { userId: user._id };
      } catch (error) {
        // A concurrent sign-up committed the same email between the check and this insert.
        if (await emailTaken()) fail('CONFLICT', ACCOUNT_MESSAGES.emailTaken);
        throw error;
      }
    }
    if (flow === 'signIn') {
      const email = typeof params.email === 'string' ? normalizeEmail(params.email) : '';
      const secret = typeof params.password === 'string' ? params.password : '';
      try {
        const { user } = await retrieveAccount(ctx, {
          provider: PROVIDER,
          account: { id: email, secret },
        });
        return { userId: user._id };
      } catch {
        // Unknown email, wrong password or too many attempts: one answer, so accounts don't leak.
        fail('UNAUTHENTICATED', ACCOUNT_MESSAGES.wrongCredentials);
      }
    }
    fail('UNAUTHENTICATED', 'Unknown sign-in flow');
  },
});

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [password],
});

/** Sign-up's uniqueness check: emails are stored normalized, so this is case-insensitive. */
export const isEmailTaken = internalQuery({
  args: { email: v.string() },
  returns: v.boolean(),
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query('users')
      .withIndex('email', (q) => q.eq('email', args.email))
      .first();
    return user !== null;
  },
});
