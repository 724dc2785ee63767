import { getAuthUserId } from '@convex-dev/auth/server';
import type { Doc, Id } from '../_generated/dataModel';
import type { MutationCtx, QueryCtx } from '../_generated/server';
import { fail } from './errors';

/** The signed-in caller's user document, or null for a visitor (or a deleted account). */
export async function currentUser(ctx: QueryCtx): Promise<Doc<'users'> | null> {
  const userId = await getAuthUserId(ctx);
  return userId === null ? null : await ctx.db.get('users', userId);
}

/** Every write starts here: no user document for the caller → UNAUTHENTICATED. */
export async function requireUser(ctx: QueryCtx): Promise<Doc<'users'>> {
  const user = await currentUser(ctx);
  if (user === null) fail('UNAUTHENTICATED', 'Sign in first');
  return user;
}

/** A deleted account's Convex Auth records: its password login, sessions and refresh tokens. */
export async function deleteAuthRecords(ctx: MutationCtx, userId: Id<'users'>): Promise<void> {
  const accounts = await ctx.db
    .query('authAccounts')
    .withIndex('userIdAndProvider', (q) => q.eq('userId', userId))
    .collect();
  for (const account of accounts) await ctx.db.delete('authAccounts', account._id);
  const sessions = await ctx.db
    .query('authSessions')
    .withIndex('userId', (q) => q.eq('userId', userId))
    .collect();
  for (const session of sessions) {
    const tokens = await ctx.db
      .query('authRefreshTokens')
      .withIndex('sessionId', (q) => q.eq('sessionId', session._id))
      .collect();
    for (const token of tokens) await ctx.db.delete('authRefreshTokens', token._id);
    await ctx.db.delete('authSessions', session._id);
  }
}
