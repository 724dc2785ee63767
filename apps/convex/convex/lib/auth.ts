import type { QueryCtx } from '../_generated/server';
import type { Doc } from '../_generated/dataModel';
import { fail } from './errors';

/** The signed-in caller's user document, or null for a visitor (or an identity not signed up). */
export async function currentUser(ctx: QueryCtx): Promise<Doc<'users'> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return await ctx.db
    .query('users')
    .withIndex('by_token_identifier', (q) => q.eq('tokenIdentifier', identity.tokenIdentifier))
    .unique();
}

/** Every write starts here: no user document for the caller → UNAUTHENTICATED. */
export async function requireUser(ctx: QueryCtx): Promise<Doc<'users'>> {
  const user = await currentUser(ctx);
  if (user === null) fail('UNAUTHENTICATED', 'Sign in first');
  return user;
}
