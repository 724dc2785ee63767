import { createHash } from 'node:crypto';
import { type Pool } from 'pg';
import { type Claims } from '../keys';
import { withPooledClient } from '../pooled';

export interface RequestIdentity {
  role: string;
  claims: Claims;
  method: string;
  path: string;
  /** The request's headers (lower-case names) and cookies, as PostgREST hands them to SQL. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

// The request's role and what PostgREST hands to SQL, local to the transaction.
const SETTINGS = `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
              set_config('request.method', $3, true), set_config('request.path', $4, true),
              set_config('request.headers', $5, true), set_config('request.cookies', $6, true)`;

/**
 * The name a statement is prepared under on each connection: PostgREST prepares its statements
 * (`db-prepared-statements`, on by default), so a request repeating an earlier one skips the
 * parsing and planning (RLS policies and views included) and only binds its values.
 */
function preparedName(text: string): string {
  return `pgrst_${createHash('sha1').update(text).digest('hex')}`;
}

/**
 * Runs a request's one statement in its own transaction as the JWT's role, with the claims in
 * `request.jwt.claims`, so RLS policies (and auth.uid()) decide what the request may see and
 * change. `set_config('role', …, true)` is `SET LOCAL ROLE` with the role as a bind parameter.
 * `check` sees the first row before the transaction ends; throwing rolls a write back.
 *
 * The pool's connections pipeline (pg's `pipeline` option): BEGIN, the settings and the statement
 * leave together, one round trip where waiting for each answer took three. A read-only request's
 * COMMIT goes with them (it can change nothing, so the check need not come first); a write's waits
 * for the check. Every statement keeps its own Sync: one that fails aborts the transaction, and the
 * ones behind it fail, as they would have one by one.
 */
export async function inRequestTransaction<R>(
  pool: Pool,
  identity: RequestIdentity,
  statement: { text: string; values: unknown[] },
  options: { rollback?: boolean; timezone?: string | null; check?: (row: R) => void } = {},
): Promise<R> {
  return withPooledClient(pool, async (client, discard) => {
    const sent: Promise<unknown>[] = [];
    const send = (text: string, values?: unknown[]) => {
      const result = client.query(
        values === undefined ? { text } : { name: preparedName(text), text, values },
      );
      // Awaited in order below; an earlier failure must not leave this one unhandled.
      result.catch(() => undefined);
      sent.push(result);
      return result;
    };
    try {
      // As in PostgREST, GET and HEAD run read-only: a write there fails with 25006 (405).
      const readOnly = identity.method === 'GET' || identity.method === 'HEAD';
      send(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      send(SETTINGS, [
        identity.role,
        JSON.stringify(identity.claims),
        identity.method,
        identity.path,
        JSON.stringify(identity.headers),
        JSON.stringify(identity.cookies),
      ]);
      // Prefer: timezone, set as PostgREST sets it; PostgreSQL answers 22023 for an unknown zone.
      if (options.timezone) send(`select set_config('timezone', $1, true)`, [options.timezone]);
      const result = send(statement.text, statement.values);
      const end = readOnly && !options.rollback ? send('COMMIT') : null;
      // The first failure in sending order is the answer: the statements behind it failed for it.
      for (const query of sent) await query;
      const row = (await result).rows[0] as R;
      options.check?.(row);
      if (end) await end;
      else if (options.rollback) {
        // Prefer: tx=rollback, as PostgREST ends it: deferred constraints are checked first, so the
        // answer is the one a commit would have given.
        await client.query('SET CONSTRAINTS ALL IMMEDIATE');
        await client.query('ROLLBACK');
      } else await client.query('COMMIT');
      return row;
    } catch (error) {
      await client.query('ROLLBACK').catch(discard);
      throw error;
    }
  });
}
