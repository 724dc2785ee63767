import { v } from 'convex/values';
import { env, internalMutation } from './_generated/server';
import type { TableNames } from './_generated/dataModel';

// Users with their Convex Auth records, so an email is free again after a reset.
const DOMAIN_TABLES: TableNames[] = [
  'auditLogs',
  'postTags',
  'posts',
  'tags',
  'profiles',
  'authRefreshTokens',
  'authSessions',
  'authVerificationCodes',
  'authAccounts',
  'authRateLimits',
  'users',
];
const BATCH = 1000;

/**
 * Empties the domain tables for test isolation, a bounded batch at a time: returns true while
 * documents remain, and the caller runs it again. Internal, so only the deployment's admin (the
 * CLI, `npx convex run testing:resetDomainTables`) or a test harness can call it, and only where
 * PARITY_ALLOW_RESET is "true": a production deployment refuses even its admin.
 */
export const resetDomainTables = internalMutation({
  args: {},
  returns: v.boolean(),
  handler: async (ctx) => {
    if (env.PARITY_ALLOW_RESET !== 'true') throw new Error('Set PARITY_ALLOW_RESET=true to allow resets');
    let budget = BATCH;
    for (const table of DOMAIN_TABLES) {
      for (const doc of await ctx.db.query(table).take(budget)) {
        await ctx.db.delete(table, doc._id);
        budget--;
      }
      if (budget === 0) return true;
    }
    return false;
  },
});
