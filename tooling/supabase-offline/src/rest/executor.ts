import { type Pool, type PoolClient } from 'pg';
import { type Claims } from '../keys';

export interface RequestIdentity {
  role: string;
  claims: Claims;
  method: string;
  path: string;
  /** The request's headers (lower-case names) and cookies, as PostgREST hands them to SQL. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

/**
 * Runs one request in its own transaction as the JWT's role, with the claims in
 * `request.jwt.claims`, so RLS policies (and auth.uid()) decide what the request may see and
 * change. `set_config('role', …, true)` is `SET LOCAL ROLE` with the role as a bind parameter.
 */
export async function inRequestTransaction<T>(
  pool: Pool,
  identity: RequestIdentity,
  work: (client: PoolClient) => Promise<T>,
  options: { rollback?: boolean; timezone?: string | null } = {},
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // As in PostgREST, GET and HEAD run read-only: a write there fails with 25006 (405).
    const readOnly = identity.method === 'GET' || identity.method === 'HEAD';
    await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    await client.query(
      `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
              set_config('request.method', $3, true), set_config('request.path', $4, true),
              set_config('request.headers', $5, true), set_config('request.cookies', $6, true)`,
      [
        identity.role,
        JSON.stringify(identity.claims),
        identity.method,
        identity.path,
        JSON.stringify(identity.headers),
        JSON.stringify(identity.cookies),
      ],
    );
    // Prefer: timezone, set as PostgREST sets it; PostgreSQL answers 22023 for an unknown zone.
    if (options.timezone) await client.query(`select set_config('timezone', $1, true)`, [options.timezone]);
    const result = await work(client);
    if (options.rollback) {
      // Prefer: tx=rollback, as PostgREST ends it: deferred constraints are checked first, so the
      // answer is the one a commit would have given.
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      await client.query('ROLLBACK');
    } else await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
